/**
 * One scenario × variant, in a fresh process forked by index.ts: a process of its own makes peak RSS
 * (process.resourceUsage().maxRSS) mean "this run" and keeps one variant's garbage from slowing the next.
 *
 * Protocol (IPC): child loads n8n and the nodes → 'ready'; the parent resets and configures the emulator
 * (and fetches the HTTP variants' token) → 'go'; the child runs the workflow through n8n's WorkflowExecute
 * and sends 'done' with its figures, then exits. Loading happens before 'go' so it is not timed.
 */
import * as fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import type { INodeExecutionData } from 'n8n-workflow';

import { N8nHarness, PROJECT_DIR } from '../../test/harness/harness';
import { seedClients } from '../../emulator/seed/ids';
import {
	benchNode,
	GENESYS_CREDENTIAL,
	HTTP_TYPE,
	scenario,
	type ScenarioId,
	type VariantId,
} from './scenarios';

export interface ChildSpec {
	scenario: ScenarioId;
	variant: VariantId;
	emulatorUrl: string;
	/** n8n-nodes-base of the pinned n8n (scripts/n8nRuntime.ts). */
	nodesBaseDir: string;
	/** Where to write a sampling heap profile of the run (`--heap-profile`), taken before the final GC. */
	heapProfileFile?: string;
}

export type ParentMessage = { type: 'go'; token?: string };

export interface ChildResult {
	wallMs: number;
	runStartEpochMs: number;
	outputItems: number;
	succeeded: number;
	/** Error items under "Continue On Fail". */
	errorItems: number;
	/** Error items saying the flow may have started (the launch was not retried on purpose). */
	ambiguous: number;
	ambiguousIndices: number[];
	/** Input indices of all error items, to find those whose flow started anyway. */
	errorIndices: number[];
	/** The error that stopped the whole run, if any: then no item came out. */
	runError?: string;
	errorSamples: string[];
	/** With Wait for Completion: the longest dateCompleted - dateLaunched, and the launches' time span. */
	slowestFlowMs?: number;
	lastLaunchEpochMs?: number;
	rssBeforeMB: number;
	peakRssMB: number;
	heapUsedAfterMB: number;
	/** Peaks of process.memoryUsage() sampled every 50 ms during the run: where the RSS goes. */
	memoryPeaksMB: { heapTotal: number; heapUsed: number; external: number; arrayBuffers: number };
	/** V8 heap in use before the run and after it, both after a forced GC: what the run retains. */
	heapBeforeMB: number;
	heapRetainedAfterGcMB: number;
}

export type ChildMessage =
	{ type: 'ready' } | { type: 'done'; result: ChildResult } | { type: 'failed'; message: string };

const MB = 1024 * 1024;

function send(message: ChildMessage): Promise<void> {
	return new Promise((resolve) => process.send!(message, undefined, undefined, () => resolve()));
}

function summarize(items: INodeExecutionData[]) {
	let succeeded = 0;
	let errorItems = 0;
	const ambiguousIndices: number[] = [];
	const errorIndices: number[] = [];
	const samples = new Set<string>();
	let slowestFlowMs: number | undefined;
	let lastLaunchEpochMs: number | undefined;
	for (const item of items) {
		const json = item.json;
		if (typeof json.error === 'string' || (json.error && typeof json.error === 'object')) {
			errorItems++;
			const message =
				typeof json.error === 'string' ? json.error : JSON.stringify(json.error).slice(0, 160);
			const index = (item.pairedItem as { item?: number } | undefined)?.item ?? -1;
			errorIndices.push(index);
			if (/may have started/.test(message)) ambiguousIndices.push(index);
			if (samples.size < 4) samples.add(message.slice(0, 160));
			continue;
		}
		succeeded++;
		if (typeof json.dateLaunched === 'string') {
			const launched = Date.parse(json.dateLaunched);
			lastLaunchEpochMs = Math.max(lastLaunchEpochMs ?? 0, launched);
			if (typeof json.dateCompleted === 'string') {
				slowestFlowMs = Math.max(slowestFlowMs ?? 0, Date.parse(json.dateCompleted) - launched);
			}
		}
	}
	return {
		succeeded,
		errorItems,
		ambiguousIndices,
		errorIndices,
		samples: [...samples],
		slowestFlowMs,
		lastLaunchEpochMs,
	};
}

/**
 * V8's sampling heap profiler over the run, keeping the samples of objects that a scavenge did not free: those
 * still in the heap at the end and those a full GC collected. They filled the old generation, whose growth is
 * the peak (no full GC runs in s6's 10 seconds), each with the stack that allocated it. Objects that died young
 * are left out: they come and go in the young generation, whatever their number. scripts/bench/heapProfile.ts
 * sums a profile up.
 */
async function startHeapSampling() {
	const session = new Session();
	session.connect();
	await session.post('HeapProfiler.startSampling', {
		samplingInterval: 16_384,
		includeObjectsCollectedByMajorGC: true,
		includeObjectsCollectedByMinorGC: false,
	});
	return {
		async stop(file: string) {
			const { profile } = await session.post('HeapProfiler.stopSampling');
			fs.writeFileSync(file, JSON.stringify(profile));
			session.disconnect();
		},
	};
}

async function main(): Promise<void> {
	const spec = JSON.parse(process.argv[2]) as ChildSpec;
	const s = scenario(spec.scenario);
	// Every child loads the same packages, whatever its variant, so that RSS figures compare.
	const harness = await N8nHarness.load([
		PROJECT_DIR,
		{
			directory: spec.nodesBaseDir,
			includeNodes: [HTTP_TYPE],
			includeCredentials: ['httpHeaderAuth'],
		},
	]);
	const node = benchNode(s, spec.variant, spec.emulatorUrl);
	// The items split between the workflows, numbered across them so that every launch has a name of its own.
	const perWorkflow = Math.ceil(s.items / s.workflows);
	const inputs = Array.from({ length: s.workflows }, (_, w) =>
		Array.from({ length: Math.min(perWorkflow, s.items - w * perWorkflow) }, (_, i) => ({
			n: w * perWorkflow + i,
		})),
	);

	await send({ type: 'ready' });
	const go = await new Promise<ParentMessage>((resolve) =>
		process.once('message', (m) => resolve(m as ParentMessage)),
	);

	if (spec.variant === 'genesys') {
		harness.saveCredential({
			id: 'bench-genesys',
			name: 'Genesys Cloud (emulator)',
			type: GENESYS_CREDENTIAL,
			data: {
				region: 'custom',
				apiBaseUrl: spec.emulatorUrl,
				loginBaseUrl: spec.emulatorUrl,
				...seedClients.demo,
				scope: 'flow:execute',
				accessToken: '',
				grantedScope: '',
			},
		});
	} else {
		harness.saveCredential({
			id: 'bench-http',
			name: 'Genesys bearer token',
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${go.token}` },
		});
	}

	// A full GC first (the child runs with --expose-gc) so the baseline does not depend on loading's garbage.
	(globalThis as { gc?: () => void }).gc?.();
	const rssBefore = process.memoryUsage().rss;
	const heapBefore = process.memoryUsage().heapUsed;
	const peaks = { heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
	const sample = () => {
		const usage = process.memoryUsage();
		for (const key of Object.keys(peaks) as Array<keyof typeof peaks>)
			peaks[key] = Math.max(peaks[key], usage[key] / MB);
	};
	const profiler = spec.heapProfileFile ? await startHeapSampling() : undefined;
	const sampler = setInterval(sample, 50);
	const runStartEpochMs = Date.now();
	const started = process.hrtime.bigint();
	// Several workflows at once in this one n8n process, on the one stored credential.
	const results = await Promise.all(
		inputs.map(async (input) => await harness.run({ name: 'Bench', nodes: [node] }, { input })),
	);
	const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
	clearInterval(sampler);
	sample();
	const peakRssMB = process.resourceUsage().maxRSS / 1024;
	const heapUsedAfterMB = process.memoryUsage().heapUsed / MB;
	if (profiler && spec.heapProfileFile) await profiler.stop(spec.heapProfileFile);
	(globalThis as { gc?: () => void }).gc?.();
	const heapAfterGc = process.memoryUsage().heapUsed;

	const items = results.flatMap((result) => result.output(node.name));
	const result = { error: results.find((r) => r.error)?.error };
	const summary = summarize(items);
	await send({
		type: 'done',
		result: {
			wallMs,
			runStartEpochMs,
			outputItems: items.length,
			succeeded: summary.succeeded,
			errorItems: summary.errorItems,
			ambiguous: summary.ambiguousIndices.length,
			ambiguousIndices: summary.ambiguousIndices,
			errorIndices: summary.errorIndices,
			runError: result.error ? String(result.error.message).slice(0, 200) : undefined,
			errorSamples: summary.samples,
			slowestFlowMs: summary.slowestFlowMs,
			lastLaunchEpochMs: summary.lastLaunchEpochMs,
			rssBeforeMB: rssBefore / MB,
			// maxRSS is in kilobytes.
			peakRssMB,
			heapUsedAfterMB,
			heapBeforeMB: heapBefore / MB,
			heapRetainedAfterGcMB: (heapAfterGc - heapBefore) / MB,
			memoryPeaksMB: peaks,
		},
	});
}

main().then(
	() => process.exit(0),
	async (error: Error) => {
		await send({ type: 'failed', message: `${error.message}\n${error.stack ?? ''}` });
		process.exit(1);
	},
);
