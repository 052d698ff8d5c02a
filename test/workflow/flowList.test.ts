import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { seedIds } from '../../emulator';
import {
	genesysNode,
	launchParameters,
	requestCount,
	saveCredential,
	setUp,
	type Bench,
} from './support';

// The seed holds 104 bulk workflows (every 10th bulk flow is an inbound call, every 15th a chat) and nine
// named workflows, one of them unpublished; the deleted one is hidden by the API itself.
const LISTED_WORKFLOWS = 104 + 9;

describe('Flow picker (From List)', () => {
	let bench: Bench;
	let credentialId: string;
	before(async () => {
		bench = await setUp();
		credentialId = saveCredential(bench);
	});
	after(async () => await bench.close());

	const node = () => genesysNode(credentialId, launchParameters(''));

	test('pages through every published workflow with the pagination token', async () => {
		const first = await bench.harness.listSearch(node(), 'searchWorkflows');
		assert.equal(first.paginationToken, '2');
		const second = await bench.harness.listSearch(
			node(),
			'searchWorkflows',
			undefined,
			first.paginationToken,
		);
		assert.equal(second.paginationToken, undefined, 'the second page is the last');

		const all = [...first.results, ...second.results];
		const ids = all.map((result) => result.value);
		assert.equal(new Set(ids).size, ids.length, 'no flow is listed twice across pages');
		assert.equal(all.length, LISTED_WORKFLOWS - 1, 'all workflows but the unpublished one');
		assert.ok(ids.includes(seedIds.demo));
		assert.ok(
			all.some((result) => result.name === 'Bulk workflow 119'),
			'the last bulk workflow is on page 2',
		);
		assert.equal(all[0].name, 'All input types', 'sorted by name');
	});

	test('lists only workflows that have a published version, never deleted or other flow types', async () => {
		const first = await bench.harness.listSearch(node(), 'searchWorkflows');
		const second = await bench.harness.listSearch(
			node(),
			'searchWorkflows',
			undefined,
			first.paginationToken,
		);
		const ids = [...first.results, ...second.results].map((result) => result.value);
		for (const excluded of [seedIds.unpublished, seedIds.deleted, seedIds.inboundCall]) {
			assert.ok(!ids.includes(excluded), `${excluded} must not be listed`);
		}
		assert.ok(
			![...first.results, ...second.results].some((result) => /inbound/i.test(String(result.name))),
		);
	});

	test('the search box filters by name through the API, matching part of the name in any case', async () => {
		const before = requestCount(bench, 'listFlows');
		const found = await bench.harness.listSearch(node(), 'searchWorkflows', 'FOLLOW-up');
		assert.deepEqual(
			found.results.map((result) => [result.name, result.value]),
			[['Customer follow-up', seedIds.demo]],
		);
		assert.equal(found.paginationToken, undefined);
		assert.equal(requestCount(bench, 'listFlows') - before, 1, 'one API page per list page');

		const bulk = await bench.harness.listSearch(node(), 'searchWorkflows', 'bulk workflow 00');
		assert.deepEqual(
			bulk.results.map((result) => result.name),
			[
				'Bulk workflow 001',
				'Bulk workflow 002',
				'Bulk workflow 003',
				'Bulk workflow 004',
				'Bulk workflow 005',
				'Bulk workflow 006',
				'Bulk workflow 007',
				'Bulk workflow 008',
				'Bulk workflow 009',
			],
		);
	});

	test('a search that matches nothing returns an empty page, and * works as a wildcard', async () => {
		const none = await bench.harness.listSearch(node(), 'searchWorkflows', 'no such flow');
		assert.deepEqual(none.results, []);
		assert.equal(none.paginationToken, undefined);
		const wildcard = await bench.harness.listSearch(node(), 'searchWorkflows', 'Multi*');
		assert.deepEqual(
			wildcard.results.map((result) => result.value),
			[seedIds.multiVersion],
		);
	});
});
