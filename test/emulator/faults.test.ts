import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AxiosInstance } from 'axios';
import type { RunningEmulator } from '../../emulator';
import { api, assertError, raw, requestToken, seedIds, start } from './helpers';

const LAUNCH = { flowId: seedIds.noInputs, inputData: {} };

describe('emulator: fault injection and latency', () => {
	let emu: RunningEmulator;
	let client: AxiosInstance;
	before(async () => (emu = await start({ knobs: { rateLimit: null } })));
	after(() => emu.close());
	beforeEach(async () => {
		emu.reset();
		client = await api(emu);
	});

	it('answers 500/502/503/504 Genesys bodies for fraction 1.0 on the chosen route only, before processing', async () => {
		const expected: [string, number, string][] = [
			['status500', 500, 'internal.server.error'],
			['status502', 502, 'bad.gateway'],
			['status503', 503, 'service.unavailable'],
			['status504', 504, 'request.timeout'],
		];
		for (const [field, status, code] of expected) {
			emu.configure({ faults: { launch: { [field]: 1 } } });
			assertError(await client.post('/api/v2/flows/executions', LAUNCH), status, code, 'injected');
			assert.equal(
				(await client.get(`/api/v2/flows/${seedIds.demo}`)).status,
				200,
				'other routes unaffected',
			);
		}
		assert.equal(emu.executions().length, 0, 'nothing was launched');
		emu.configure({ faults: { '*': { status503: 1 }, launch: null } });
		assertError(await client.get('/api/v2/flows'), 503, 'service.unavailable');
		const token = await requestToken(emu, 'demo-client', 'demo-secret');
		assertError(token, 503, 'service.unavailable');
		const stats = emu.stats();
		assert.equal(stats.faultsInjected, 6);
		assert.deepEqual(stats.requests.launch, { 500: 1, 502: 1, 503: 1, 504: 1 });
		assert.equal(stats.requests.getFlow['200'], 4);
	});

	it('resetBefore drops the connection without creating the execution', async () => {
		emu.configure({ faults: { launch: { resetBefore: 1 } } });
		const error = await client.post('/api/v2/flows/executions', LAUNCH).then(
			() => undefined,
			(e: NodeJS.ErrnoException) => e,
		);
		assert.ok(error, 'the request fails at the socket level');
		assert.match(String(error.code), /ECONNRESET|EPIPE|ERR_BAD_RESPONSE|ECONNABORTED/);
		assert.equal(emu.executions().length, 0);
		assert.equal(emu.stats().resetsInjected, 1);
		assert.equal(emu.stats().requests.launch.reset, 1);
	});

	it('resetAfter processes the launch (the execution exists) and then drops the connection', async () => {
		emu.configure({ faults: { launch: { resetAfter: 1 } } });
		const error = await client.post('/api/v2/flows/executions', LAUNCH).then(
			() => undefined,
			(e: NodeJS.ErrnoException) => e,
		);
		assert.ok(error);
		assert.equal(
			emu.executions().length,
			1,
			'the flow started even though the client saw no answer',
		);
		assert.equal(emu.stats().launchesTotal, 1);
		assert.equal(emu.stats().resetsInjected, 1);
		assert.equal(emu.launchAttempts()[0].status, 0);
	});

	it('status504After answers 504 after the execution was created', async () => {
		emu.configure({ faults: { launch: { status504After: 1 } } });
		assertError(await client.post('/api/v2/flows/executions', LAUNCH), 504, 'request.timeout');
		assert.equal(emu.executions().length, 1);
	});

	it('faultScript injects exact faults in order, then stops', async () => {
		emu.configure({
			faultScript: [
				{ route: 'launch', kind: 503, times: 2 },
				{ route: 'launch', kind: 429, retryAfterSeconds: 7 },
				{ route: 'launch', kind: 'resetAfter' },
				{ route: '*', kind: 502 },
			],
		});
		assert.equal((await client.post('/api/v2/flows/executions', LAUNCH)).status, 503);
		assert.equal((await client.post('/api/v2/flows/executions', LAUNCH)).status, 503);
		const limited = await client.post('/api/v2/flows/executions', LAUNCH);
		assertError(limited, 429, 'too.many.requests.retry.after');
		assert.equal(limited.headers['retry-after'], '7');
		await assert.rejects(client.post('/api/v2/flows/executions', LAUNCH));
		assert.equal(
			(await client.get('/api/v2/flows')).status,
			502,
			"'*' entry hits the next request of any route",
		);
		assert.equal(
			(await client.post('/api/v2/flows/executions', LAUNCH)).status,
			200,
			'script exhausted',
		);
		assert.deepEqual(emu.knobs().faultScript, []);
		const stats = emu.stats();
		assert.equal(stats.faultsInjected, 5);
		assert.equal(stats.resetsInjected, 1);
		assert.equal(stats.rateLimited, 1);
		assert.equal(emu.executions().length, 2, 'resetAfter launch + the final one');
	});

	it('random fractions are reproducible from randomSeed', async () => {
		const run = async () => {
			emu.reset();
			emu.configure({ randomSeed: 42, faults: { getFlow: { status500: 0.5 } } });
			const c = await api(emu);
			const statuses: number[] = [];
			for (let i = 0; i < 20; i++)
				statuses.push((await c.get(`/api/v2/flows/${seedIds.demo}`)).status);
			return statuses;
		};
		const first = await run();
		assert.deepEqual(await run(), first);
		assert.ok(first.includes(500) && first.includes(200), first.join(','));
	});

	it('adds latencyMs + jitterMs to responses and slowResponses to a fraction of them', async () => {
		const timed = async () => {
			const t0 = performance.now();
			const res = await client.get(`/api/v2/flows/${seedIds.demo}`);
			assert.equal(res.status, 200);
			return performance.now() - t0;
		};
		const baseline = await timed();
		emu.configure({ latencyMs: 120 });
		const slow = await timed();
		assert.ok(slow >= 115, `latency ${slow}`);
		emu.configure({ latencyMs: 0, jitterMs: 60 });
		const jittered = await Promise.all(Array.from({ length: 6 }, timed));
		assert.ok(
			jittered.every((t) => t < 200) && Math.max(...jittered) - Math.min(...jittered) > 5,
			jittered.join(','),
		);
		emu.configure({ jitterMs: 0, slowResponses: { fraction: 1, delayMs: 150 } });
		assert.ok((await timed()) >= 145);
		emu.configure({ slowResponses: { fraction: 0, delayMs: 150 } });
		assert.ok((await timed()) < 100 + baseline);
	});

	it('close() returns promptly with pending delayed responses and open keep-alive sockets', async () => {
		const own = await start({ knobs: { latencyMs: 5_000 } });
		const pending = raw(own)
			.post('/oauth/token', 'grant_type=client_credentials')
			.catch((e: Error) => e);
		await new Promise((r) => setTimeout(r, 50));
		const t0 = performance.now();
		await own.close();
		assert.ok(performance.now() - t0 < 1000);
		assert.ok((await pending) instanceof Error, 'the delayed response never arrives');
	});
});
