/**
 * Runs one scenario × variant: forks child.ts, prepares the emulator while the child waits, expires tokens
 * mid-run where the scenario asks for it, and turns the child's figures and the emulator's stats into one row.
 */
import { fork } from 'node:child_process';
import * as path from 'node:path';

import type { ChildMessage, ChildResult, ChildSpec } from './child';
import type { EmulatorProcess } from './emulatorProcess';
import { launchBound, type Scenario, type VariantId } from './scenarios';

export interface RunRow {
	scenario: string;
	variant: VariantId;
	items: number;
	wallSeconds: number;
	/** Executions the emulator created (launches it accepted), whatever the workflow reported. */
	launched: number;
	launchesPerSecond: number;
	bound?: number;
	ratioToBound?: number;
	tokenRequests: number;
	rateLimited: number;
	/** Items that did not come out as a success: error items, or every item when the run stopped with an error. */
	failedItems: number;
	/** Items with no output at all (an errored run loses them all: nothing says which flows started). */
	lostItems: number;
	/** Error items saying "the flow may have started" (the Genesys node's ambiguous-launch rule). */
	ambiguous: number;
	/** Error items whose flow nevertheless exists in the emulator (a reset after sending). */
	failedButLaunched: number;
	duplicateLaunches: number;
	peakRssMB: number;
	rssGrowthMB: number;
	tokenExpiries: number;
	runError?: string;
	errorSamples: string[];
	slowestFlowSeconds?: number;
	launchSpanSeconds?: number;
	emulatorCpuSeconds?: number;
	timedOut?: boolean;
	/** GET /api/v2/flows/executions/{id} requests, all answers, and per execution launched. */
	polls: number;
	pollsPerExecution: number;
	/** Launches per second after the emulator's first window, over the org's real limit (scenario 3). */
	ratioAfterFirstWindow?: number;
	/** With Wait for Completion: the time launches plus one poll each take at the limit, over the wall time. */
	boundSeconds?: number;
	/** Where the memory went: peaks of the V8 heap (total, used), external memory and array buffers. */
	memoryPeaksMB?: { heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
	heapUsedAfterMB?: number;
	heapBeforeMB?: number;
	heapRetainedAfterGcMB?: number;
	/** Rate scenarios: launches and 429s per second of the run, for the charts (chart.ts). */
	perSecond?: { launched: number[]; rateLimited: number[] };
}

/** The emulator's counters, read every SAMPLE_MS while a rate scenario runs. */
interface Sample {
	ms: number;
	launched: number;
	rateLimited: number;
}
const SAMPLE_MS = 250;

/** Per-second counts from cumulative samples: each second gets what the counters grew by within it. */
function perSecond(samples: Sample[], key: 'launched' | 'rateLimited'): number[] {
	const last = samples[samples.length - 1];
	const seconds = Math.ceil(last.ms / 1000);
	const at = (ms: number) => {
		let value = samples[0][key];
		for (const sample of samples) if (sample.ms <= ms) value = sample[key];
		return value;
	};
	return Array.from({ length: seconds }, (_, s) => at((s + 1) * 1000) - at(s * 1000));
}

const CHILD = path.join(__dirname, 'child.ts');

/** Reads the item index back from an execution name: "n8n: Bench #1 item 12" or "bench item 12". */
function itemIndexOf(name: string | undefined): number | undefined {
	const match = /item (\d+)$/.exec(name ?? '');
	return match ? Number(match[1]) : undefined;
}

export async function runOne(
	emulator: EmulatorProcess,
	s: Scenario,
	variant: VariantId,
	nodesBaseDir: string,
	timeoutMs: number,
	heapProfileDir?: string,
): Promise<RunRow> {
	const spec: ChildSpec = {
		scenario: s.id,
		variant,
		emulatorUrl: emulator.url,
		nodesBaseDir,
		heapProfileFile: heapProfileDir && path.join(heapProfileDir, `${s.id}.${variant}.heapprofile`),
	};
	const child = fork(CHILD, [JSON.stringify(spec)], {
		execArgv: ['--expose-gc', '--import', 'tsx'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
	});
	const messages: ChildMessage[] = [];
	let wake: (() => void) | undefined;
	child.on('message', (m) => {
		messages.push(m as ChildMessage);
		wake?.();
	});
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code)),
	);
	const next = async (deadline: number): Promise<ChildMessage | undefined> => {
		for (;;) {
			if (messages.length) return messages.shift();
			if (child.exitCode !== null || Date.now() > deadline) return undefined;
			await new Promise<void>((resolve) => {
				wake = resolve;
				setTimeout(resolve, 200);
			});
		}
	};

	const ready = await next(Date.now() + 120_000);
	if (ready?.type !== 'ready') {
		child.kill('SIGKILL');
		throw new Error(
			`${s.id}/${variant}: the child did not load (${ready?.type === 'failed' ? ready.message : 'no answer'})`,
		);
	}
	await emulator.prepare(s.knobs);
	const token = variant === 'genesys' ? undefined : await emulator.fetchToken();
	const cpuBefore = emulator.cpuSeconds();
	child.send({ type: 'go', token });
	const goAt = Date.now();

	// Rate scenarios: what the emulator accepted and refused, second by second, for the charts.
	const samples: Sample[] = [];
	let sampling = s.ratePerSecond !== null;
	const sampler = (async () => {
		while (sampling) {
			const ms = Date.now() - goAt;
			const stats = await emulator.stats();
			samples.push({ ms, launched: stats.launchesTotal, rateLimited: stats.rateLimited });
			await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
		}
	})();

	// Expire every token at the given fractions of the launches, watched from here (not from the child).
	let expiries = 0;
	let watching = s.expireTokensAt.length > 0;
	const watcher = (async () => {
		const thresholds = [...s.expireTokensAt];
		while (watching && thresholds.length) {
			const stats = await emulator.stats();
			if (stats.launchesTotal >= thresholds[0] * s.items) {
				thresholds.shift();
				await emulator.expireTokens();
				expiries++;
			} else {
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		}
	})();

	const deadline = Date.now() + timeoutMs;
	const done = await next(deadline);
	watching = false;
	await watcher;
	sampling = false;
	await sampler;
	let timedOut = false;
	let result: ChildResult | undefined;
	if (done?.type === 'done') result = done.result;
	else if (done?.type === 'failed') throw new Error(`${s.id}/${variant}: ${done.message}`);
	else {
		timedOut = true;
		child.kill('SIGKILL');
	}
	await exited;

	const emulatorCpu = emulator.cpuSeconds();
	const stats = await emulator.stats();
	if (s.ratePerSecond !== null)
		samples.push({
			ms: Date.now() - goAt,
			launched: stats.launchesTotal,
			rateLimited: stats.rateLimited,
		});
	const executions = await emulator.executions();
	const launchedIndices = new Map<number, number>();
	for (const execution of executions) {
		const index = itemIndexOf(execution.name);
		if (index !== undefined) launchedIndices.set(index, (launchedIndices.get(index) ?? 0) + 1);
	}
	const wallSeconds = result ? result.wallMs / 1000 : timeoutMs / 1000;
	const bound = launchBound(s);
	const launchesPerSecond = executions.length / wallSeconds;
	const runFailed = !result || result.runError !== undefined;
	const polls = Object.values(stats.requests.getExecution ?? {}).reduce(
		(sum, count) => sum + count,
		0,
	);
	let ratioAfterFirstWindow: number | undefined;
	if (s.windowSeconds && s.ratePerSecond && executions.length > 1) {
		const times = executions
			.map((execution) => Date.parse(execution.dateLaunched))
			.sort((a, b) => a - b);
		const windowEnd = times[0] + s.windowSeconds * 1000;
		const after = times.filter((time) => time >= windowEnd);
		const span = (times[times.length - 1] - windowEnd) / 1000;
		if (span > 0) ratioAfterFirstWindow = after.length / span / s.ratePerSecond;
	}
	const boundSeconds = s.ratePerSecond
		? ((s.waitForCompletion ? 2 : 1) * s.items) / s.ratePerSecond
		: undefined;
	return {
		scenario: s.id,
		variant,
		items: s.items,
		wallSeconds,
		launched: executions.length,
		launchesPerSecond,
		bound,
		ratioToBound: s.waitForCompletion
			? boundSeconds && boundSeconds / wallSeconds
			: bound
				? launchesPerSecond / bound
				: undefined,
		tokenRequests: stats.tokenRequestsTotal,
		rateLimited: stats.rateLimited,
		failedItems: runFailed || !result ? s.items : result.errorItems,
		lostItems: runFailed || !result ? s.items : s.items - result.outputItems,
		ambiguous: result?.ambiguous ?? 0,
		failedButLaunched: result
			? result.errorIndices.filter((index) => launchedIndices.has(index)).length
			: 0,
		duplicateLaunches: stats.duplicateLaunches,
		peakRssMB: result?.peakRssMB ?? NaN,
		rssGrowthMB: result ? result.peakRssMB - result.rssBeforeMB : NaN,
		tokenExpiries: expiries,
		runError: timedOut ? `timed out after ${timeoutMs / 1000} s` : result?.runError,
		errorSamples: result?.errorSamples ?? [],
		slowestFlowSeconds:
			result?.slowestFlowMs !== undefined ? result.slowestFlowMs / 1000 : undefined,
		launchSpanSeconds:
			result?.lastLaunchEpochMs !== undefined
				? (result.lastLaunchEpochMs - result.runStartEpochMs) / 1000
				: undefined,
		emulatorCpuSeconds:
			cpuBefore !== undefined && emulatorCpu !== undefined ? emulatorCpu - cpuBefore : undefined,
		timedOut,
		polls,
		pollsPerExecution: executions.length ? polls / executions.length : 0,
		ratioAfterFirstWindow,
		boundSeconds,
		memoryPeaksMB: result?.memoryPeaksMB,
		heapUsedAfterMB: result?.heapUsedAfterMB,
		heapBeforeMB: result?.heapBeforeMB,
		heapRetainedAfterGcMB: result?.heapRetainedAfterGcMB,
		perSecond: samples.length
			? {
					launched: perSecond(samples, 'launched'),
					rateLimited: perSecond(samples, 'rateLimited'),
				}
			: undefined,
	};
}
