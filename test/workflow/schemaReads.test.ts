import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { IDataObject } from 'n8n-workflow';

import { seedIds } from '../../emulator';
import {
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

describe("The flow's schema is read once per flow and version per run, however many items", () => {
	let bench: Bench;
	let credentialId: string;
	useBench((started, credential) => ([bench, credentialId] = [started, credential]));

	const items = (count: number, make: (index: number) => IDataObject) =>
		Array.from({ length: count }, (_, index) => make(index));

	test('40 items of one flow: one flow read, no version read, 40 launches', async () => {
		const { fields } = await loadTriggerDataFields(bench, credentialId, seedIds.demo);
		bench.emulator.reset();
		const node = genesysNode(
			credentialId,
			launchParameters(seedIds.demo, {
				triggerData: mappedFields(fields, {
					customerId: '={{ $json.id }}',
					customerName: '={{ $json.name }}',
				}),
			}),
		);
		const result = await runNode(
			bench,
			node,
			items(40, (index) => ({ id: `C-${index}`, name: `N${index}` })),
		);
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(requestCount(bench, 'getFlow', 200), 1);
		assert.equal(requestCount(bench, 'getVersion'), 0);
		assert.equal(requestCount(bench, 'launch', 200), 40);
		assert.deepEqual(
			result.items.map((item) => item.pairedItem),
			items(40, (item) => ({ item })),
		);
	});

	test('items of a named version: one flow read and one version read', async () => {
		const node = genesysNode(
			credentialId,
			launchParameters(seedIds.multiVersion, {
				flowVersion: versionRef('1.0'),
				triggerDataMode: 'json',
				triggerDataJson: '={{ $json }}',
			}),
		);
		const result = await runNode(
			bench,
			node,
			items(25, (index) => ({ v1Text: `t${index}` })),
		);
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(requestCount(bench, 'getFlow', 200), 1);
		assert.equal(requestCount(bench, 'getVersion', 200), 1);
		assert.equal(requestCount(bench, 'launch', 200), 25);
	});

	test('items spread over two flows and two versions: one read of each', async () => {
		const node = genesysNode(
			credentialId,
			launchParameters('={{ $json.flow }}', {
				flowVersion: versionRef('={{ $json.version }}'),
				triggerDataMode: 'json',
				triggerDataJson: '={{ $json.inputs }}',
			}),
		);
		const input = items(30, (index) =>
			index % 3 === 0
				? { flow: seedIds.noInputs, version: '', inputs: {} }
				: index % 3 === 1
					? { flow: seedIds.multiVersion, version: '2.0', inputs: { v2Number: index } }
					: { flow: seedIds.multiVersion, version: '3.0', inputs: { v3Text: `t${index}` } },
		);
		const result = await runNode(bench, node, input);
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(requestCount(bench, 'getFlow', 200), 2, 'each flow once, whatever the version');
		assert.equal(requestCount(bench, 'getVersion', 200), 2);
		assert.equal(requestCount(bench, 'launch', 200), 30);
	});

	test('a failed schema read is not repeated for every item', async () => {
		const node = genesysNode(
			credentialId,
			launchParameters('e0ae0000-0000-4000-8000-0000000000ff', { triggerDataMode: 'json' }),
		);
		const result = await runNode(
			bench,
			{ ...node, onError: 'continueRegularOutput' },
			items(10, () => ({})),
		);
		assert.equal(result.items.length, 10);
		assert.ok(
			result.items.every((item) =>
				String(item.json.error).startsWith('Genesys Cloud found nothing to read flow'),
			),
		);
		assert.equal(requestCount(bench, 'getFlow', 404), 1);
	});
});
