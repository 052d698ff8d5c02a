/**
 * Launches as real Genesys answers them (launchValidation 'lenient', the default): any inputData object is accepted
 * with 200, inputs not supplied take their initial values, and a run that needs a missing or unusable input ends
 * FAILED with an error.workflow.* flowErrorInfo (captured: a launch with the inputs nested as {"Flow": {...}}).
 * This is the path that skips the node's own checks: the server does not save a user from a wrong key.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AxiosInstance } from 'axios';
import type { RunningEmulator } from '../../emulator';
import type { ErrorBody, FlowRuntimeExecution } from '../../schemas/generated/genesys';
import { api, assertError, seedIds, sleep, start } from './helpers';

/** A run that needed a missing input, as real Genesys ends it: FAILED, with these four fields in flowErrorInfo. */
type FailedExecution = FlowRuntimeExecution & {
	flowErrorInfo: Required<
		Pick<ErrorBody, 'code' | 'message' | 'messageParams' | 'messageWithParams'>
	>;
};

describe('emulator: lenient launches and FAILED runs (default)', () => {
	let emu: RunningEmulator;
	let client: AxiosInstance;
	before(
		async () => (emu = await start({ knobs: { rateLimit: null, executionDurationScale: 0 } })),
	);
	after(() => emu.close());
	beforeEach(async () => {
		emu.reset();
		client = await api(emu);
	});

	/** Launches (asserting the 200 of the real API) and reads the execution once it has ended. */
	async function run(body: Record<string, unknown>) {
		const launched = await client.post('/api/v2/flows/executions', body);
		assert.equal(launched.status, 200, JSON.stringify(launched.data));
		assert.deepEqual(Object.keys(launched.data).sort(), ['flowVersion', 'id', 'name', 'selfUri']);
		const res = await client.get(`/api/v2/flows/executions/${launched.data.id}`);
		assert.equal(res.status, 200);
		return res.data;
	}

	function assertUnexpectedNull(execution: FailedExecution, variable: string) {
		assert.equal(execution.status, 'FAILED');
		assert.equal(execution.completionReason, 'Failure');
		assert.ok(execution.dateCompleted);
		assert.equal(execution.outputData, undefined, 'outputData only when COMPLETED');
		const info = execution.flowErrorInfo;
		assert.deepEqual(
			Object.keys(info).sort(),
			['code', 'message', 'messageParams', 'messageWithParams'],
			'the captured fields',
		);
		assert.equal(info.code, 'error.workflow.expression.unexpectedNull');
		assert.deepEqual(info.messageParams, { expression: variable, pos: '0' });
		assert.ok(info.message.includes(variable), info.message);
		assert.ok(info.messageWithParams.includes('{expression}'), info.messageWithParams);
	}

	it('accepts the nested {"Flow": {...}} object (200) and the run fails on the first needed input', async () => {
		const execution = await run({
			flowId: seedIds.demo,
			inputData: { Flow: { customerId: 'C-1', customerName: 'Ann' } },
		});
		assertUnexpectedNull(execution, 'Flow.customerId');
		const [record] = emu.executions();
		assert.equal(record.status, 'FAILED');
		assert.deepEqual(
			record.inputData,
			{ Flow: { customerId: 'C-1', customerName: 'Ann' } },
			'recorded as sent',
		);
		assert.equal(record.runInputs['Flow.customerId'], null);
	});

	it('accepts the classic {"userId": "user-001"} payload (200) and the run fails', async () => {
		assertUnexpectedNull(
			await run({ flowId: seedIds.demo, inputData: { userId: 'user-001' } }),
			'Flow.customerId',
		);
		assertUnexpectedNull(
			await run({ flowId: seedIds.allTypes, inputData: { userId: 'user-001' } }),
			'Flow.stringInput',
		);
		assertUnexpectedNull(
			await run({ flowId: seedIds.delayed, inputData: { 'Flow.customerId': 'C-1' } }),
			'Flow.customerName',
		);
		assertUnexpectedNull(
			await run({
				flowId: seedIds.demo,
				inputData: { 'Flow.customerId': 'C-1', 'Flow.customerName': null },
			}),
			'Flow.customerName',
		);
	});

	it('ignores keys that are not inputs when the needed inputs are there', async () => {
		const execution = await run({
			flowId: seedIds.demo,
			inputData: {
				'Flow.customerId': 'C-1',
				'Flow.customerName': 'Ann',
				userId: 'user-001',
				'flow.email': 'a@b.c',
			},
		});
		assert.equal(execution.status, 'COMPLETED');
		assert.equal(
			execution.outputData['Flow.contactEmail'],
			null,
			"'flow.email' is not 'Flow.email'",
		);
		// A flow that needs nothing completes whatever it is sent.
		assert.equal(
			(await run({ flowId: seedIds.noInputs, inputData: { userId: 'user-001' } })).status,
			'COMPLETED',
		);
	});

	it('uses the initial values of inputs not supplied; outputs as real (integer strings, null strings, [] collections)', async () => {
		const demo = await run({
			flowId: seedIds.demo,
			inputData: { 'Flow.customerId': 'C-1', 'Flow.customerName': 'Ann' },
		});
		assert.equal(demo.status, 'COMPLETED');
		assert.deepEqual(demo.outputData, {
			'Flow.greeting': 'Hello Ann, thanks for contacting us about C-1.',
			'Flow.ticketNumber': '1001', // initial Flow.priority = 1
			'Flow.escalated': false,
			'Flow.followUpScheduled': false,
			'Flow.tagCount': '0', // initial Flow.tags = []
			'Flow.contactEmail': null,
		});
		assert.deepEqual(emu.executions()[0].runInputs, {
			'Flow.customerId': 'C-1',
			'Flow.customerName': 'Ann',
			'Flow.email': null,
			'Flow.priority': 1,
			'Flow.tags': [],
		});
		const delayed = await run({
			flowId: seedIds.delayed,
			inputData: { 'Flow.customerId': 'C-1', 'Flow.customerName': 'Bo' },
		});
		assert.equal(delayed.outputData['Flow.ticketNumber'], '1001');
		const all = await run({
			flowId: seedIds.allTypes,
			inputData: {
				'Flow.stringInput': 's',
				'Flow.integerInput': 1,
				'Flow.integerCollection': [1, 2],
			},
		});
		assert.deepEqual(
			all.outputData['Flow.integerCollectionEcho'],
			['1', '2'],
			'Integer collection items as strings',
		);
		assert.equal(all.outputData['Flow.decimalEcho'], 0.5, 'initial Flow.decimalInput');
		const unset = await run({
			flowId: seedIds.allTypes,
			inputData: { 'Flow.stringInput': 's', 'Flow.integerInput': 1 },
		});
		assert.deepEqual(unset.outputData['Flow.integerCollectionEcho'], []);
		assert.equal(unset.outputData['Flow.neverSet'], null);
	});

	it('accepts the Integer string form ("4") the real schema allows, and computes with the number', async () => {
		const execution = await run({
			flowId: seedIds.demo,
			inputData: { 'Flow.customerId': 'C-1', 'Flow.customerName': 'Ann', 'Flow.priority': '4' },
		});
		assert.equal(execution.status, 'COMPLETED');
		assert.equal(execution.outputData['Flow.ticketNumber'], '1004');
		assert.equal(execution.outputData['Flow.escalated'], true);
	});

	it('fails a run that got a wrong-typed value, naming the variable and the type (guessed code)', async () => {
		const cases: [string, unknown, string][] = [
			['Flow.priority', 'high', 'Integer'],
			['Flow.priority', 2.5, 'Integer'],
			['Flow.tags', 'vip', 'String collection'],
			['Flow.tags', ['vip', 3], 'String collection'],
			['Flow.email', 42, 'String'],
		];
		for (const [key, value, type] of cases) {
			const execution = await run({
				flowId: seedIds.demo,
				inputData: { 'Flow.customerId': 'C-1', 'Flow.customerName': 'Ann', [key]: value },
			});
			assert.equal(execution.status, 'FAILED', `${key}=${JSON.stringify(value)}`);
			assert.equal(execution.completionReason, 'Failure');
			assert.equal(execution.flowErrorInfo.code, 'error.workflow.input.typeMismatch');
			assert.equal(execution.flowErrorInfo.messageParams.expression, key);
			assert.equal(execution.flowErrorInfo.messageParams.expectedType, type);
			assert.ok(execution.flowErrorInfo.message.includes(key));
		}
		const badDate = await run({
			flowId: seedIds.allTypes,
			inputData: {
				'Flow.stringInput': 's',
				'Flow.integerInput': 1,
				'Flow.dateInput': '2025-02-30',
			},
		});
		assert.equal(badDate.flowErrorInfo.messageParams.expression, 'Flow.dateInput');
	});

	it('a failing run fails early (within 100 ms, scaled), not after the flow duration', async () => {
		emu.configure({ executionDurationScale: 1 }); // the demo flow runs 1 s
		const launched = await client.post('/api/v2/flows/executions', {
			flowId: seedIds.demo,
			inputData: { Flow: {} },
		});
		assert.equal(
			(await client.get(`/api/v2/flows/executions/${launched.data.id}`)).data.status,
			'RUNNING',
		);
		await sleep(150);
		const failed = (await client.get(`/api/v2/flows/executions/${launched.data.id}`)).data;
		assert.equal(failed.status, 'FAILED');
		assert.ok(Date.parse(failed.dateCompleted) - Date.parse(failed.dateLaunched) <= 100);
	});

	it('decimalOutputsAsStrings / booleanOutputsAsStrings (guessed, off by default) stringify those outputs', async () => {
		emu.configure({ decimalOutputsAsStrings: true, booleanOutputsAsStrings: true });
		const all = await run({
			flowId: seedIds.allTypes,
			inputData: { 'Flow.stringInput': 's', 'Flow.integerInput': 1 },
		});
		assert.equal(all.outputData['Flow.decimalEcho'], '0.5');
		assert.equal(all.outputData['Flow.hasDate'], 'false');
	});

	it('launchValidation "strict" brings back the 400s; unknownInputKeys applies there', async () => {
		emu.configure({ launchValidation: 'strict' });
		const nested = await client.post('/api/v2/flows/executions', {
			flowId: seedIds.demo,
			inputData: { Flow: { customerId: 'C-1' } },
		});
		assertError(
			nested,
			400,
			'invalid.value',
			"Unknown input 'Flow'",
			'Flow.customerId is a required input and is missing',
		);
		emu.configure({ unknownInputKeys: 'ignore' });
		const ignored = await client.post('/api/v2/flows/executions', {
			flowId: seedIds.demo,
			inputData: { 'Flow.customerId': 'C-1', 'Flow.customerName': 'Ann', userId: 'user-001' },
		});
		assert.equal(ignored.status, 200);
		assertError(
			await client.post('/api/v2/flows/executions', {
				flowId: seedIds.demo,
				inputData: { 'Flow.customerId': 'C-1', 'Flow.customerName': 'Ann', 'Flow.priority': '4' },
			}),
			400,
			'invalid.value',
			'must be an Integer',
		);
		assert.equal(emu.executions().length, 1);
	});

	it('keeps the other 400s in lenient mode (body, fields, inputData null/array)', async () => {
		assertError(
			await client.post('/api/v2/flows/executions', [1]),
			400,
			'bad.request',
			'JSON object',
		);
		assertError(
			await client.post('/api/v2/flows/executions', { flowId: seedIds.demo, triggerData: {} }),
			400,
			'bad.request',
			"'triggerData'",
		);
		assertError(
			await client.post('/api/v2/flows/executions', { flowId: seedIds.demo, inputData: null }),
			400,
			'invalid.value',
			'inputData must be a JSON object',
		);
		assertError(
			await client.post('/api/v2/flows/executions', { flowId: seedIds.demo, inputData: [] }),
			400,
			'invalid.value',
			'inputData must be a JSON object',
		);
		assertError(
			await client.post('/api/v2/flows/executions', { flowId: seedIds.unpublished, inputData: {} }),
			400,
			'bad.request',
			'no published version',
		);
		assertError(
			await client.post('/api/v2/flows/executions', { flowId: seedIds.inboundCall, inputData: {} }),
			400,
			'bad.request',
			'INBOUNDCALL',
		);
		assert.equal(emu.executions().length, 0);
	});
});
