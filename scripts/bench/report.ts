/**
 * Turns the rows into what people read: a Markdown table (readable in a terminal, pasteable into
 * docs/benchmarks.md), one line per scenario comparing the Genesys node with the HTTP Request node and
 * checking the targets of issue 6, and the machine the figures come from.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';

import type { RunRow } from './runner';
import { SCENARIOS, VARIANT_LABELS, type ScenarioId } from './scenarios';

export interface TargetCheck {
	id: string;
	scenario: ScenarioId;
	goal: string;
	value: string;
	met: boolean;
}

export interface Machine {
	cpus: number;
	cpuModel: string;
	memoryGB: number;
	node: string;
	platform: string;
	n8n: string;
}

export function machine(n8nVersion: string): Machine {
	let cpuModel = os.cpus()[0]?.model ?? 'unknown';
	try {
		const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
		if (match) cpuModel = match[1].trim();
	} catch {
		// Not Linux: os.cpus() is good enough.
	}
	return {
		cpus: os.availableParallelism(),
		cpuModel,
		memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
		node: process.version,
		platform: `${os.type()} ${os.release()} ${os.arch()}`,
		n8n: n8nVersion,
	};
}

const fixed = (value: number | undefined, digits = 1) =>
	value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);

const COLUMNS: Array<[string, (row: RunRow) => string]> = [
	['scenario', (r) => r.scenario],
	['variant', (r) => VARIANT_LABELS[r.variant]],
	['items', (r) => String(r.items)],
	['wall s', (r) => fixed(r.wallSeconds) + (r.timedOut ? ' (timeout)' : '')],
	['launched', (r) => String(r.launched)],
	['launches/s', (r) => fixed(r.launchesPerSecond)],
	['bound/s', (r) => fixed(r.bound, 0)],
	['ratio', (r) => fixed(r.ratioToBound, 2)],
	['after 1st window', (r) => fixed(r.ratioAfterFirstWindow, 2)],
	['polls/exec', (r) => (r.polls ? fixed(r.pollsPerExecution, 2) : '—')],
	['tokens', (r) => String(r.tokenRequests)],
	['429s', (r) => String(r.rateLimited)],
	['failed', (r) => String(r.failedItems) + (r.runError ? ' (run errored)' : '')],
	['lost', (r) => String(r.lostItems)],
	['ambiguous', (r) => String(r.ambiguous)],
	['failed but launched', (r) => String(r.failedButLaunched)],
	['duplicates', (r) => String(r.duplicateLaunches)],
	['peak RSS MB', (r) => fixed(r.peakRssMB, 0)],
	['RSS growth MB', (r) => fixed(r.rssGrowthMB, 0)],
];

export function table(rows: RunRow[]): string {
	const cells = [
		COLUMNS.map(([title]) => title),
		...rows.map((row) => COLUMNS.map(([, cell]) => cell(row))),
	];
	const widths = COLUMNS.map((_, i) => Math.max(...cells.map((line) => line[i].length)));
	const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
	return [
		line(cells[0]),
		`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
		...cells.slice(1).map(line),
	].join('\n');
}

const times = (ours: number, theirs: number) =>
	theirs > 0 && Number.isFinite(ours / theirs) ? `${(ours / theirs).toFixed(2)}×` : '—';

/** "ours vs HTTP" ratios for one scenario: throughput, wall time, failures, memory. */
export function comparison(rows: RunRow[], scenario: ScenarioId): string[] {
	const ours = rows.find((r) => r.scenario === scenario && r.variant === 'genesys');
	if (!ours) return [];
	return rows
		.filter((r) => r.scenario === scenario && r.variant !== 'genesys')
		.map(
			(http) =>
				`${scenario}: Genesys node / ${VARIANT_LABELS[http.variant]}: launches/s ${times(ours.launchesPerSecond, http.launchesPerSecond)}, ` +
				`wall ${times(ours.wallSeconds, http.wallSeconds)}, failed ${ours.failedItems} vs ${http.failedItems}, ` +
				`lost ${ours.lostItems} vs ${http.lostItems}, 429s ${ours.rateLimited} vs ${http.rateLimited}, ` +
				`peak RSS ${times(ours.peakRssMB, http.peakRssMB)}`,
		);
}

/** s6's memory targets (issue 18): a share of the HTTP Request node's growth, and what stays after a GC. */
const MEMORY_RATIO = 0.5;
const RETAINED_MB = 10;

/** The targets of issue 11, checked on the Genesys node's rows. Every figure is a ratio or a count of one run. */
export function targets(rows: RunRow[]): TargetCheck[] {
	const checks: TargetCheck[] = [];
	const ours = (id: ScenarioId) => rows.find((r) => r.scenario === id && r.variant === 'genesys');
	const s1 = ours('s1');
	if (s1) {
		checks.push({
			id: 'alone',
			scenario: 's1',
			goal: '≥ 0.95 of the limit, 0 × 429, 0 lost',
			value: `${fixed(s1.ratioToBound, 3)} (${fixed(s1.launchesPerSecond)}/s of ${fixed(s1.bound, 0)}/s), ${s1.rateLimited} × 429, ${s1.lostItems} lost`,
			met:
				(s1.ratioToBound ?? 0) >= 0.95 &&
				s1.rateLimited === 0 &&
				s1.lostItems === 0 &&
				!s1.runError,
		});
	}
	const s2 = ours('s2');
	if (s2) {
		checks.push({
			id: 'sharedCredential',
			scenario: 's2',
			goal: 'combined ≥ 0.9 of the limit, ≤ 3 × 429, 0 lost, 0 duplicates',
			value: `${fixed(s2.ratioToBound, 3)} (${fixed(s2.launchesPerSecond)}/s of ${fixed(s2.bound, 0)}/s), ${s2.rateLimited} × 429, ${s2.lostItems} lost, ${s2.duplicateLaunches} duplicates`,
			met:
				(s2.ratioToBound ?? 0) >= 0.9 &&
				s2.rateLimited <= 3 &&
				s2.lostItems === 0 &&
				s2.duplicateLaunches === 0 &&
				!s2.runError,
		});
	}
	const s3 = ours('s3');
	if (s3) {
		checks.push({
			id: 'lowerRealLimit',
			scenario: 's3',
			goal: '0 lost, ≥ 0.8 of the real limit after the first window, 429s counted',
			value: `${s3.lostItems} lost, ${fixed(s3.ratioAfterFirstWindow, 3)} of the real limit after the first window (${fixed(s3.ratioToBound, 3)} over the whole run), ${s3.rateLimited} × 429`,
			met: s3.lostItems === 0 && (s3.ratioAfterFirstWindow ?? 0) >= 0.8 && !s3.runError,
		});
	}
	const s4 = ours('s4');
	if (s4) {
		checks.push({
			id: 'waitForCompletion',
			scenario: 's4',
			goal: 'wall ≤ 1.1 × the bound (a launch and one poll per item, at the limit)',
			value: `${fixed(s4.wallSeconds)} s vs bound ${fixed(s4.boundSeconds)} s: ${fixed(s4.wallSeconds / (s4.boundSeconds ?? NaN), 3)} × the bound; ${fixed(s4.pollsPerExecution, 2)} polls per execution, ${s4.rateLimited} × 429, ${s4.lostItems} lost`,
			met: s4.wallSeconds <= 1.1 * (s4.boundSeconds ?? 0) && s4.lostItems === 0 && !s4.runError,
		});
	}
	const s5 = ours('s5');
	if (s5) {
		checks.push({
			id: 'faultMatrix',
			scenario: 's5',
			goal: `0 lost, 0 duplicates, ≤ 1 token request per expiry (${s5.tokenExpiries} expiries + the first token)`,
			value: `${s5.lostItems} lost, ${s5.duplicateLaunches} duplicates, ${s5.tokenRequests} token requests; ${s5.ambiguous} ambiguous (reported, not lost; ${s5.failedButLaunched} of them had started)`,
			met:
				s5.lostItems === 0 &&
				s5.duplicateLaunches === 0 &&
				s5.tokenRequests <= 1 + s5.tokenExpiries &&
				s5.tokenExpiries === 2,
		});
	}
	const s6 = ours('s6');
	const s6Http = rows.find((r) => r.scenario === 's6' && r.variant === 'http');
	if (s6) {
		// Both figures of the same run, so the machine, the Node version and n8n's own memory cancel out.
		const ratio = s6Http ? s6.rssGrowthMB / s6Http.rssGrowthMB : NaN;
		const retained = s6.heapRetainedAfterGcMB ?? NaN;
		checks.push({
			id: 'memory',
			scenario: 's6',
			goal: `peak RSS growth ≤ ${MEMORY_RATIO} × the HTTP Request node's for the same launches, heap retained after a forced GC ≤ ${RETAINED_MB} MB`,
			value: `${fixed(ratio, 2)} × (${fixed(s6.rssGrowthMB, 0)} MB vs ${fixed(s6Http?.rssGrowthMB, 0)} MB), ${fixed(retained, 1)} MB retained (peak ${fixed(s6.peakRssMB, 0)} MB; ${fixed((s6.wallSeconds * 1000) / s6.items, 2)} ms per item)`,
			met: ratio <= MEMORY_RATIO && retained <= RETAINED_MB && !s6.runError,
		});
	}
	return checks;
}

export function render(rows: RunRow[], host: Machine, totalSeconds: number): string {
	const out: string[] = [];
	out.push(
		`Machine: ${host.cpus} CPUs (${host.cpuModel}), ${host.memoryGB} GB RAM, Node ${host.node}, n8n ${host.n8n}, ${host.platform}`,
	);
	out.push('', table(rows), '');
	for (const s of SCENARIOS) {
		if (!rows.some((r) => r.scenario === s.id)) continue;
		out.push(`${s.id}: ${s.title}`);
		for (const line of comparison(rows, s.id)) out.push(`  ${line}`);
	}
	out.push('', 'Targets (Genesys Cloud node):');
	for (const check of targets(rows)) {
		out.push(
			`  ${check.met ? 'MET   ' : 'MISSED'} ${check.scenario} ${check.id}: ${check.goal}: ${check.value}`,
		);
	}
	const errored = rows.filter((r) => r.runError);
	if (errored.length) {
		out.push('', 'Runs that stopped with an error:');
		for (const r of errored) out.push(`  ${r.scenario}/${r.variant}: ${r.runError}`);
	}
	const samples = rows.filter((r) => r.errorSamples.length);
	if (samples.length) {
		out.push('', 'Error items (samples):');
		for (const r of samples)
			out.push(`  ${r.scenario}/${r.variant}: ${r.errorSamples.join(' | ')}`);
	}
	out.push('', `Total ${totalSeconds.toFixed(0)} s.`);
	return out.join('\n');
}
