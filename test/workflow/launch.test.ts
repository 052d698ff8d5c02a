import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { seedIds } from '../../emulator';
import { fields, flowRef, genesysNode, runNode, saveCredential, setUp, type Bench } from './support';

describe('Flow Execution > Launch', () => {
	let bench: Bench;
	before(async () => (bench = await setUp()));
	after(async () => await bench.close());

	test('launches one execution per item with Trigger Data fields sent under the Flow. prefix', async () => {
		const credentialId = saveCredential(bench);
		const node = genesysNode(credentialId, {
			resource: 'flowExecution',
			operation: 'launch',
			flowId: flowRef(seedIds.demo),
			triggerDataMode: 'fields',
			triggerData: fields({ customerId: '={{ $json.id }}', customerName: '={{ $json.name }}', priority: 2 }),
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
		assert.deepEqual(result.items.map((item) => item.pairedItem), [{ item: 0 }, { item: 1 }]);
		assert.equal(result.items[0].json.executionId, launches[0].id);
	});
});
