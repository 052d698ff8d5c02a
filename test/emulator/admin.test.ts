import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RunningEmulator } from '../../emulator';
import { defaultKnobs } from '../../emulator';
import { api, assertError, raw, seedIds, start, token } from './helpers';

describe('emulator: /__emulator endpoints, stats, reset, unknown routes', () => {
	let emu: RunningEmulator;
	before(async () => (emu = await start({ knobs: { latencyMs: 1 } })));
	after(() => emu.close());
	beforeEach(() => emu.reset());

	it('GET /__emulator/config returns the knobs; POST merges them and rejects unknown knobs or bad values', async () => {
		const initial = await raw(emu).get('/__emulator/config');
		assert.equal(initial.status, 200);
		assert.deepEqual(initial.data, { ...defaultKnobs(), latencyMs: 1 });
		const merged = await raw(emu).post('/__emulator/config', {
			rateLimit: { requests: 10, windowSeconds: 1 },
			requireScope: 'flow:execute',
		});
		assert.equal(merged.status, 200);
		assert.deepEqual(merged.data.rateLimit, { requests: 10, windowSeconds: 1 });
		assert.equal(merged.data.requireScope, 'flow:execute');
		assert.equal(merged.data.latencyMs, 1, 'other knobs kept');
		assert.deepEqual(emu.knobs().rateLimit, { requests: 10, windowSeconds: 1 });
		assertError(
			await raw(emu).post('/__emulator/config', { latency: 5 }),
			400,
			'bad.request',
			"Unknown knob 'latency'",
		);
		assertError(
			await raw(emu).post('/__emulator/config', { faults: { launch: { status500: 2 } } }),
			400,
			'bad.request',
			'between 0 and 1',
		);
		assertError(
			await raw(emu).post('/__emulator/config', { faults: { launchh: { status500: 1 } } }),
			400,
			'bad.request',
			'launchh',
		);
		assertError(
			await raw(emu).post('/__emulator/config', { tokenScopePolicy: 'strict' }),
			400,
			'bad.request',
			'tokenScopePolicy',
		);
		assertError(
			await raw(emu).post('/__emulator/config', '{nope', {
				headers: { 'Content-Type': 'application/json' },
				transformRequest: [(d: unknown) => d],
			}),
			400,
			'bad.request',
			'not JSON',
		);
		assert.throws(() => emu.configure({ maxPageSize: 0 }), /maxPageSize/);
		assert.equal(emu.knobs().requireScope, 'flow:execute', 'a rejected patch changes nothing');
	});

	it('counts requests per route and status, launches per flow, tokens; ignores /__emulator calls', async () => {
		const client = await api(emu);
		await client.get('/api/v2/flows');
		await client.get(`/api/v2/flows/${seedIds.demo}`);
		await client.get('/api/v2/flows/unknown');
		await client.get(`/api/v2/flows/${seedIds.demo}/versions`);
		await client.get(`/api/v2/flows/${seedIds.demo}/versions/1.0`);
		const launched = await client.post('/api/v2/flows/executions', {
			flowId: seedIds.noInputs,
			inputData: {},
		});
		await client.post('/api/v2/flows/executions', { flowId: seedIds.noInputs, inputData: {} });
		await client.post('/api/v2/flows/executions', { flowId: seedIds.demo, inputData: null }); // 400 invalid.value
		await client.get(`/api/v2/flows/executions/${launched.data.id}`);
		await raw(emu).get('/__emulator/stats');
		const res = await raw(emu).get('/__emulator/stats');
		assert.equal(res.status, 200);
		assert.deepEqual(res.data.requests, {
			token: { 200: 1 },
			listFlows: { 200: 1 },
			getFlow: { 200: 1, 404: 1 },
			listVersions: { 200: 1 },
			getVersion: { 200: 1 },
			launch: { 200: 2, 400: 1 },
			getExecution: { 200: 1 },
		});
		assert.deepEqual(res.data.launches, { [seedIds.noInputs]: 2 });
		assert.equal(res.data.launchesTotal, 2);
		assert.equal(res.data.duplicateLaunches, 1);
		assert.equal(res.data.tokensIssued, 1);
		assert.equal(res.data.tokenRequestsTotal, 1);
		assert.equal(res.data.rateLimited, 0);
		assert.equal(res.data.contractViolations, 0);
		assert.deepEqual(res.data, emu.stats());
		const launches = await raw(emu).get('/__emulator/launches');
		assert.deepEqual(
			launches.data.map((a: { status: number }) => a.status),
			[200, 200, 400],
		);
		assert.equal(launches.data[2].errorCode, 'invalid.value');
	});

	it('POST /__emulator/reset forgets executions, tokens and stats and restores the start-up knobs', async () => {
		const bearer = await token(emu);
		const client = await api(emu);
		await client.post('/api/v2/flows/executions', { flowId: seedIds.noInputs, inputData: {} });
		emu.configure({ latencyMs: 0, faults: { getFlow: { status500: 1 } } });
		const res = await raw(emu).post('/__emulator/reset');
		assert.equal(res.status, 200);
		assert.equal(emu.executions().length, 0);
		assert.equal(emu.stats().tokensIssued, 0);
		assert.deepEqual(emu.stats().requests, {});
		assert.equal(emu.knobs().latencyMs, 1);
		assert.deepEqual(emu.knobs().faults, {});
		const old = await raw(emu).get('/api/v2/flows', {
			headers: { Authorization: `Bearer ${bearer}` },
		});
		assertError(old, 401, 'bad.credentials');
		assert.deepEqual((await raw(emu).get('/__emulator/executions')).data, []);
	});

	it('answers unknown routes with a Genesys 404, wrong methods with 405, unknown /__emulator paths with 404', async () => {
		const client = await api(emu);
		assertError(await client.get('/api/v2/users/me'), 404, 'not.found', '/api/v2/users/me');
		assertError(await client.get(`/api/v2/flows/${seedIds.demo}/configuration`), 404, 'not.found');
		const wrong = await client.delete(`/api/v2/flows/${seedIds.demo}`);
		assertError(wrong, 405, 'method.not.allowed', 'GET');
		assert.equal(wrong.headers.allow, 'GET');
		assertError(await client.get('/api/v2/flows/executions'), 405, 'method.not.allowed', 'POST');
		assertError(await raw(emu).get('/oauth/token'), 405, 'method.not.allowed');
		assertError(await raw(emu).get('/__emulator/nothing'), 404, 'not.found', 'docs/emulator.md');
		assert.equal(emu.stats().requests.unknown['404'], 2);
		assert.equal(emu.stats().requests.unknown['405'], 3);
		assert.deepEqual((await raw(emu).get('/__emulator/health')).data, { ok: true });
	});

	it('accepts a trailing slash and URL-encoded path segments', async () => {
		const client = await api(emu);
		assert.equal((await client.get(`/api/v2/flows/${seedIds.demo}/`)).status, 200);
		assert.equal(
			(
				await client.get(
					`/api/v2/flows/${seedIds.multiVersion}/versions/${encodeURIComponent('2.0')}`,
				)
			).status,
			200,
		);
	});
});
