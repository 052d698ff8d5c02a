import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RunningEmulator } from '../../emulator';
import { assertError, basic, raw, requestToken, seedIds, sleep, start, token } from './helpers';

describe('emulator: POST /oauth/token', () => {
	let emu: RunningEmulator;
	before(async () => (emu = await start()));
	after(() => emu.close());
	beforeEach(() => emu.reset());

	it('issues an opaque bearer token for client credentials sent as Basic + form, without a scope field', async () => {
		const res = await requestToken(emu, 'demo-client', 'demo-secret');
		assert.equal(res.status, 200);
		assert.match(res.headers['inin-correlation-id'], /^[0-9a-f-]{36}$/);
		assert.equal(res.data.token_type, 'bearer');
		assert.equal(res.data.expires_in, 86400);
		assert.ok(res.data.access_token.length >= 30);
		assert.equal('scope' in res.data, false, 'the default policy (ignore) echoes no scope');
		const other = await requestToken(emu, 'demo-client', 'demo-secret');
		assert.notEqual(other.data.access_token, res.data.access_token);
		const stats = emu.stats();
		assert.equal(stats.tokensIssued, 2);
		assert.deepEqual(stats.tokenRequests[0], { clientId: 'demo-client', scope: null, status: 200 });
		assert.equal(stats.requests.token['200'], 2);
	});

	it('answers invalid_client (401 by default, 400 by knob) for a wrong secret, an unknown client or no Basic header', async () => {
		const expected = {
			error: 'invalid_client',
			description: 'authentication failed',
			error_description: 'authentication failed',
		};
		const wrongSecret = await requestToken(emu, 'demo-client', 'nope');
		assert.equal(wrongSecret.status, 401);
		assert.deepEqual(wrongSecret.data, expected);
		const unknown = await requestToken(emu, 'someone', 'demo-secret');
		assert.equal(unknown.status, 401);
		assert.deepEqual(unknown.data, expected);
		const noHeader = await raw(emu).post('/oauth/token', 'grant_type=client_credentials', {
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		});
		assert.equal(noHeader.status, 401);
		assert.equal(noHeader.data.error, 'invalid_client');
		emu.configure({ invalidClientStatus: 400 });
		const as400 = await requestToken(emu, 'demo-client', 'nope');
		assert.equal(as400.status, 400);
		assert.deepEqual(as400.data, expected);
		const stats = emu.stats();
		assert.equal(stats.tokensIssued, 0);
		assert.deepEqual(
			stats.tokenRequests.map((r) => [r.clientId, r.status]),
			[
				['demo-client', 401],
				['someone', 401],
				[null, 401],
				['demo-client', 400],
			],
		);
	});

	it('rejects other grant types and a missing grant_type', async () => {
		const password = await raw(emu).post(
			'/oauth/token',
			'grant_type=password&username=a&password=b',
			{
				headers: {
					Authorization: basic('demo-client', 'demo-secret'),
					'Content-Type': 'application/x-www-form-urlencoded',
				},
			},
		);
		assert.equal(password.status, 400);
		assert.equal(password.data.error, 'unsupported_grant_type');
		assert.match(password.data.error_description, /password/);
		const missing = await raw(emu).post('/oauth/token', '', {
			headers: {
				Authorization: basic('demo-client', 'demo-secret'),
				'Content-Type': 'application/x-www-form-urlencoded',
			},
		});
		assert.equal(missing.status, 400);
		assert.equal(missing.data.error, 'invalid_request');
	});

	it("tokenScopePolicy 'ignore' records the requested scope but grants and echoes nothing", async () => {
		const res = await requestToken(emu, 'no-scope-client', 'no-scope-secret', 'flow:execute');
		assert.equal(res.status, 200);
		assert.equal('scope' in res.data, false);
		assert.deepEqual(emu.stats().tokenRequests[0], {
			clientId: 'no-scope-client',
			scope: 'flow:execute',
			status: 200,
		});
	});

	it("tokenScopePolicy 'reject-unknown' answers invalid_scope for a scope the client may not have", async () => {
		emu.configure({ tokenScopePolicy: 'reject-unknown' });
		const refused = await requestToken(emu, 'no-scope-client', 'no-scope-secret', 'flow:execute');
		assert.equal(refused.status, 400);
		assert.equal(refused.data.error, 'invalid_scope');
		assert.match(refused.data.description, /flow:execute/);
		assert.equal(refused.data.error_description, refused.data.description);
		const allowed = await requestToken(emu, 'demo-client', 'demo-secret', 'flow:execute');
		assert.equal(allowed.status, 200);
		const none = await requestToken(emu, 'no-scope-client', 'no-scope-secret');
		assert.equal(none.status, 200);
	});

	it("tokenScopePolicy 'grant-allowed' grants the allowed subset and reports it in scope", async () => {
		emu.configure({ tokenScopePolicy: 'grant-allowed' });
		const both = await requestToken(emu, 'demo-client', 'demo-secret', 'flow:execute bogus:scope');
		assert.equal(both.status, 200);
		assert.equal(both.data.scope, 'flow:execute');
		const none = await requestToken(emu, 'no-scope-client', 'no-scope-secret', 'flow:execute');
		assert.equal(none.status, 200);
		assert.equal('scope' in none.data, false, 'nothing granted: scope omitted');
		const unasked = await requestToken(emu, 'no-scope-client', 'no-scope-secret');
		assert.equal(
			unasked.data.scope,
			'architect:readonly',
			'no scope requested: every allowed scope',
		);
	});

	it('tokens expire after tokenLifetimeSeconds and then answer 401 bad.credentials', async () => {
		emu.configure({ tokenLifetimeSeconds: 1 });
		const res = await requestToken(emu, 'demo-client', 'demo-secret');
		assert.equal(res.data.expires_in, 1);
		const get = () =>
			raw(emu).get(`/api/v2/flows/${seedIds.demo}`, {
				headers: { Authorization: `Bearer ${res.data.access_token}` },
			});
		assert.equal((await get()).status, 200);
		await sleep(1100);
		assertError(await get(), 401, 'bad.credentials', 'Invalid login credentials');
	});

	it('POST /__emulator/tokens/expire and expireTokens() expire every issued token now', async () => {
		const t1 = await token(emu);
		const t2 = await token(emu);
		const get = (t: string) =>
			raw(emu).get('/api/v2/flows', { headers: { Authorization: `Bearer ${t}` } });
		assert.equal((await get(t1)).status, 200);
		const expired = await raw(emu).post('/__emulator/tokens/expire');
		assert.equal(expired.status, 200);
		assert.equal(expired.data.expired, 2);
		assertError(await get(t1), 401, 'bad.credentials');
		assertError(await get(t2), 401, 'bad.credentials');
		const t3 = await token(emu);
		assert.equal((await get(t3)).status, 200, 'a new token works');
		emu.expireTokens();
		assertError(await get(t3), 401, 'bad.credentials');
	});

	it('answers 401 authentication.required without a bearer token and bad.credentials for an unknown one', async () => {
		assertError(
			await raw(emu).get('/api/v2/flows'),
			401,
			'authentication.required',
			'No authentication bearer token',
		);
		assertError(
			await raw(emu).get('/api/v2/flows', { headers: { Authorization: 'Basic abc' } }),
			401,
			'authentication.required',
		);
		assertError(
			await raw(emu).get('/api/v2/flows', { headers: { Authorization: 'Bearer made-up' } }),
			401,
			'bad.credentials',
		);
	});

	it('rate-limits the token endpoint per client only when tokenRateLimit is set', async () => {
		for (let i = 0; i < 5; i++)
			assert.equal((await requestToken(emu, 'demo-client', 'demo-secret')).status, 200);
		emu.configure({ tokenRateLimit: { requests: 2, windowSeconds: 30 } });
		assert.equal((await requestToken(emu, 'demo-client', 'demo-secret')).status, 200);
		assert.equal((await requestToken(emu, 'demo-client', 'demo-secret')).status, 200);
		const limited = await requestToken(emu, 'demo-client', 'demo-secret');
		assertError(limited, 429, 'too.many.requests');
		assert.ok(Number(limited.headers['retry-after']) >= 1);
		assert.equal(
			(await requestToken(emu, 'no-launch-client', 'no-launch-secret')).status,
			200,
			'other clients have their own window',
		);
	});
});
