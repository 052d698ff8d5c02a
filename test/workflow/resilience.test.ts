import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { seedIds } from '../../emulator';
import { flowRef, genesysNode, runNode, saveCredential, setUp, type Bench } from './support';

function launchNoInputs(credentialId: string, options: INodeParameters = {}) {
	return genesysNode(credentialId, {
		resource: 'flowExecution',
		operation: 'launch',
		flowId: flowRef(seedIds.noInputs),
		triggerDataMode: 'json',
		triggerDataJson: '={{ JSON.stringify({}) }}',
		executionName: '=item {{ $json.n }}',
		options,
	});
}

const items = (count: number) => Array.from({ length: count }, (_, n) => ({ n }));

describe('Throughput and resilience', () => {
	let bench: Bench;
	let credentialId: string;
	before(async () => (bench = await setUp()));
	after(async () => await bench.close());
	beforeEach(() => {
		bench.emulator.reset();
		credentialId = saveCredential(bench);
	});

	test('a 429 storm ends with every item launched exactly once', async () => {
		bench.emulator.configure({
			faultScript: [{ route: 'launch', kind: 429, times: 25, retryAfterSeconds: 0.2 }],
		});
		const result = await runNode(bench, launchNoInputs(credentialId), items(20));
		assert.equal(result.error, undefined, result.error?.message);
		const stats = bench.emulator.stats();
		assert.equal(stats.rateLimited, 25);
		assert.equal(bench.emulator.executions().length, 20);
		assert.equal(stats.duplicateLaunches, 0);
		assert.deepEqual(
			bench.emulator
				.executions()
				.map((execution) => execution.name)
				.sort(),
			items(20)
				.map(({ n }) => `item ${n}`)
				.sort(),
		);
	});

	test('the rate limit slows the run down instead of failing items', async () => {
		bench.emulator.configure({ rateLimit: { requests: 10, windowSeconds: 1 } });
		const result = await runNode(
			bench,
			launchNoInputs(credentialId, { maxConcurrentRequests: 8 }),
			items(30),
		);
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(result.items.length, 30);
		assert.equal(bench.emulator.executions().length, 30);
		assert.equal(bench.emulator.stats().duplicateLaunches, 0);
	});

	test('a 429 that outlasts the ceiling fails the item and says how to fix it', async () => {
		bench.emulator.configure({
			faultScript: [{ route: 'launch', kind: 429, times: 50, retryAfterSeconds: 0.3 }],
		});
		const result = await runNode(
			bench,
			launchNoInputs(credentialId, { rateLimitWaitCeiling: 1 }),
			items(1),
		);
		assert.match(result.error?.message ?? '', /kept answering 429 Too Many Requests/);
		assert.match(String(result.error?.description), /Rate Limit Wait Ceiling/);
		assert.equal(bench.emulator.executions().length, 0);
	});

	for (const kind of ['resetAfter', 502, 504, '504After'] as const) {
		test(`an ambiguous launch failure (${kind}) is not retried and names the execution`, async () => {
			bench.emulator.configure({ faultScript: [{ route: 'launch', kind, times: 1 }] });
			const result = await runNode(bench, launchNoInputs(credentialId), items(1));
			assert.match(result.error?.message ?? '', /The flow may have started/);
			assert.match(String(result.error?.description), /execution named "item 0"/);
			const sent = Object.values(bench.emulator.stats().requests.launch ?? {}).reduce(
				(sum, count) => sum + count,
				0,
			);
			assert.equal(sent, 1, 'the launch must not be sent twice');
		});
	}

	test('a reset before the answer leaves the launch unretried even when nothing started', async () => {
		bench.emulator.configure({ faultScript: [{ route: 'launch', kind: 'resetBefore', times: 1 }] });
		const result = await runNode(bench, launchNoInputs(credentialId), items(1));
		assert.match(result.error?.message ?? '', /may have started/);
		assert.equal(bench.emulator.executions().length, 0);
		assert.equal(bench.emulator.stats().resetsInjected, 1);
	});

	test('a launch answered 503 (not processed) is retried and launched once', async () => {
		bench.emulator.configure({ faultScript: [{ route: 'launch', kind: 503, times: 2 }] });
		const result = await runNode(bench, launchNoInputs(credentialId), items(1));
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(bench.emulator.executions().length, 1);
	});

	test('reads recover from 5xx answers and dropped connections', async () => {
		bench.emulator.configure({
			faultScript: [
				{ route: 'getFlow', kind: 'resetAfter', times: 1 },
				{ route: 'getFlow', kind: 502, times: 1 },
				{ route: 'getFlow', kind: 500, times: 1 },
				{ route: 'getFlow', kind: 504, times: 1 },
			],
		});
		const node = genesysNode(credentialId, {
			resource: 'flow',
			operation: 'get',
			flowId: flowRef(seedIds.demo),
		});
		const result = await runNode(bench, node);
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(result.items[0].json.id, seedIds.demo);
		assert.equal(bench.emulator.stats().requests.getFlow?.['200'], 1);
	});

	test('the token request is retried after 429, 503 and a dropped connection', async () => {
		bench.emulator.configure({
			faultScript: [
				{ route: 'token', kind: 429, times: 1, retryAfterSeconds: 0.1 },
				{ route: 'token', kind: 503, times: 1 },
				{ route: 'token', kind: 'resetBefore', times: 1 },
			],
		});
		const result = await runNode(bench, launchNoInputs(credentialId), items(3));
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(bench.emulator.stats().tokensIssued, 1);
		assert.equal(bench.emulator.executions().length, 3);
	});

	test('order and pairing hold when answers arrive out of order', async () => {
		bench.emulator.configure({ latencyMs: 5, jitterMs: 40 });
		const result = await runNode(
			bench,
			launchNoInputs(credentialId, { maxConcurrentRequests: 10 }),
			items(40),
		);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(
			result.items.map((item) => [item.json.name, item.pairedItem]),
			items(40).map(({ n }) => [`item ${n}`, { item: n }]),
		);
	});

	test('cancelling a run stops polling', async () => {
		const node = genesysNode(credentialId, {
			resource: 'flowExecution',
			operation: 'launch',
			flowId: flowRef(seedIds.neverEnding),
			triggerDataMode: 'json',
			triggerDataJson: '{}',
			waitForCompletion: true,
			// A budget far above the polls' needs: this is about the cancel, not the rate.
			options: { pollInterval: 0.1, waitTimeout: 60, requestsPerMinute: 6000 },
		});
		const started = Date.now();
		await runNode(bench, node, items(3), {
			onStart: (execution) => {
				const timer = setTimeout(() => execution.cancel(), 800);
				timer.unref();
			},
		});
		assert.ok(Date.now() - started < 10_000, 'the run ends soon after the cancel');
		const polls = () => bench.emulator.stats().requests.getExecution?.['200'] ?? 0;
		// A poll already on the wire when the cancel came may still be answered: let those land first. A run
		// that kept polling every 0.1 s would still add several during the wait below.
		await new Promise((resolve) => setTimeout(resolve, 300));
		const afterCancel = polls();
		assert.ok(afterCancel > 0, 'it was polling before the cancel');
		await new Promise((resolve) => setTimeout(resolve, 600));
		assert.equal(polls(), afterCancel, 'no poll after the cancel');
	});
});
