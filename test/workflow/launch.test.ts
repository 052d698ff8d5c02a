import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { seedIds } from '../../emulator';
import {
	fields,
	flowRef,
	genesysNode,
	launchParameters,
	loadTriggerDataFields,
	mappedFields,
	runNode,
	useBench,
	versionRef,
	type Bench,
} from './support';

describe('Flow Execution > Launch', () => {
	let bench: Bench;
	let credentialId: string;
	useBench((started, credential) => ([bench, credentialId] = [started, credential]));

	test('launches one execution per item with Trigger Data fields sent under the Flow. prefix', async () => {
		const node = genesysNode(credentialId, {
			resource: 'flowExecution',
			operation: 'launch',
			flowId: flowRef(seedIds.demo),
			triggerDataMode: 'fields',
			triggerData: fields({
				customerId: '={{ $json.id }}',
				customerName: '={{ $json.name }}',
				priority: 2,
			}),
		});
		const result = await runNode(bench, node, [
			{ id: 'C-1', name: 'Ada' },
			{ id: 'C-2', name: 'Grace' },
		]);
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(result.items.length, 2);
		const launches = bench.emulator.executions();
		assert.deepEqual(
			launches.map((launch) => launch.inputData),
			[
				{ 'Flow.customerId': 'C-1', 'Flow.customerName': 'Ada', 'Flow.priority': 2 },
				{ 'Flow.customerId': 'C-2', 'Flow.customerName': 'Grace', 'Flow.priority': 2 },
			],
		);
		assert.deepEqual(
			result.items.map((item) => item.pairedItem),
			[{ item: 0 }, { item: 1 }],
		);
		assert.equal(result.items[0].json.executionId, launches[0].id);
	});

	test('Fields mode with the schema the editor stored: every input type converted to what Genesys expects', async () => {
		const { fields: schema } = await loadTriggerDataFields(bench, credentialId, seedIds.allTypes);
		const node = genesysNode(
			credentialId,
			launchParameters(seedIds.allTypes, {
				triggerData: mappedFields(schema, {
					stringInput: '={{ $json.text }}',
					integerInput: '={{ $json.count }}',
					decimalInput: '={{ $json.amount }}',
					booleanInput: '={{ $json.flag }}',
					dateInput: '={{ $json.day }}',
					dateTimeInput: '={{ $json.at }}',
					jsonInput: '={{ $json.doc }}',
					stringCollection: '={{ $json.labels }}',
					integerCollection: '={{ $json.numbers }}',
					colour: 'green',
				}),
			}),
		);
		const result = await runNode(bench, node, [
			{
				text: 'hello',
				count: '42',
				amount: '4.5',
				flag: 'true',
				day: '2026-01-31',
				at: '2026-01-31T09:30:00Z',
				doc: '{"a": {"b": 1}}',
				labels: '["x", "y"]',
				numbers: ['1', 2],
			},
		]);
		assert.equal(result.error, undefined, result.error?.message);
		const [launch] = bench.emulator.executions();
		assert.deepEqual(launch.inputData, {
			'Flow.stringInput': 'hello',
			'Flow.integerInput': 42,
			'Flow.decimalInput': 4.5,
			'Flow.booleanInput': true,
			'Flow.dateInput': '2026-01-31',
			'Flow.dateTimeInput': '2026-01-31T09:30:00.000Z',
			'Flow.jsonInput': { a: { b: 1 } },
			'Flow.stringCollection': ['x', 'y'],
			'Flow.integerCollection': [1, 2],
			'Flow.colour': 'green',
		});
	});

	test('optional fields left empty are not sent', async () => {
		const { fields: schema } = await loadTriggerDataFields(bench, credentialId, seedIds.demo);
		const node = genesysNode(
			credentialId,
			launchParameters(seedIds.demo, {
				triggerData: mappedFields(schema, {
					customerId: 'C-9',
					customerName: 'Lin',
					email: '',
					priority: null,
					tags: null,
				}),
			}),
		);
		const result = await runNode(bench, node);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(bench.emulator.executions()[0].inputData, {
			'Flow.customerId': 'C-9',
			'Flow.customerName': 'Lin',
		});
	});

	test('JSON mode: keys with or without Flow., values coerced ("42" → 42, dates as YYYY-MM-DD)', async () => {
		const node = genesysNode(
			credentialId,
			launchParameters(seedIds.allTypes, {
				triggerDataMode: 'json',
				triggerDataJson: JSON.stringify({
					'Flow.stringInput': 'from json',
					integerInput: '42',
					dateInput: '2026-02-28',
					'Flow.integerCollection': ['3', 4],
					booleanInput: false,
				}),
			}),
		);
		const result = await runNode(bench, node);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(bench.emulator.executions()[0].inputData, {
			'Flow.stringInput': 'from json',
			'Flow.integerInput': 42,
			'Flow.dateInput': '2026-02-28',
			'Flow.integerCollection': [3, 4],
			'Flow.booleanInput': false,
		});
	});

	test('JSON mode takes an object from an expression', async () => {
		const node = genesysNode(
			credentialId,
			launchParameters(seedIds.demo, {
				triggerDataMode: 'json',
				triggerDataJson: '={{ $json.inputs }}',
			}),
		);
		const result = await runNode(bench, node, [
			{ inputs: { customerId: 'C-7', 'Flow.customerName': 'Joan', tags: ['vip'] } },
		]);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(bench.emulator.executions()[0].inputData, {
			'Flow.customerId': 'C-7',
			'Flow.customerName': 'Joan',
			'Flow.tags': ['vip'],
		});
	});

	test('Map Automatically takes item keys with or without Flow. and ignores unrelated keys', async () => {
		const { fields: schema } = await loadTriggerDataFields(bench, credentialId, seedIds.demo);
		const node = genesysNode(
			credentialId,
			launchParameters(seedIds.demo, {
				triggerData: mappedFields(schema, null, 'autoMapInputData'),
			}),
		);
		const result = await runNode(bench, node, [
			{ customerId: 'C-1', 'Flow.customerName': 'Ada', priority: '3', source: 'crm', id: 17 },
			{ 'Flow.customerId': 'C-2', customerName: 'Grace', tags: ['a', 'b'] },
		]);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(
			bench.emulator.executions().map((launch) => launch.inputData),
			[
				{ 'Flow.customerId': 'C-1', 'Flow.customerName': 'Ada', 'Flow.priority': 3 },
				{ 'Flow.customerId': 'C-2', 'Flow.customerName': 'Grace', 'Flow.tags': ['a', 'b'] },
			],
		);
	});

	test('a flow without inputs is launched with inputData {} in both modes', async () => {
		const { fields: schema } = await loadTriggerDataFields(bench, credentialId, seedIds.noInputs);
		const viaFields = genesysNode(
			credentialId,
			launchParameters(seedIds.noInputs, { triggerData: mappedFields(schema, null) }),
		);
		const viaJson = genesysNode(
			credentialId,
			launchParameters(seedIds.noInputs, { triggerDataMode: 'json', triggerDataJson: '' }),
		);
		for (const node of [viaFields, viaJson]) {
			const result = await runNode(bench, node);
			assert.equal(result.error, undefined, result.error?.message);
		}
		assert.deepEqual(
			bench.emulator.executions().map((launch) => launch.inputData),
			[{}, {}],
		);
	});

	test("a named Flow Version is launched with that version's inputs", async () => {
		const { fields: schema } = await loadTriggerDataFields(
			bench,
			credentialId,
			seedIds.multiVersion,
			'2.0',
		);
		const node = genesysNode(
			credentialId,
			launchParameters(seedIds.multiVersion, {
				flowVersion: versionRef('2.0'),
				triggerData: mappedFields(schema, { v2Number: '={{ "7" }}' }),
			}),
		);
		const result = await runNode(bench, node);
		assert.equal(result.error, undefined, result.error?.message);
		const [launch] = bench.emulator.executions();
		assert.equal(launch.requestedFlowVersion, '2.0');
		assert.deepEqual(launch.inputData, { 'Flow.v2Number': 7 });
		assert.equal(result.items[0].json.flowVersion, '2.0');
	});

	test('outputs the execution ID, name, flow and version; the default name identifies the workflow and item', async () => {
		const node = genesysNode(
			credentialId,
			launchParameters(seedIds.noInputs, { triggerDataMode: 'json' }),
		);
		const result = await runNode(bench, node, [{}, {}]);
		assert.equal(result.error, undefined, result.error?.message);
		const launches = bench.emulator.executions();
		assert.match(String(launches[0].name), /^n8n: Harness workflow #\S+ item 0$/);
		assert.match(String(launches[1].name), /^n8n: Harness workflow #\S+ item 1$/);
		assert.deepEqual(result.items[1].json, {
			executionId: launches[1].id,
			name: launches[1].name,
			flowId: seedIds.noInputs,
			flowName: 'No inputs',
			flowVersion: '1.0',
		});
	});

	test('Execution Name is sent as given, and the flow can be picked by URL', async () => {
		const node = genesysNode(
			credentialId,
			launchParameters('', {
				flowId: {
					__rl: true,
					mode: 'url',
					value: `https://apps.mypurecloud.com/architect/#/workflow/${seedIds.noInputs}/latest`,
				},
				triggerDataMode: 'json',
				executionName: '=Follow-up {{ $json.ticket }}',
			}),
		);
		const result = await runNode(bench, node, [{ ticket: 'T-1' }]);
		assert.equal(result.error, undefined, result.error?.message);
		const [launch] = bench.emulator.executions();
		assert.equal(launch.flowId, seedIds.noInputs);
		assert.equal(launch.name, 'Follow-up T-1');
		assert.equal(result.items[0].json.name, 'Follow-up T-1');
	});
});
