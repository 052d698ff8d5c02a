import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { seedClients, seedIds } from '../../emulator';
import {
	genesysNode,
	launchParameters,
	runNode,
	saveCredential,
	useBench,
	type Bench,
} from './support';

const items = (count: number, prefix: string) =>
	Array.from({ length: count }, (_, n) => ({ n: `${prefix}${n}` }));

function launch(credentialId: string, options: INodeParameters, name = 'Genesys Cloud') {
	return genesysNode(
		credentialId,
		launchParameters(seedIds.noInputs, {
			triggerDataMode: 'json',
			triggerDataJson: '{}',
			executionName: '=item {{ $json.n }}',
			options,
		}),
		name,
	);
}

/** Requests the emulator answered on the API (the token endpoint aside), and how many were 429s. */
function apiRequests(bench: Bench): { total: number; rateLimited: number } {
	const stats = bench.emulator.stats();
	let total = 0;
	for (const [route, byStatus] of Object.entries(stats.requests)) {
		if (route === 'token') continue;
		total += Object.values(byStatus).reduce((sum, count) => sum + count, 0);
	}
	return { total, rateLimited: stats.rateLimited };
}

describe('Request budget: one per token, shared and corrected by 429s (real dialect: no rate-limit headers)', () => {
	let bench: Bench;
	useBench((b) => (bench = b));

	test('two executions at once on one credential share its budget: combined rate at the limit, at most 3 × 429', async (t) => {
		// The emulator's limit: 20 per 2 s per token (600 a minute), and Requests per Minute set to match.
		bench.emulator.configure({ rateLimit: { requests: 20, windowSeconds: 2 } });
		const credentialId = saveCredential(bench);
		const started = Date.now();
		const [a, b] = await Promise.all([
			runNode(bench, launch(credentialId, { requestsPerMinute: 600 }, 'Run A'), items(25, 'a')),
			runNode(bench, launch(credentialId, { requestsPerMinute: 600 }, 'Run B'), items(25, 'b')),
		]);
		const seconds = (Date.now() - started) / 1000;
		assert.equal(a.error, undefined, a.error?.message);
		assert.equal(b.error, undefined, b.error?.message);
		assert.equal(a.items.length + b.items.length, 50);

		const { total, rateLimited } = apiRequests(bench);
		// Unshared, the two runs would send 20 a second and meet dozens of 429s. Shared, the even pace stays under
		// the limit; the emulator's fixed window opens when its first request lands, so a late first request under
		// CPU load can still put one request into a full window (the goal for two workflows: ≤ 3).
		assert.ok(rateLimited <= 3, `paced together, the two runs met the limit ${rateLimited} times`);
		assert.equal(bench.emulator.executions().length, 50);
		assert.equal(bench.emulator.stats().duplicateLaunches, 0);
		const rate = total / seconds;
		t.diagnostic(
			`${total} requests in ${seconds.toFixed(1)} s: ${rate.toFixed(2)}/s of 10/s, ${rateLimited} × 429`,
		);
		// Each run alone would go at 10 per second: together they must not exceed it, and should come close.
		assert.ok(
			rate <= 10.3,
			`combined ${rate.toFixed(2)} requests/s over ${seconds.toFixed(1)} s exceeds the 10/s limit`,
		);
		assert.ok(rate >= 7, `combined ${rate.toFixed(2)} requests/s is far below the 10/s limit`);
	});

	test('an org whose real limit is half the configured one: 429s slow the budget down, nothing is lost', async (t) => {
		// Real limit 10 per 2 s (300 a minute) while Requests per Minute says 600.
		bench.emulator.configure({ rateLimit: { requests: 10, windowSeconds: 2 } });
		// Another OAuth client than the first test's, so this one's budget starts fresh.
		const credentialId = saveCredential(bench, { ...seedClients.noFlowExecuteScope, scope: '' });
		const started = Date.now();
		const result = await runNode(
			bench,
			launch(credentialId, { requestsPerMinute: 600 }),
			items(40, 'c'),
		);
		const seconds = (Date.now() - started) / 1000;
		assert.equal(result.error, undefined, result.error?.message);
		assert.equal(result.items.length, 40);
		assert.equal(bench.emulator.executions().length, 40, 'every item launched');
		assert.equal(bench.emulator.stats().duplicateLaunches, 0);

		const { total, rateLimited } = apiRequests(bench);
		const accepted = total - rateLimited;
		assert.ok(rateLimited >= 1, 'the lower real limit was met');
		// Every 429 pauses the whole budget and lowers its rate: a handful, not one per request sent too fast.
		assert.ok(rateLimited <= 12, `${rateLimited} answers 429`);
		const ratio = accepted / seconds / 5;
		t.diagnostic(
			`${accepted} accepted in ${seconds.toFixed(1)} s: ${ratio.toFixed(2)} of the real limit, ${rateLimited} × 429`,
		);
		assert.ok(
			ratio >= 0.6,
			`settled at ${ratio.toFixed(2)} of the real limit (${accepted} accepted in ${seconds.toFixed(1)} s)`,
		);
	});

	test("waiting learns from the flow's finished executions when to look: one poll each, outputs sooner", async (t) => {
		// "Random duration" runs 2-5 s, scaled by 0.01 here: 20-50 ms. The Poll Interval is 1 s.
		const credentialId = saveCredential(bench);
		const node = genesysNode(
			credentialId,
			launchParameters(seedIds.randomDuration, {
				triggerDataMode: 'json',
				triggerDataJson: '{}',
				executionName: '=wait {{ $json.n }}',
				waitForCompletion: true,
				options: { pollInterval: 1, requestsPerMinute: 6000 },
			}),
		);
		const polls = () => bench.emulator.stats().requests.getExecution?.['200'] ?? 0;
		const timed = async (prefix: string) => {
			const started = Date.now();
			const result = await runNode(bench, node, items(20, prefix));
			assert.equal(result.error, undefined, result.error?.message);
			assert.equal(result.items.length, 20);
			return (Date.now() - started) / 1000;
		};
		const first = await timed('first');
		const firstPolls = polls();
		const second = await timed('second');
		const secondPolls = polls() - firstPolls;
		t.diagnostic(
			`first run ${first.toFixed(2)} s, ${firstPolls / 20} polls each; second ${second.toFixed(2)} s, ${secondPolls / 20} each`,
		);
		assert.equal(
			firstPolls,
			20,
			'nothing known yet: one poll after the Poll Interval, when every flow is done',
		);
		assert.ok(secondPolls <= 24, `${secondPolls} polls for 20 executions`);
		assert.ok(first >= 1, 'the first run waited the Poll Interval');
		assert.ok(
			second < first * 0.7,
			`the second run looked when the flow is usually done (${second} s vs ${first} s)`,
		);
	});
});
