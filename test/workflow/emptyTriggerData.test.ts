/**
 * Trigger Data that says nothing (JSON that is null, undefined or an expression's empty text; an auto-mapped item
 * that names no input) is refused for a flow that has inputs: real Genesys would accept the launch and start the
 * flow with every input at its initial value, and a flow that needs one would fail minutes later. A flow without
 * inputs is launched with `inputData: {}` in every mode.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import { seedIds } from '../../emulator';
import {
	failureOf,
	fields,
	genesysNode,
	launchParameters,
	loadTriggerDataFields,
	mappedFields,
	requestCount,
	runNode,
	useBench,
	type Bench,
} from './support';

const DEMO_INPUTS =
	'Flow "Customer follow-up" has inputs: customerId (String), customerName (String), email (String), priority (Integer), tags (String list).';

const json = (triggerDataJson: string): INodeParameters => ({
	triggerDataMode: 'json',
	triggerDataJson,
});

describe('Trigger Data that says nothing', () => {
	let bench: Bench;
	let credentialId: string;
	useBench((started, credential) => ([bench, credentialId] = [started, credential]));

	const node = (flowId: string, parameters: INodeParameters) =>
		genesysNode(credentialId, launchParameters(flowId, parameters));

	async function refused(launchNode: INode, input: IDataObject[] = [{}]) {
		const failure = failureOf(await runNode(bench, launchNode, input));
		assert.equal(requestCount(bench, 'launch'), 0, 'nothing reached the launch endpoint');
		return failure;
	}

	async function launched(launchNode: INode, input: IDataObject[] = [{}]) {
		const result = await runNode(bench, launchNode, input);
		assert.equal(result.error, undefined, result.error?.message);
		return bench.emulator.executions().map((execution) => execution.inputData);
	}

	describe('JSON mode, for a flow with inputs', () => {
		test('null typed in the field is refused, saying how to launch with every input at its initial value', async () => {
			const failure = await refused(node(seedIds.demo, json('null')));
			assert.equal(failure.message, 'Trigger Data (JSON) of item 0 is not a JSON object but null');
			assert.equal(failure.itemIndex, 0);
			assert.equal(
				failure.description,
				`${DEMO_INPUTS} Launched like this, Genesys Cloud would start the flow with every input at its initial value, and a flow that needs one would fail later, so nothing was sent. If an expression gives the Trigger Data, check what it resolves to for this item. To launch with every input at its initial value on purpose, give an empty object: {}.`,
			);
		});

		test('an expression resolving to null, to nothing, or to empty text is refused, naming the item', async () => {
			const cases: Array<[IDataObject, string]> = [
				[{ payload: null }, 'null'],
				[{}, 'nothing (undefined)'],
				[{ payload: '' }, 'empty text'],
				[{ payload: '  ' }, 'empty text'],
				[{ payload: 'null' }, 'null'],
			];
			for (const [item, what] of cases) {
				bench.emulator.reset();
				const failure = await refused(node(seedIds.demo, json('={{ $json.payload }}')), [
					{ payload: { customerId: 'C-1' } },
					item,
				]);
				assert.equal(
					failure.message,
					`Trigger Data (JSON) of item 1 is not a JSON object but ${what}`,
					JSON.stringify(item),
				);
				assert.equal(failure.itemIndex, 1);
			}
		});

		test('empty text typed in the field, and an explicit {}, launch with every input at its initial value', async () => {
			assert.deepEqual(await launched(node(seedIds.demo, json(''))), [{}]);
			bench.emulator.reset();
			assert.deepEqual(await launched(node(seedIds.demo, json('  {}  '))), [{}]);
			bench.emulator.reset();
			assert.deepEqual(
				await launched(node(seedIds.demo, json('={{ $json.payload }}')), [{ payload: {} }]),
				[{}],
			);
		});
	});

	test('JSON mode, for a flow without inputs: null, nothing and empty text launch with inputData {}', async () => {
		assert.deepEqual(await launched(node(seedIds.noInputs, json('null'))), [{}]);
		bench.emulator.reset();
		const input = [{ payload: null }, {}, { payload: '' }, { payload: {} }];
		assert.deepEqual(await launched(node(seedIds.noInputs, json('={{ $json.payload }}')), input), [
			{},
			{},
			{},
			{},
		]);
	});

	describe('Map Automatically', () => {
		const autoMapped = async (flowId: string) => {
			const { fields: schema } = await loadTriggerDataFields(bench, credentialId, flowId);
			return node(flowId, { triggerData: mappedFields(schema, null, 'autoMapInputData') });
		};

		test("an item that names none of the flow's inputs is refused, listing its keys and the inputs", async () => {
			const failure = await refused(await autoMapped(seedIds.demo), [
				{ customerId: 'C-1', customerName: 'Ada' },
				{ custId: 'C-2', name: 'Grace', source: 'crm' },
			]);
			assert.equal(
				failure.message,
				'Auto-mapped Trigger Data of item 1 matches none of the inputs of flow "Customer follow-up"',
			);
			assert.equal(failure.itemIndex, 1);
			assert.equal(
				failure.description,
				`The item's keys: "custId", "name", "source". The flow's inputs are: customerId (String), customerName (String), email (String), priority (Integer), tags (String list). Launched like this, Genesys Cloud would start the flow with every input at its initial value, and a flow that needs one would fail later, so nothing was sent. The item may come from the wrong node, or a column may have been renamed. To launch with every input at its initial value on purpose, set Trigger Data to JSON and give {}.`,
			);
		});

		test('an empty item is refused too; a long item names its first 20 keys', async () => {
			const empty = await refused(await autoMapped(seedIds.demo), [{}]);
			assert.match(empty.description, /^The item's keys: none \(the item is empty\)\./);
			bench.emulator.reset();
			const wide = Object.fromEntries(Array.from({ length: 25 }, (_, n) => [`column${n}`, n]));
			const long = await refused(await autoMapped(seedIds.demo), [wide]);
			assert.match(long.description, /"column18", "column19" and 5 more\. The flow's inputs/);
		});

		test('an item naming an input, even with an empty value, launches; empty values are not sent', async () => {
			assert.deepEqual(
				await launched(await autoMapped(seedIds.demo), [
					{ customerId: null, source: 'crm' },
					{ 'Flow.customerName': 'Ada', id: 17 },
				]),
				[{}, { 'Flow.customerName': 'Ada' }],
			);
		});

		test('a flow without inputs is launched with inputData {} whatever the item holds', async () => {
			assert.deepEqual(
				await launched(await autoMapped(seedIds.noInputs), [{ source: 'crm' }, {}]),
				[{}, {}],
			);
		});
	});

	describe('Fields', () => {
		test('a mapped field resolving to null or nothing is not sent', async () => {
			const { fields: schema } = await loadTriggerDataFields(bench, credentialId, seedIds.demo);
			const launchNode = node(seedIds.demo, {
				triggerData: mappedFields(schema, {
					customerId: '={{ $json.id }}',
					customerName: '={{ $json.name }}',
					email: '={{ $json.email }}',
				}),
			});
			assert.deepEqual(
				await launched(launchNode, [
					{ id: 'C-1', name: null },
					{ id: 'C-2', name: 'Grace', email: null },
				]),
				[{ 'Flow.customerId': 'C-1' }, { 'Flow.customerId': 'C-2', 'Flow.customerName': 'Grace' }],
			);
		});

		test('no field filled launches with every input at its initial value, as the field notice says', async () => {
			assert.deepEqual(
				await launched(node(seedIds.demo, { triggerData: mappedFields([], null) })),
				[{}],
			);
			bench.emulator.reset();
			assert.deepEqual(await launched(node(seedIds.noInputs, { triggerData: fields({}) })), [{}]);
		});
	});

	test('Continue On Fail: each refused item comes out as an error paired to it; the others are launched', async () => {
		const { fields: schema } = await loadTriggerDataFields(bench, credentialId, seedIds.demo);
		const jsonNode: INode = {
			...node(seedIds.demo, json('={{ $json.payload }}')),
			onError: 'continueRegularOutput',
		};
		const autoNode: INode = {
			...node(seedIds.demo, { triggerData: mappedFields(schema, null, 'autoMapInputData') }),
			onError: 'continueRegularOutput',
		};
		const runs: Array<[INode, IDataObject[], number[]]> = [
			[
				jsonNode,
				[
					{ payload: { customerId: 'C-0' } },
					{ payload: null },
					{},
					{ payload: { customerId: 'C-3' } },
				],
				[1, 2],
			],
			[autoNode, [{ customerId: 'C-0' }, { custId: 'C-1' }, {}, { customerId: 'C-3' }], [1, 2]],
		];
		for (const [launchNode, input, refusedItems] of runs) {
			bench.emulator.reset();
			const result = await runNode(bench, launchNode, input);
			assert.equal(result.error, undefined, result.error?.message);
			assert.deepEqual(
				result.items.map((item) => item.pairedItem),
				input.map((_, item) => ({ item })),
			);
			for (const [index, item] of result.items.entries()) {
				if (refusedItems.includes(index)) {
					assert.match(String(item.json.error), new RegExp(`of item ${index} `));
					assert.match(String(item.json.description), /give|set Trigger Data to JSON/);
				} else {
					assert.equal(item.json.error, undefined, String(item.json.error));
					assert.ok(item.json.executionId);
				}
			}
			assert.deepEqual(
				bench.emulator
					.executions()
					.map((execution) => execution.inputData)
					.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
				[{ 'Flow.customerId': 'C-0' }, { 'Flow.customerId': 'C-3' }],
			);
		}
	});
});
