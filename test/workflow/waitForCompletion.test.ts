import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { seedIds } from '../../emulator';
import {
	failureOf,
	genesysNode,
	launchParameters,
	requestCount,
	runNode,
	useBench,
	type Bench,
} from './support';

const FAST_POLLING = { pollInterval: 0.05 };

describe('Launch with Wait for Completion, and Flow Execution > Get', () => {
	let bench: Bench;
	let credentialId: string;
	useBench((started, credential) => ([bench, credentialId] = [started, credential]));

	function waitingLaunch(flowId: string, inputs: IDataObject, extra: INodeParameters = {}) {
		return genesysNode(
			credentialId,
			launchParameters(flowId, {
				triggerDataMode: 'json',
				triggerDataJson: JSON.stringify(inputs),
				waitForCompletion: true,
				options: FAST_POLLING,
				...extra,
			}),
		);
	}

	const getNode = (executionId: string, options: INodeParameters = {}) =>
		genesysNode(credentialId, {
			resource: 'flowExecution',
			operation: 'get',
			executionId,
			options,
		});

	test('a completed execution outputs status, dates and outputs without the Flow. prefix, typed by the output schema', async () => {
		const result = await runNode(
			bench,
			waitingLaunch(seedIds.allTypes, {
				stringInput: 'hi',
				integerInput: 41,
				stringCollection: ['a', 'b'],
				colour: 'red',
			}),
		);
		assert.equal(result.error, undefined, result.error?.message);
		const [launch] = bench.emulator.executions();
		const item = result.items[0].json;
		assert.deepEqual(item.outputs, {
			echoString: 'hi',
			// Genesys sends Integer outputs as strings ("42"): Simplify Output types them by the version's output schema.
			integerPlusOne: 42,
			stringCount: 2,
			hasDate: false,
			colourEcho: 'red',
			neverSet: null,
			// Inputs not sent run with their initial values: an unset collection is [], the Decimal's initial 0.5.
			integerCollectionEcho: [],
			decimalEcho: 0.5,
		});
		assert.equal(item.executionId, launch.id);
		assert.equal(item.status, 'COMPLETED');
		assert.equal(item.flowId, seedIds.allTypes);
		assert.equal(item.flowName, 'All input types');
		assert.equal(item.flowVersion, '1.0');
		assert.equal(item.name, launch.name);
		assert.ok(Date.parse(String(item.dateLaunched)) <= Date.parse(String(item.dateCompleted)));
		assert.equal(typeof item.completionReason, 'string');
		assert.deepEqual(result.items[0].pairedItem, { item: 0 });
	});

	test('integer outputs stay numbers when Genesys sends numbers', async () => {
		bench.emulator.configure({ integerOutputsAsStrings: false });
		const result = await runNode(
			bench,
			waitingLaunch(seedIds.allTypes, { stringInput: 'hi', integerInput: 41 }),
		);
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(
			result.items[0].json.outputs && (result.items[0].json.outputs as IDataObject).integerPlusOne,
			42,
		);
	});

	test('without Simplify Output the execution comes as Genesys sent it, outputs under Flow. keys', async () => {
		const result = await runNode(
			bench,
			waitingLaunch(seedIds.noInputs, {}, { options: { ...FAST_POLLING, simplifyOutput: false } }),
		);
		assert.equal(result.error, undefined, result.error?.message);
		const item = result.items[0].json;
		assert.deepEqual(item.outputData, { 'Flow.message': 'done' });
		assert.equal(item.status, 'COMPLETED');
		assert.equal(item.flowName, 'No inputs');
		assert.equal((item.flowVersion as IDataObject).id, '1.0');
	});

	test("an execution that ends in ERROR fails its item with the flow's error", async () => {
		const result = await runNode(bench, waitingLaunch(seedIds.failing, { reason: 'test' }));
		const failure = failureOf(result);
		const [launch] = bench.emulator.executions();
		assert.equal(
			failure.message,
			`Flow execution ${launch.id} ended with status ERROR: The data action 'Lookup customer' failed: the remote endpoint answered 404.`,
		);
		assert.match(failure.description, /Flow error code: flow\.execution\.data\.action\.failure\./);
		assert.match(failure.description, /Architect > Flow execution history/);
		assert.doesNotMatch(
			failure.description,
			/other item/,
			'the failing item is not counted as another launched item',
		);
		assert.equal(failure.itemIndex, 0);
	});

	test("when a later item's flow fails, the error says how many other items were already launched", async () => {
		const node = waitingLaunch('={{ $json.flow }}', {});
		const result = await runNode(bench, node, [
			{ flow: seedIds.noInputs },
			{ flow: seedIds.failing },
		]);
		const failure = failureOf(result);
		assert.equal(failure.itemIndex, 1);
		assert.match(failure.message, /ended with status ERROR/);
		assert.match(
			failure.description,
			/1 other item\(s\) had already been launched in this run; their flows are running in Genesys Cloud\.$/,
		);
		assert.equal(bench.emulator.executions().length, 2);
	});

	test('a wait that times out fails the item naming the execution ID, which keeps running', async () => {
		const started = Date.now();
		const result = await runNode(
			bench,
			waitingLaunch(seedIds.neverEnding, {}, { options: { pollInterval: 0.2, waitTimeout: 1 } }),
		);
		const failure = failureOf(result);
		const [launch] = bench.emulator.executions();
		assert.equal(failure.message, `Flow execution ${launch.id} was still RUNNING after 1 seconds`);
		assert.match(
			failure.description,
			new RegExp(`Flow Execution > Get and execution ID ${launch.id}`),
		);
		assert.equal(launch.status, 'RUNNING');
		const elapsed = Date.now() - started;
		assert.ok(elapsed >= 1000 && elapsed < 3000, `waited ${elapsed} ms for a 1 s timeout`);
	});

	test('Get reads an execution by ID in the same shape as a waited launch', async () => {
		const launched = await runNode(
			bench,
			waitingLaunch(seedIds.allTypes, { stringInput: 'x', integerInput: 1 }),
		);
		assert.equal(launched.error, undefined, launched.error?.message);
		const executionId = String(launched.items[0].json.executionId);
		const read = await runNode(bench, getNode('={{ $json.executionId }}'), [{ executionId }]);
		assert.equal(read.error, undefined, read.error?.message);
		const { flowId, flowName, ...sameFields } = launched.items[0].json;
		assert.equal(flowId, seedIds.allTypes);
		assert.equal(flowName, 'All input types');
		assert.deepEqual(read.items[0].json, sameFields);
		assert.deepEqual(read.items[0].pairedItem, { item: 0 });
	});

	test('Get reports a running or failed execution without failing the item', async () => {
		const running = await runNode(
			bench,
			genesysNode(credentialId, launchParameters(seedIds.neverEnding, { triggerDataMode: 'json' })),
		);
		const failing = await runNode(
			bench,
			waitingLaunch(seedIds.failing, {}, { waitForCompletion: false }),
		);
		const ids = [running, failing].map((result) => String(result.items[0].json.executionId));
		await new Promise((resolve) => setTimeout(resolve, 50));
		const read = await runNode(
			bench,
			getNode('={{ $json.id }}'),
			ids.map((id) => ({ id })),
		);
		assert.equal(read.error, undefined, read.error?.message);
		assert.deepEqual(
			read.items.map((item) => [item.json.executionId, item.json.status]),
			[
				[ids[0], 'RUNNING'],
				[ids[1], 'ERROR'],
			],
		);
		assert.deepEqual(read.items[0].json.outputs, {});
		assert.equal(
			(read.items[1].json.flowErrorInfo as IDataObject).code,
			'flow.execution.data.action.failure',
		);
	});

	test('Get with an empty execution ID names the item, before any execution is read', async () => {
		const result = await runNode(bench, getNode('={{ $json.id }}'), [{ id: 'x' }, {}]);
		const failure = failureOf(result);
		assert.equal(failure.message, 'Execution ID of item 1 is empty');
		assert.equal(failure.itemIndex, 1);
		assert.equal(requestCount(bench, 'getExecution'), 0);
	});
});
