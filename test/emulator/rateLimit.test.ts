import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { RunningEmulator } from '../../emulator';
import { api, assertError, seedIds, sleep, start } from './helpers';

describe('emulator: rate limiting per access token', () => {
	let emu: RunningEmulator;
	before(async () => (emu = await start()));
	after(() => emu.close());
	beforeEach(() => emu.reset());

	it('sends no inin-ratelimit-* headers by default, as Genesys since June 2021', async () => {
		const client = await api(emu);
		const res = await client.get(`/api/v2/flows/${seedIds.demo}`);
		assert.equal(res.status, 200);
		assert.equal(res.headers['inin-ratelimit-allowed'], undefined);
		assert.equal(res.headers['inin-ratelimit-count'], undefined);
		assert.ok(res.headers['inin-correlation-id']);
	});

	it('defaults to 300 requests per 60 s and reports it in inin-ratelimit-* headers when the knob asks', async () => {
		emu.configure({ rateLimitHeaders: true });
		const client = await api(emu);
		const res = await client.get(`/api/v2/flows/${seedIds.demo}`);
		assert.equal(res.headers['inin-ratelimit-allowed'], '300');
		assert.equal(res.headers['inin-ratelimit-count'], '1');
		assert.equal(res.headers['inin-ratelimit-reset'], '60');
		const second = await client.get('/api/v2/flows');
		assert.equal(second.headers['inin-ratelimit-count'], '2');
		const error = await client.get('/api/v2/flows/nope');
		assert.equal(error.status, 404);
		assert.equal(
			error.headers['inin-ratelimit-count'],
			'3',
			'errors count and carry the headers too',
		);
	});

	it('answers 429 with Retry-After (whole seconds) and the Genesys body once the window is used up, per token', async () => {
		emu.configure({ rateLimit: { requests: 3, windowSeconds: 1.5 }, rateLimitHeaders: true });
		const client = await api(emu);
		for (let i = 1; i <= 3; i++) {
			const ok = await client.get(`/api/v2/flows/${seedIds.demo}`);
			assert.equal(ok.status, 200);
			assert.equal(ok.headers['inin-ratelimit-count'], String(i));
			assert.equal(ok.headers['inin-ratelimit-allowed'], '3');
		}
		const limited = await client.post('/api/v2/flows/executions', {
			flowId: seedIds.noInputs,
			inputData: {},
		});
		assertError(
			limited,
			429,
			'too.many.requests.retry.after',
			'Rate limit exceeded the maximum. Retry the request in [2] seconds',
		);
		assert.equal(limited.headers['retry-after'], '2', 'ceil of the remaining ~1.5 s');
		assert.deepEqual(Object.keys(limited.data).sort(), [
			'code',
			'contextId',
			'details',
			'errors',
			'message',
			'status',
		]);
		assert.deepEqual([limited.data.details, limited.data.errors], [[], []]);
		assert.equal(emu.executions().length, 0, 'a refused launch does nothing');

		const other = await api(emu);
		assert.equal(
			(await other.get('/api/v2/flows')).status,
			200,
			'another token has its own window',
		);

		await sleep(1600);
		const again = await client.get('/api/v2/flows');
		assert.equal(again.status, 200, 'the window reset');
		assert.equal(again.headers['inin-ratelimit-count'], '1');
		const stats = emu.stats();
		assert.equal(stats.rateLimited, 1);
		assert.equal(stats.requests.launch['429'], 1);
	});

	it('Retry-After is at least 1 and the token endpoint is not limited by default; rateLimit null disables limits', async () => {
		emu.configure({ rateLimit: { requests: 1, windowSeconds: 0.2 }, rateLimitHeaders: true });
		const client = await api(emu);
		assert.equal((await client.get('/api/v2/flows')).status, 200);
		const limited = await client.get('/api/v2/flows');
		assert.equal(limited.status, 429);
		assert.equal(limited.headers['retry-after'], '1');
		for (let i = 0; i < 5; i++) await api(emu);
		emu.configure({ rateLimit: null });
		const free = await client.get('/api/v2/flows');
		assert.equal(free.status, 200);
		assert.equal(free.headers['inin-ratelimit-count'], undefined);
	});

	it('limits GET /api/v2/flows by page size as well: 500 per page allows 600 a minute', async () => {
		emu.configure({ rateLimit: { requests: 100_000, windowSeconds: 60 } });
		const client = await api(emu);
		for (let i = 0; i < 600; i++)
			assert.equal((await client.get('/api/v2/flows?pageSize=500')).status, 200);
		const limited = await client.get('/api/v2/flows?pageSize=500');
		assertError(
			limited,
			429,
			'too.many.requests.retry.after',
			/Retry the request in \[\d+\] seconds/,
		);
		assert.equal(
			(await client.get('/api/v2/flows?pageSize=100')).status,
			200,
			'smaller pages have their own, larger limit',
		);
		assert.equal(
			(await client.get(`/api/v2/flows/${seedIds.demo}`)).status,
			200,
			'other routes are not affected',
		);
	});
});
