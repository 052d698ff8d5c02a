import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { IDataObject, INode } from 'n8n-workflow';

import { seedIds } from '../../emulator';
import { genesysNode, launchParameters, runNode, useBench, type Bench } from './support';

const UNKNOWN_FLOW = 'e0ae0000-0000-4000-8000-0000000000ff';

function continuing(node: INode): INode {
	return { ...node, onError: 'continueRegularOutput' };
}

describe('Continue On Fail: one output item per input, in order, each paired to its input', () => {
	let bench: Bench;
	let credentialId: string;
	useBench((started, credential) => ([bench, credentialId] = [started, credential]));

	test('a mixed batch of launches: invalid, failing and unknown flows come out as errors, good items are launched', async () => {
		const node = continuing(
			genesysNode(
				credentialId,
				launchParameters('={{ $json.flow }}', {
					triggerDataMode: 'json',
					triggerDataJson: '={{ $json.inputs }}',
					waitForCompletion: true,
					options: { pollInterval: 0.05 },
				}),
			),
		);
		const input: IDataObject[] = [
			{ flow: seedIds.demo, inputs: { customerId: 'C-0', customerName: 'Ada' } },
			{ flow: seedIds.demo, inputs: { customerId: 'C-1' } },
			{ flow: seedIds.failing, inputs: {} },
			{ flow: UNKNOWN_FLOW, inputs: {} },
			{ flow: seedIds.noInputs, inputs: {} },
			{ flow: seedIds.demo, inputs: { customerId: 'C-5', customerName: 'Lin', priority: 'high' } },
			{ flow: seedIds.inboundCall, inputs: {} },
			{ flow: seedIds.demo, inputs: { customerId: 'C-7', customerName: 'Joan', priority: '4' } },
		];
		const result = await runNode(bench, node, input);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(
			result.items.map((item) => item.pairedItem),
			input.map((_, item) => ({ item })),
		);

		const [ok0, missing, failed, unknown, ok4, wrongType, notWorkflow, ok7] = result.items.map(
			(item) => item.json,
		);
		for (const ok of [ok0, ok4, ok7]) assert.equal(ok.status, 'COMPLETED', JSON.stringify(ok));
		assert.deepEqual(ok0.outputs && (ok0.outputs as IDataObject).greeting !== undefined, true);
		assert.equal(ok4.flowName, 'No inputs');

		// A real schema marks no input required: the launch is accepted, and the run fails on the empty variable.
		assert.match(String(missing.error), /^Flow execution [0-9a-f-]{36} ended with status FAILED/);
		assert.match(
			String(missing.description),
			/The flow needed Flow\.customerName and found no usable value/,
		);
		assert.match(
			String(failed.error),
			/^Flow execution [0-9a-f-]{36} ended with status ERROR: The data action 'Lookup customer' failed/,
		);
		assert.match(
			String(failed.description),
			/Flow error code: flow\.execution\.data\.action\.failure/,
		);
		assert.match(
			String(unknown.error),
			/^Genesys Cloud found nothing to read flow e0ae0000-0000-4000-8000-0000000000ff/,
		);
		assert.equal(unknown.httpCode, '404');
		assert.match(String(unknown.description), /Genesys correlation ID: [0-9a-f-]{36}\./);
		assert.match(
			String(wrongType.error),
			/item 5 .*"priority" \(Flow\.priority\) must be an integer, but got the string "high"$/,
		);
		assert.equal(
			notWorkflow.error,
			'Flow "Main IVR" is of type INBOUNDCALL, not a workflow, so it cannot be launched',
		);

		const launches = bench.emulator.executions();
		assert.deepEqual(
			launches
				.map((launch) => [launch.flowId, launch.inputData])
				.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
			[
				[seedIds.failing, {}],
				[seedIds.noInputs, {}],
				[seedIds.demo, { 'Flow.customerId': 'C-0', 'Flow.customerName': 'Ada' }],
				[seedIds.demo, { 'Flow.customerId': 'C-1' }],
				[
					seedIds.demo,
					{ 'Flow.customerId': 'C-7', 'Flow.customerName': 'Joan', 'Flow.priority': 4 },
				],
			].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
			'only the items that fit the schema were launched, each once',
		);
		assert.equal(
			ok7.executionId,
			launches.find((launch) => (launch.inputData as IDataObject)['Flow.customerId'] === 'C-7')?.id,
		);
	});

	test('Get over a mixed batch keeps order and pairing', async () => {
		const launched = await runNode(
			bench,
			genesysNode(credentialId, launchParameters(seedIds.noInputs, { triggerDataMode: 'json' })),
			[{}, {}],
		);
		const [first, second] = launched.items.map((item) => String(item.json.executionId));
		const node = continuing(
			genesysNode(credentialId, {
				resource: 'flowExecution',
				operation: 'get',
				executionId: '={{ $json.id }}',
			}),
		);
		const result = await runNode(bench, node, [
			{ id: first },
			{ id: 'missing' },
			{},
			{ id: second },
		]);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(
			result.items.map((item) => [item.pairedItem, item.json.executionId ?? item.json.error]),
			[
				[{ item: 0 }, first],
				[
					{ item: 1 },
					"Genesys Cloud found nothing to read flow execution missing: Flow execution 'missing' was not found.",
				],
				[{ item: 2 }, 'Execution ID of item 2 is empty'],
				[{ item: 3 }, second],
			],
		);
	});

	test('Flow > Get Many pairs every flow it returns with its item', async () => {
		const node = continuing(
			genesysNode(credentialId, {
				resource: 'flow',
				operation: 'getMany',
				returnAll: true,
				filters: { name: '={{ $json.name }}' },
			}),
		);
		const result = await runNode(bench, node, [
			{ name: 'Multi version' },
			{ name: 'Bulk workflow 00*' },
		]);
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(result.items.length, 1 + 9);
		assert.deepEqual(result.items[0].pairedItem, { item: 0 });
		assert.deepEqual(
			new Set(result.items.slice(1).map((item) => JSON.stringify(item.pairedItem))),
			new Set(['{"item":1}']),
		);
	});
});
