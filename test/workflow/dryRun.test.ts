/**
 * Dry Run: every item goes through everything a launch does before sending (flow read, type and publication
 * checked, the version's schema read, Trigger Data converted and checked), nothing is launched, and each item
 * comes out with the exact body a launch would have sent. Compared here with what the emulator records when the
 * same node launches for real.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { bulkFlowId, seedIds } from '../../emulator';
import {
	failureOf,
	genesysNode,
	launchParameters,
	loadTriggerDataFields,
	mappedFields,
	requestCount,
	runNode,
	useBench,
	versionRef,
	type Bench,
} from './support';

/** The same node, with Dry Run on or off. */
function withDryRun(node: INode, dryRun: boolean): INode {
	const options = (node.parameters.options ?? {}) as IDataObject;
	return { ...node, parameters: { ...node.parameters, options: { ...options, dryRun } } };
}

/** Descriptions of API errors end with the request's correlation id, which differs between two runs. */
const withoutCorrelationId = (description: string) =>
	description.replace(/Genesys correlation ID: [0-9a-f-]{36}/, 'Genesys correlation ID: …');

describe('Dry Run', () => {
	let bench: Bench;
	let credentialId: string;
	useBench((started, credential) => ([bench, credentialId] = [started, credential]));

	const node = (flowId: string, parameters: INodeParameters) =>
		genesysNode(credentialId, launchParameters(flowId, parameters));

	function assertNothingLaunched() {
		assert.equal(requestCount(bench, 'launch'), 0, 'no request reached the launch endpoint');
		assert.deepEqual(bench.emulator.launchAttempts(), []);
		assert.deepEqual(bench.emulator.executions(), []);
	}

	test('each item outputs the exact request body a launch sends, and nothing is launched', async () => {
		const { fields: v2Schema } = await loadTriggerDataFields(
			bench,
			credentialId,
			seedIds.multiVersion,
			'2.0',
		);
		const cases: Array<[string, INode, IDataObject[]]> = [
			[
				'JSON mode, values converted to the inputs’ types, keys with the Flow. prefix',
				node(seedIds.demo, {
					triggerDataMode: 'json',
					triggerDataJson: '={{ $json.inputs }}',
					executionName: '=Follow-up {{ $json.ticket }}',
				}),
				[
					{ ticket: 'T-1', inputs: { customerId: 'C-1', customerName: 'Ada', priority: '3' } },
					{ ticket: 'T-2', inputs: { 'Flow.customerId': 'C-2', tags: '["vip", "new"]' } },
				],
			],
			[
				'Fields of a named version',
				node(seedIds.multiVersion, {
					flowVersion: versionRef('2.0', 'list'),
					triggerData: mappedFields(v2Schema, { v2Number: '={{ $json.n }}' }),
					executionName: '=Version 2 {{ $json.n }}',
				}),
				[{ n: '7' }],
			],
		];
		for (const [what, launchNode, input] of cases) {
			bench.emulator.reset();
			const dry = await runNode(bench, withDryRun(launchNode, true), input);
			assert.equal(dry.error, undefined, dry.error?.message);
			assertNothingLaunched();

			const real = await runNode(bench, withDryRun(launchNode, false), input);
			assert.equal(real.error, undefined, real.error?.message);
			assert.deepEqual(
				dry.items.map((item) => item.json.request),
				bench.emulator.launchAttempts().map((attempt) => attempt.body),
				what,
			);
			assert.deepEqual(
				dry.items.map((item) => item.pairedItem),
				input.map((_, item) => ({ item })),
			);
		}
	});

	test('the output names the flow and the version it would start; the default name names the workflow, execution and item', async () => {
		const result = await runNode(
			bench,
			withDryRun(node(seedIds.demo, { triggerDataMode: 'json', triggerDataJson: '{}' }), true),
			[{}, {}],
		);
		assert.equal(result.error, undefined, result.error?.message);
		assertNothingLaunched();
		const { request, ...item } = result.items[1].json;
		assert.deepEqual(item, {
			dryRun: true,
			flowId: seedIds.demo,
			flowName: 'Customer follow-up',
			flowVersion: '1.0',
		});
		const { name, ...body } = request as IDataObject;
		assert.deepEqual(
			body,
			{ flowId: seedIds.demo, inputData: {} },
			'no flowVersion when none is given',
		);
		assert.match(String(name), /^n8n: Harness workflow #\d+ item 1$/);
	});

	test('refusals are the same errors as a real launch, and nothing is sent either way', async () => {
		const json = (triggerDataJson: string): INodeParameters => ({
			triggerDataMode: 'json',
			triggerDataJson,
		});
		const cases: Array<[string, INode, IDataObject[]]> = [
			['a key that is not an input', node(seedIds.demo, json('{"custId": "C-1"}')), [{}]],
			[
				'a value of the wrong type',
				node(seedIds.demo, json('{"customerId": "C-1", "priority": "high"}')),
				[{}],
			],
			['Trigger Data that is null', node(seedIds.demo, json('={{ $json.payload }}')), [{}]],
			[
				'an auto-mapped item naming no input',
				node(seedIds.demo, { triggerData: mappedFields([], null, 'autoMapInputData') }),
				[{ source: 'crm' }],
			],
			['a flow that is not a workflow', node(seedIds.inboundCall, json('{}')), [{}]],
			['a flow without a published version', node(seedIds.unpublished, json('{}')), [{}]],
			[
				'a version that does not exist',
				node(seedIds.multiVersion, { ...json('{}'), flowVersion: versionRef('9.0') }),
				[{}],
			],
			[
				'a flow that does not exist',
				node('e0ae0000-0000-4000-8000-0000000000ff', json('{}')),
				[{}],
			],
		];
		for (const [what, launchNode, input] of cases) {
			bench.emulator.reset();
			const dry = failureOf(await runNode(bench, withDryRun(launchNode, true), input));
			const real = failureOf(await runNode(bench, withDryRun(launchNode, false), input));
			assertNothingLaunched();
			assert.equal(dry.message, real.message, what);
			assert.equal(
				withoutCorrelationId(dry.description),
				withoutCorrelationId(real.description),
				what,
			);
			assert.equal(dry.itemIndex, real.itemIndex, what);
			assert.equal(dry.httpCode, real.httpCode, what);
		}
	});

	test('Continue On Fail pairs the refused items; the others come out as dry-run items', async () => {
		const launchNode: INode = {
			...withDryRun(
				node(seedIds.demo, { triggerDataMode: 'json', triggerDataJson: '={{ $json.inputs }}' }),
				true,
			),
			onError: 'continueRegularOutput',
		};
		const input = [
			{ inputs: { customerId: 'C-0' } },
			{ inputs: { customerId: 'C-1', priority: 'high' } },
			{ inputs: null },
			{ inputs: { customerId: 'C-3' } },
		];
		const result = await runNode(bench, launchNode, input);
		assert.equal(result.error, undefined, result.error?.message);
		assertNothingLaunched();
		assert.deepEqual(
			result.items.map((item) => [item.pairedItem, item.json.dryRun ?? item.json.error]),
			[
				[{ item: 0 }, true],
				[
					{ item: 1 },
					'Trigger Data (JSON) of item 1 does not fit flow "Customer follow-up": "priority" (Flow.priority) must be an integer, but got the string "high"',
				],
				[{ item: 2 }, 'Trigger Data (JSON) of item 2 is not a JSON object but null'],
				[{ item: 3 }, true],
			],
		);
	});

	test('with Wait for Completion on there is nothing to wait for: no execution is read', async () => {
		const result = await runNode(
			bench,
			withDryRun(
				node(seedIds.failing, {
					triggerDataMode: 'json',
					triggerDataJson: '{}',
					waitForCompletion: true,
				}),
				true,
			),
		);
		assert.equal(result.error, undefined, result.error?.message);
		assertNothingLaunched();
		assert.equal(requestCount(bench, 'getExecution'), 0);
		assert.equal(result.items[0].json.dryRun, true);
	});

	test('the reads go through the request budget: each flow read once, paced at Requests per Minute', async () => {
		const flows = [1, 2, 3, 4, 5, 6].map(bulkFlowId);
		const launchNode = withDryRun(
			node('={{ $json.flow }}', {
				triggerDataMode: 'json',
				triggerDataJson: '{"recordId": "r"}',
				options: { requestsPerMinute: 120 },
			}),
			true,
		);
		const started = Date.now();
		const result = await runNode(
			bench,
			launchNode,
			[...flows, ...flows].map((flow) => ({ flow })),
		);
		const elapsed = Date.now() - started;
		assert.equal(result.error, undefined, result.error?.message);
		assertNothingLaunched();
		assert.equal(result.items.length, 12);
		assert.equal(requestCount(bench, 'getFlow', 200), 6, 'one read per flow');
		// 120 a minute is one request every ~510 ms (the budget keeps 2% headroom): six reads take over 2.5 s.
		assert.ok(elapsed >= 2_400, `six reads at 120 a minute took only ${elapsed} ms`);
	});
});
