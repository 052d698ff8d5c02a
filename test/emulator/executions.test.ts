import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AxiosInstance } from 'axios';
import type { RunningEmulator } from '../../emulator';
import { api, assertError, postJson, raw, seedIds, sleep, start, token } from './helpers';

describe('emulator: execution lifecycle (GET /api/v2/flows/executions/{id})', () => {
	let emu: RunningEmulator;
	let client: AxiosInstance;
	const launch = async (body: Record<string, unknown>) => {
		const res = await client.post('/api/v2/flows/executions', body);
		assert.equal(res.status, 200, JSON.stringify(res.data));
		return res.data.id as string;
	};
	const status = (id: string) => client.get(`/api/v2/flows/executions/${id}`);
	before(async () => (emu = await start({ knobs: { rateLimit: null } })));
	after(() => emu.close());
	beforeEach(async () => {
		emu.reset();
		client = await api(emu);
	});

	it('stays RUNNING without outputData until its scaled duration, then COMPLETED with outputs computed from inputs', async () => {
		emu.configure({ executionDurationScale: 0.1 }); // 3 s -> 300 ms
		const id = await launch({
			flowId: seedIds.delayed,
			name: 'greet',
			inputData: { 'Flow.customerId': 'C-7', 'Flow.customerName': 'Bo', 'Flow.priority': 4 },
		});
		const running = await status(id);
		assert.equal(running.status, 200);
		assert.equal(running.data.status, 'RUNNING');
		assert.equal(running.data.outputData, undefined);
		assert.equal(running.data.dateCompleted, undefined);
		assert.equal(running.data.name, 'greet');
		assert.equal(running.data.flowVersion.id, '1.0');
		assert.ok(running.data.flowVersion.inputSchema, 'flowVersion is the full FlowVersion');
		assert.equal(running.data.selfUri, `/api/v2/flows/executions/${id}`);
		assert.equal(emu.executions()[0].status, 'RUNNING');
		await sleep(350);
		const done = await status(id);
		assert.equal(done.data.status, 'COMPLETED');
		assert.equal(done.data.completionReason, 'Success');
		assert.ok(Date.parse(done.data.dateCompleted) - Date.parse(done.data.dateLaunched) >= 290);
		assert.deepEqual(done.data.outputData, {
			'Flow.greeting': 'Hello Bo (C-7)',
			'Flow.ticketNumber': '1004',
			'Flow.escalated': true,
		});
		assert.equal(emu.executions()[0].status, 'COMPLETED');
	});

	it('returns Integer outputs as strings by default, as numbers with integerOutputsAsStrings=false; unset outputs are null, unset collections []', async () => {
		emu.configure({ executionDurationScale: 0 });
		const input = {
			'Flow.stringInput': 's',
			'Flow.integerInput': 199,
			'Flow.stringCollection': ['a', 'b', 'c'],
		};
		const id = await launch({ flowId: seedIds.allTypes, inputData: input });
		assert.deepEqual((await status(id)).data.outputData, {
			'Flow.echoString': 's',
			'Flow.integerPlusOne': '200',
			'Flow.stringCount': '3',
			'Flow.hasDate': false,
			'Flow.colourEcho': null,
			'Flow.neverSet': null,
			'Flow.integerCollectionEcho': [],
			'Flow.decimalEcho': 0.5,
		});
		emu.configure({ integerOutputsAsStrings: false });
		const out = (await status(id)).data.outputData;
		assert.equal(out['Flow.integerPlusOne'], 200);
		assert.equal(out['Flow.stringCount'], 3);
	});

	it('ends the failing flow in ERROR with flowErrorInfo and no outputData', async () => {
		emu.configure({ executionDurationScale: 0 });
		const id = await launch({ flowId: seedIds.failing, inputData: {} });
		const res = await status(id);
		assert.equal(res.data.status, 'ERROR');
		assert.equal(res.data.outputData, undefined);
		assert.match(res.data.flowErrorInfo.message, /Lookup customer/);
		assert.equal(res.data.flowErrorInfo.code, 'flow.execution.data.action.failure');
		assert.ok(res.data.dateCompleted);
	});

	it('keeps the never-ending flow RUNNING until terminated, then TERMINATED; terminating again answers 409', async () => {
		emu.configure({ executionDurationScale: 0 });
		const id = await launch({ flowId: seedIds.neverEnding, inputData: {} });
		await sleep(30);
		assert.equal((await status(id)).data.status, 'RUNNING');
		const terminated = await raw(emu).post(`/__emulator/executions/${id}/terminate`);
		assert.equal(terminated.status, 200);
		assert.equal(terminated.data.status, 'TERMINATED');
		const after = (await status(id)).data;
		assert.equal(after.status, 'TERMINATED');
		assert.equal(after.outputData, undefined);
		assert.equal(emu.executions()[0].status, 'TERMINATED');
		assertError(
			await raw(emu).post(`/__emulator/executions/${id}/terminate`),
			409,
			'conflict',
			'already ended',
		);
		assertError(await raw(emu).post('/__emulator/executions/nope/terminate'), 404, 'not.found');
	});

	it('runs the randomDuration flow for a seeded random 2-5 s (scaled)', async () => {
		emu.configure({ executionDurationScale: 0.1 }); // 200-500 ms
		const ids = await Promise.all(
			Array.from({ length: 5 }, (_, i) =>
				launch({ flowId: seedIds.randomDuration, inputData: { 'Flow.item': `i${i}` } }),
			),
		);
		assert.ok(
			(await Promise.all(ids.map(status))).every((r) => r.data.status === 'RUNNING'),
			'none ends before 200 ms',
		);
		await sleep(550);
		const done = await Promise.all(ids.map(status));
		assert.ok(done.every((r) => r.data.status === 'COMPLETED'));
		assert.deepEqual(
			done.map((r) => r.data.outputData['Flow.echo']),
			['i0', 'i1', 'i2', 'i3', 'i4'],
		);
		const durations = done.map(
			(r) => Date.parse(r.data.dateCompleted) - Date.parse(r.data.dateLaunched),
		);
		assert.ok(
			durations.every((d) => d >= 200 && d <= 500),
			String(durations),
		);
		assert.ok(new Set(durations).size > 1, 'durations vary');
	});

	it('answers 404 for an unknown execution and 403 without architect:flowExecution:view', async () => {
		assertError(
			await status('00000000-0000-4000-8000-00000000dead'),
			404,
			'not.found',
			'00000000-0000-4000-8000-00000000dead',
		);
		const id = await launch({ flowId: seedIds.noInputs, inputData: {} });
		const noView = await api(emu, 'noExecutionView');
		assertError(
			await noView.get(`/api/v2/flows/executions/${id}`),
			403,
			'missing.permissions',
			'[architect:flowExecution:view]',
		);
	});

	it('computes status lazily: 10,000 executions create no timers and stay readable', async () => {
		emu.configure({ executionDurationScale: 1 });
		const bearer = await token(emu);
		const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
		const before = timers();
		const ids: string[] = [];
		for (let batch = 0; batch < 100; batch++) {
			const results = await Promise.all(
				Array.from({ length: 100 }, (_, i) =>
					postJson(emu, '/api/v2/flows/executions', bearer, {
						flowId: i % 2 ? seedIds.neverEnding : seedIds.noInputs,
						inputData: {},
					}),
				),
			);
			for (const r of results) {
				assert.equal(r.status, 200);
				ids.push(r.data.id);
			}
		}
		assert.ok(timers() - before < 10, `timers grew from ${before} to ${timers()}`);
		assert.equal(new Set(ids).size, 10_000);
		assert.equal(emu.stats().launchesTotal, 10_000);
		assert.equal((await status(ids[1])).data.status, 'RUNNING');
		await sleep(250);
		assert.equal((await status(ids[9_998])).data.status, 'COMPLETED', 'noInputs ends after 200 ms');
		assert.equal((await status(ids[9_999])).data.status, 'RUNNING', 'neverEnding never ends');
		assert.equal(emu.executions().length, 10_000);
	});
});
