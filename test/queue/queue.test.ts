/**
 * The Genesys Cloud node in n8n's queue mode: Redis + PostgreSQL, a main that takes the production webhooks
 * and two workers (`--concurrency=1`, so two executions land on two workers), against the emulator started in
 * this process (loopback). The main and worker1 have the package installed as a community package; worker2
 * has none of its own and loads it from the nodes folder it shares with the main (README, "Queue mode").
 *
 * One cluster for the file (~40 s to start); the tests run in order and count from the emulator's executions
 * and stats (no reset between tests: a reset would also void the token n8n keeps in the database). Each test
 * prints its figures (items, launches, duplicates, tokens, 429s, wall time). Build first (`npm run test:queue`).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { after, before, describe, test, type TestContext } from 'node:test';

import { startEmulator, type EmulatorStats, type RunningEmulator } from '../../emulator';
import { GENESYS_NODE_TYPE } from '../e2e/fixtures/genesys';
import { startQueueCluster, type QueueCluster } from './support/queueCluster';
import {
	createActiveWorkflow,
	createEmulatorCredential,
	getExecution,
	triggerWebhook,
	waitForExecutionId,
	waitForExecutions,
	type ActiveWorkflow,
	type CreatedCredential,
	type WebhookLaunchOptions,
} from './support/workflows';

const ITEMS = 300;
const WORKERS = 2;
/**
 * Requests per Minute where the emulator sets no limit (all tests but the rate test): the node's own budget
 * (300 per minute per worker by default) would otherwise stretch 2 × 300 waited launches to minutes.
 */
const UNLIMITED_RPM = 60_000;

interface Figures {
	test: string;
	[key: string]: string | number | boolean;
}
const figures: Figures[] = [];

function report(t: TestContext, f: Figures) {
	figures.push(f);
	const line = Object.entries(f)
		.map(([k, v]) => `${k}=${v}`)
		.join(' ');
	t.diagnostic(line);
	console.log(`[queue figures] ${line}`);
}

const sum = (o: Record<string, number> | undefined) =>
	Object.values(o ?? {}).reduce((a, b) => a + b, 0);
const statusCount = (s: EmulatorStats, status: string) =>
	Object.values(s.requests).reduce((n, byStatus) => n + (byStatus[status] ?? 0), 0);
const allRequests = (s: EmulatorStats) =>
	Object.values(s.requests).reduce((n, byStatus) => n + sum(byStatus), 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Emulator executions of one n8n execution, by the default name "n8n: <workflow> #<executionId> item <i>". */
function launchesOf(
	emu: RunningEmulator,
	workflowName: string,
	executionId: string,
): Map<number, number> {
	const prefix = `n8n: ${workflowName} #${executionId} item `;
	const byItem = new Map<number, number>();
	for (const e of emu.executions()) {
		if (!e.name?.startsWith(prefix)) continue;
		const item = Number(e.name.slice(prefix.length));
		byItem.set(item, (byItem.get(item) ?? 0) + 1);
	}
	return byItem;
}

function assertEachOnce(byItem: Map<number, number>, items: number, label: string) {
	const missing = Array.from({ length: items }, (_, i) => i).filter((i) => !byItem.has(i));
	const twice = [...byItem].filter(([, n]) => n > 1).map(([i]) => i);
	assert.deepEqual(missing, [], `${label}: items never launched`);
	assert.deepEqual(twice, [], `${label}: items launched more than once`);
	assert.equal(byItem.size, items, `${label}: launches`);
}

/** Whether the installed node offers an option (asked from the main, as the editor does). */
async function declaresOption(cluster: QueueCluster, name: string): Promise<boolean> {
	const [type] = await cluster.rest.nodeTypes([{ name: GENESYS_NODE_TYPE, version: 1 }]);
	return JSON.stringify(type ?? {}).includes(`"name":"${name}"`);
}

async function until(what: string, check: () => boolean, timeoutMs: number, everyMs = 50) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await sleep(everyMs);
	}
}

describe(
	'Genesys Cloud node in n8n queue mode (main + 2 workers, Redis, PostgreSQL)',
	{ timeout: 20 * 60_000 },
	() => {
		let emu: RunningEmulator;
		let cluster: QueueCluster;
		let credential: CreatedCredential;
		const startedAt = Date.now();

		before(async () => {
			// Unlimited rate by default (tests that measure the limit set it); flows of a few ms.
			emu = await startEmulator({
				port: 0,
				knobs: { executionDurationScale: 0.05, rateLimit: null },
			});
			cluster = await startQueueCluster({
				workers: WORKERS,
				workerConcurrency: 1,
				log: (l) => console.log(`[queue] ${l}`),
			});
			credential = await createEmulatorCredential(
				cluster.rest,
				emu.url,
				'Genesys Cloud (queue mode)',
			);
		});

		after(async () => {
			await cluster?.stop();
			await emu?.close();
			console.log(
				`[queue figures] suite wall time ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
			);
			for (const f of figures) console.log(`[queue figures] ${JSON.stringify(f)}`);
		});

		const workflow = (o: Omit<WebhookLaunchOptions, 'credential'>) =>
			createActiveWorkflow(cluster.rest, cluster.postgres, { ...o, credential });

		/** Triggers the workflows' webhooks at once and waits for one finished execution each. */
		async function runAtOnce(workflows: ActiveWorkflow[], timeoutMs: number) {
			await Promise.all(workflows.map((w) => triggerWebhook(cluster.webhookUrl(w.webhookPath))));
			return await Promise.all(
				workflows.map(async (w) => {
					const [execution] = await waitForExecutions(cluster.rest, w.id, 1, timeoutMs);
					return { workflow: w, execution, worker: cluster.workerOf(execution.id) };
				}),
			);
		}

		/** Both executions succeeded on two different workers, each launching every item exactly once. */
		function assertOnTwoWorkersOnceEach(
			runs: Awaited<ReturnType<typeof runAtOnce>>,
			items: number,
		) {
			for (const run of runs) {
				assert.equal(
					run.execution.status,
					'success',
					`${run.workflow.name}: ${JSON.stringify(run.execution)}`,
				);
				assertEachOnce(
					launchesOf(emu, run.workflow.name, run.execution.id),
					items,
					run.workflow.name,
				);
			}
			const [a, b] = runs.map((run) => run.worker);
			assert.ok(a && b, `each execution was started by a worker (${a}, ${b})`);
			assert.notEqual(a, b, 'the two executions ran on two different workers');
		}

		test("worker2 has no copy of the package: its nodes folder is the main's", () => {
			const [, worker2] = cluster.workers;
			assert.ok(fs.lstatSync(worker2.home.nodesDir).isSymbolicLink(), worker2.home.nodesDir);
			assert.equal(
				fs.realpathSync(worker2.home.nodesDir),
				fs.realpathSync(cluster.main.home.nodesDir),
			);
			// Every test below that ends on two different workers has run the node on worker2 too.
		});

		test('two workflows started at once by webhooks run on two workers; 2 × 300 flows launched once each, waited for, none lost', async (t) => {
			const options = {
				maxConcurrentRequests: 10,
				pollInterval: 0.5,
				requestsPerMinute: UNLIMITED_RPM,
			};
			const [a, b] = await Promise.all([
				workflow({
					name: 'Queue A',
					webhookPath: 'queue-a',
					items: ITEMS,
					waitForCompletion: true,
					options,
				}),
				workflow({
					name: 'Queue B',
					webhookPath: 'queue-b',
					items: ITEMS,
					waitForCompletion: true,
					options,
				}),
			]);
			const before = emu.stats();
			const t0 = Date.now();
			const runs = await runAtOnce([a, b], 8 * 60_000);
			const wallMs = Date.now() - t0;
			const s = emu.stats();

			const [ra, rb] = runs;
			report(t, {
				test: 'two workflows, two workers',
				items: 2 * ITEMS,
				launches: s.launchesTotal - before.launchesTotal,
				duplicates: s.duplicateLaunches - before.duplicateLaunches,
				tokensIssued: s.tokensIssued - before.tokensIssued,
				status429: s.rateLimited - before.rateLimited,
				requests: allRequests(s) - allRequests(before),
				workers: `${ra.workflow.name}→${ra.worker},${rb.workflow.name}→${rb.worker}`,
				wallSeconds: +(wallMs / 1000).toFixed(1),
			});

			assertOnTwoWorkersOnceEach(runs, ITEMS);
			const ours = emu.executions().filter((e) => /^n8n: Queue [AB] #/.test(e.name ?? ''));
			assert.ok(
				ours.every((e) => e.status === 'COMPLETED'),
				'every launched flow completed (and was waited for)',
			);
			assert.equal(s.duplicateLaunches - before.duplicateLaunches, 0);
		});

		test('tokens expired mid-run: each worker renews once at most, and the renewed token serves the rest', async (t) => {
			const items = 150;
			const options = {
				maxConcurrentRequests: 10,
				pollInterval: 0.5,
				requestsPerMinute: UNLIMITED_RPM,
			};
			const [c, d] = await Promise.all([
				workflow({
					name: 'Queue C',
					webhookPath: 'queue-c',
					items,
					waitForCompletion: true,
					options,
				}),
				workflow({
					name: 'Queue D',
					webhookPath: 'queue-d',
					items,
					waitForCompletion: true,
					options,
				}),
			]);
			// Flows of ~3 s: items are still launching and polling when the tokens expire.
			emu.configure({ executionDurationScale: 15 });
			const before = emu.stats();
			const t0 = Date.now();
			const running = runAtOnce([c, d], 5 * 60_000);
			running.catch(() => undefined);
			await until(
				'100 launches',
				() => emu.stats().launchesTotal - before.launchesTotal >= 100,
				120_000,
			);
			emu.expireTokens();
			const atExpiry = emu.stats();
			const runs = await running;
			const wallMs = Date.now() - t0;
			const s = emu.stats();
			emu.configure({ executionDurationScale: 0.05 });

			const renewals = s.tokensIssued - atExpiry.tokensIssued;
			const unauthorized = statusCount(s, '401') - statusCount(atExpiry, '401');
			const requestsAfter =
				allRequests(s) -
				allRequests(atExpiry) -
				(s.tokenRequestsTotal - atExpiry.tokenRequestsTotal);
			report(t, {
				test: 'tokens expired mid-run',
				items: 2 * items,
				launches: s.launchesTotal - before.launchesTotal,
				launchesBeforeExpiry: atExpiry.launchesTotal - before.launchesTotal,
				duplicates: s.duplicateLaunches - before.duplicateLaunches,
				tokensBefore: atExpiry.tokensIssued - before.tokensIssued,
				tokensAfterExpiry: renewals,
				status401: unauthorized,
				apiRequestsAfterExpiry: requestsAfter,
				status429: s.rateLimited - before.rateLimited,
				wallSeconds: +(wallMs / 1000).toFixed(1),
			});

			assertOnTwoWorkersOnceEach(runs, items);
			assert.ok(unauthorized >= 1, 'the expired token was refused');
			assert.ok(renewals >= 1, 'a new token was fetched');
			assert.ok(
				renewals <= WORKERS,
				`at most one renewal per worker (${renewals} tokens for ${WORKERS} workers)`,
			);
			assert.ok(
				requestsAfter > 10 * renewals,
				`the renewed tokens served the rest (${requestsAfter} requests)`,
			);
		});

		const LIMIT = { requests: 50, windowSeconds: 10 };

		/**
		 * Two workflows of `items` launches (no waiting) started at once on the two workers, one token limited to
		 * LIMIT, each worker's Requests per Minute `perWorker`. Reports and returns the 429s and the rate achieved.
		 */
		async function rateRun(
			t: TestContext,
			label: string,
			names: [string, string],
			perWorker: number | undefined,
		) {
			const items = 60;
			const options: Record<string, unknown> = { maxConcurrentRequests: 10 };
			if (perWorker !== undefined) options.requestsPerMinute = perWorker;
			const budgetOption = await declaresOption(cluster, 'requestsPerMinute');
			const workflows = await Promise.all(
				names.map((name) =>
					workflow({
						name,
						webhookPath: name.toLowerCase().replace(/\W+/g, '-'),
						items,
						waitForCompletion: false,
						options,
					}),
				),
			);
			emu.configure({ rateLimit: LIMIT });
			const before = emu.stats();
			const t0 = Date.now();
			let runs;
			try {
				runs = await runAtOnce(workflows, 6 * 60_000);
			} finally {
				emu.configure({ rateLimit: null });
			}
			const wallMs = Date.now() - t0;
			const s = emu.stats();
			const launches = s.launchesTotal - before.launchesTotal;
			const tooMany = s.rateLimited - before.rateLimited;
			const accepted =
				allRequests(s) -
				allRequests(before) -
				tooMany -
				(s.tokenRequestsTotal - before.tokenRequestsTotal);
			// The emulator counts fixed windows from the first request: what share of the windows' capacity was used.
			const windows = Math.ceil(wallMs / 1000 / LIMIT.windowSeconds);
			const limitPerSecond = LIMIT.requests / LIMIT.windowSeconds;
			report(t, {
				test: label,
				requestsPerMinuteOption: budgetOption ? 'present' : 'absent (header pacer only)',
				items: 2 * items,
				launches,
				duplicates: s.duplicateLaunches - before.duplicateLaunches,
				limit: `${LIMIT.requests}/${LIMIT.windowSeconds}s`,
				requestsPerMinutePerWorker: perWorker ?? 'default',
				acceptedRequests: accepted,
				status429: tooMany,
				ratio429ToAccepted: +(tooMany / accepted).toFixed(3),
				acceptedPerSecond: +(accepted / (wallMs / 1000)).toFixed(2),
				limitPerSecond,
				achievedRateOfLimit: +(accepted / (wallMs / 1000) / limitPerSecond).toFixed(2),
				windowCapacityUsed: +(accepted / (windows * LIMIT.requests)).toFixed(2),
				tokensIssued: s.tokensIssued - before.tokensIssued,
				wallSeconds: +(wallMs / 1000).toFixed(1),
			});

			assertOnTwoWorkersOnceEach(runs, items);
			assert.equal(launches, 2 * items);
			assert.equal(
				s.duplicateLaunches - before.duplicateLaunches,
				0,
				'a 429 never led to a second launch',
			);
			return { tooMany, accepted, budgetOption };
		}

		test('two workers on one token’s limit (50 per 10 s), Requests per Minute = limit ÷ workers: (almost) no 429s', async (t) => {
			const perWorker = Math.floor((LIMIT.requests * (60 / LIMIT.windowSeconds)) / WORKERS); // 150
			const { tooMany, budgetOption } = await rateRun(
				t,
				'combined rate, budget split',
				['Queue E', 'Queue F'],
				perWorker,
			);
			assert.ok(budgetOption, 'the node offers Requests per Minute');
			assert.ok(
				tooMany <= 5,
				`splitting the limit between the workers keeps clear of it (${tooMany} 429s)`,
			);
		});

		test('two workers on one token’s limit, Requests per Minute left at its default on each: 429s, absorbed', async (t) => {
			const { tooMany } = await rateRun(
				t,
				'combined rate, default budget on each',
				['Queue H', 'Queue I'],
				undefined,
			);
			assert.ok(
				tooMany >= 1,
				'two workers each spending the whole budget exceed the token’s limit',
			);
		});

		test('a worker killed mid-run: n8n fails its execution and runs it nowhere else; a re-run launches the early items twice, found by name', async (t) => {
			const items = ITEMS;
			const wf = await workflow({
				name: 'Queue G',
				webhookPath: 'queue-g',
				items,
				waitForCompletion: false,
				options: { maxConcurrentRequests: 4, requestsPerMinute: UNLIMITED_RPM },
			});
			// ~40 launches a second: the run lasts long enough to be cut short.
			emu.configure({ latencyMs: 100 });
			const before = emu.stats();
			const t0 = Date.now();
			await triggerWebhook(cluster.webhookUrl(wf.webhookPath));
			const firstId = await waitForExecutionId(cluster.rest, wf.id, 30_000);
			let victimName: string | undefined;
			await until(
				'a worker to start the execution',
				() => !!(victimName = cluster.workerOf(firstId)),
				30_000,
			);
			const victim = cluster.workers.find((w) => w.name === victimName)!;
			const survivor = cluster.workers.find((w) => w !== victim)!;
			await until(
				'60 launches',
				() => emu.stats().launchesTotal - before.launchesTotal >= 60,
				120_000,
			);
			victim.kill();
			const launchesAtKill = emu.stats().launchesTotal - before.launchesTotal;
			const tKill = Date.now();

			// What n8n does with the execution: wait until it leaves "running" (the job's lock must expire first).
			const [crashed] = await waitForExecutions(cluster.rest, wf.id, 1, 180_000);
			const detectedAfterMs = Date.now() - tKill;
			const detail = await getExecution(cluster.rest, crashed.id);
			await sleep(3_000); // requests that were on the wire when the worker died have been answered by now
			const firstRun = launchesOf(emu, wf.name, firstId);
			emu.configure({ latencyMs: 0 });

			assert.equal(crashed.id, firstId);
			assert.equal(crashed.status, 'error', 'the main marks the killed execution failed');
			assert.ok(
				firstRun.size > 0 && firstRun.size < items,
				`part of the items were launched (${firstRun.size})`,
			);
			assert.ok(
				[...firstRun.values()].every((n) => n === 1),
				'n8n did not run the killed execution again',
			);
			assert.equal(
				cluster.workerOf(firstId),
				victim.name,
				'no other worker picked the execution up',
			);
			const stalled = /failed to be processed too many times/.test(String(detail.data ?? ''));
			assert.ok(stalled, "with n8n's stalled-job error (its job is never queued again)");

			// The user re-runs the workflow: the survivor launches all items, the early ones for the second time.
			await triggerWebhook(cluster.webhookUrl(wf.webhookPath));
			const executions = await waitForExecutions(cluster.rest, wf.id, 2, 180_000);
			const rerun = executions.find((e) => e.id !== firstId)!;
			assert.equal(rerun.status, 'success');
			assert.equal(cluster.workerOf(rerun.id), survivor.name);
			const secondRun = launchesOf(emu, wf.name, rerun.id);
			assertEachOnce(secondRun, items, 're-run');

			// Finding the duplicates: the same item index under both n8n execution ids in the default names.
			const launchedTwice = [...firstRun.keys()]
				.filter((i) => secondRun.has(i))
				.sort((x, y) => x - y);
			assert.equal(
				launchedTwice.length,
				firstRun.size,
				'every item the killed execution launched was launched again',
			);
			const s = emu.stats();
			const flaggedByEmulator = s.duplicateLaunches - before.duplicateLaunches;
			assert.equal(
				flaggedByEmulator,
				0,
				'names differ (#execution id), so Genesys sees no identical launch',
			);
			assert.equal(s.launchesTotal - before.launchesTotal, firstRun.size + items);

			report(t, {
				test: 'worker killed mid-run',
				items,
				killed: victim.name,
				launchesSeenAtKill: launchesAtKill,
				launchedByKilledExecution: firstRun.size,
				notLaunchedByKilledExecution: items - firstRun.size,
				killedExecutionStatus: crashed.status,
				stalledErrorInExecution: stalled,
				secondsToDetect: +(detectedAfterMs / 1000).toFixed(1),
				rerunOn: survivor.name,
				launchesTotal: s.launchesTotal - before.launchesTotal,
				duplicatesFoundByName: launchedTwice.length,
				duplicateItemRange: launchedTwice.length
					? `${launchedTwice[0]}..${launchedTwice[launchedTwice.length - 1]}`
					: '',
				wallSeconds: +((Date.now() - t0) / 1000).toFixed(1),
			});
		});
	},
);
