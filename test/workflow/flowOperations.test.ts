import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { seedIds } from '../../emulator';
import { flowRef, genesysNode, requestCount, runNode, useBench, type Bench } from './support';

// 104 bulk workflows plus the nine named ones; the deleted workflow is hidden by the API.
const ALL_WORKFLOWS = 113;
// Every 10th of the 120 bulk flows, plus "Main IVR".
const INBOUND_CALL_FLOWS = 13;

describe('Flow > Get and Flow > Get Many', () => {
	let bench: Bench;
	let credentialId: string;
	useBench((started, credential) => ([bench, credentialId] = [started, credential]));

	const getMany = (parameters: INodeParameters) =>
		genesysNode(credentialId, { resource: 'flow', operation: 'getMany', ...parameters });

	test('Get returns the flow with its schemas, published version and a readable list of inputs', async () => {
		const node = genesysNode(credentialId, {
			resource: 'flow',
			operation: 'get',
			flowId: flowRef(seedIds.allTypes),
		});
		const result = await runNode(bench, node);
		assert.equal(result.error, undefined, result.error?.message);
		const flow = result.items[0].json;
		assert.equal(flow.id, seedIds.allTypes);
		assert.equal(flow.name, 'All input types');
		assert.equal((flow.publishedVersion as IDataObject).id, '1.0');
		assert.ok((flow.inputSchema as IDataObject).properties);
		assert.ok((flow.outputSchema as IDataObject).properties);
		const inputs = flow.inputs as IDataObject[];
		assert.deepEqual(inputs[0], {
			name: 'stringInput',
			key: 'Flow.stringInput',
			type: 'string',
			required: false,
			description: 'A String input (required).',
		});
		assert.deepEqual(
			inputs.map((input) => [input.name, input.type]),
			[
				['stringInput', 'string'],
				['integerInput', 'integer'],
				['decimalInput', 'number'],
				['booleanInput', 'boolean'],
				['dateInput', 'date'],
				['dateTimeInput', 'dateTime'],
				['jsonInput', 'object'],
				['stringCollection', 'array'],
				['integerCollection', 'array'],
				['colour', 'string'],
			],
		);
		const { name, key, type } =
			(flow.outputs as IDataObject[]).find((output) => output.name === 'integerPlusOne') ?? {};
		assert.deepEqual(
			{ name, key, type },
			{ name: 'integerPlusOne', key: 'Flow.integerPlusOne', type: 'integer' },
		);
		assert.deepEqual(result.items[0].pairedItem, { item: 0 });
	});

	test('Get reads one flow per item, each paired to its item', async () => {
		const node = genesysNode(credentialId, {
			resource: 'flow',
			operation: 'get',
			flowId: flowRef('={{ $json.id }}'),
		});
		const result = await runNode(bench, node, [{ id: seedIds.demo }, { id: seedIds.inboundCall }]);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(
			result.items.map((item) => [item.json.name, item.pairedItem]),
			[
				['Customer follow-up', { item: 0 }],
				['Main IVR', { item: 1 }],
			],
		);
	});

	test('Get Many with Return All pages through every workflow (the default type filter)', async () => {
		const result = await runNode(bench, getMany({ returnAll: true }));
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(result.items.length, ALL_WORKFLOWS);
		assert.ok(result.items.every((item) => item.json.type === 'WORKFLOW'));
		assert.equal(new Set(result.items.map((item) => item.json.id)).size, ALL_WORKFLOWS);
		assert.ok(
			result.items.every((item) => item.json.inputSchema === undefined),
			'schemas only on request',
		);
		assert.equal(requestCount(bench, 'listFlows', 200), 2, 'two pages of 100 were read');
		assert.deepEqual(result.items[ALL_WORKFLOWS - 1].pairedItem, { item: 0 });
	});

	test('Get Many with a Limit returns that many, sorted by name, reading no more than needed', async () => {
		const result = await runNode(bench, getMany({ returnAll: false, limit: 5 }));
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(
			result.items.map((item) => item.json.name),
			[
				'All input types',
				'Always fails',
				'Bulk workflow 001',
				'Bulk workflow 002',
				'Bulk workflow 003',
			],
		);
		assert.equal(requestCount(bench, 'listFlows', 200), 1);
	});

	test('Get Many filters by name (contains, any case) and by type, with schemas on request', async () => {
		const byName = await runNode(
			bench,
			getMany({ returnAll: true, filters: { name: 'follow', includeSchemas: true } }),
		);
		assert.equal(byName.error, undefined, byName.error?.message);
		assert.deepEqual(
			byName.items.map((item) => item.json.id),
			[seedIds.demo],
		);
		assert.ok(byName.items[0].json.inputSchema, 'schemas included');

		const calls = await runNode(
			bench,
			getMany({ returnAll: true, filters: { types: ['inboundcall'] } }),
		);
		assert.equal(calls.error, undefined, calls.error?.message);
		assert.equal(calls.items.length, INBOUND_CALL_FLOWS);
		assert.ok(calls.items.every((item) => item.json.type === 'INBOUNDCALL'));

		const mixed = await runNode(
			bench,
			getMany({
				returnAll: true,
				filters: { types: ['inboundcall', 'workflow'], name: 'bulk * 01*' },
			}),
		);
		assert.deepEqual(
			mixed.items.map((item) => item.json.name),
			[
				'Bulk inbound call 010',
				'Bulk workflow 011',
				'Bulk workflow 012',
				'Bulk workflow 013',
				'Bulk workflow 014',
				'Bulk workflow 016',
				'Bulk workflow 017',
				'Bulk workflow 018',
				'Bulk workflow 019',
			],
		);
	});
});
