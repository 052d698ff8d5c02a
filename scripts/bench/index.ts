/**
 * npm run bench — issue 11's benchmark: the Genesys Cloud node inside n8n's real execution engine against the
 * emulator, beside n8n's HTTP Request node doing the same launches. Not a test: it prints figures (and checks
 * the issue's targets) for docs/benchmarks.md. How to read them: docs/benchmarks.md.
 *
 *   node --import tsx scripts/bench/index.ts [--json] [--only s1,s3] [--variants genesys,http,httpBatched]
 *     [--timeout <seconds per run, default 300>] [--heap-profile <folder>]
 *
 * --heap-profile writes a sampling heap profile per run (<scenario>.<variant>.heapprofile, open it in Chrome
 * DevTools' Memory tab, or sum it up with scripts/bench/heapProfile.ts). Rate scenarios that ran with all their
 * variants also get a chart, docs/charts/<scenario>.svg (chart.ts).
 *
 * The emulator runs in its own process and every scenario × variant in a fresh child process, one at a time:
 * on a 2-core machine the child and the emulator each get a core. Runs are sequential on purpose.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

import { ensureN8nRuntime } from '../n8nRuntime';
import { writeRateCharts } from './chart';
import { EmulatorProcess } from './emulatorProcess';
import { machine, render, targets } from './report';
import { runOne, type RunRow } from './runner';
import { SCENARIOS, type ScenarioId, type VariantId } from './scenarios';

const ROOT = path.resolve(__dirname, '..', '..');
const CHARTS_DIR = path.join(ROOT, 'docs', 'charts');

function log(line: string): void {
	process.stderr.write(`[bench] ${line}\n`);
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			json: { type: 'boolean', default: false },
			only: { type: 'string' },
			variants: { type: 'string' },
			timeout: { type: 'string', default: '300' },
			'heap-profile': { type: 'string' },
		},
	});
	const only = values.only?.split(',').map((s) => s.trim()) as ScenarioId[] | undefined;
	const variants = values.variants?.split(',').map((s) => s.trim()) as VariantId[] | undefined;
	const timeoutMs = Number(values.timeout) * 1000;
	const heapProfileDir = values['heap-profile'] && path.resolve(values['heap-profile']);
	if (heapProfileDir) fs.mkdirSync(heapProfileDir, { recursive: true });

	// The node is loaded from dist/, like n8n loads an installed package: a stale build measures old code.
	const built = path.join(ROOT, 'dist', 'nodes', 'GenesysCloud', 'GenesysCloud.node.js');
	if (!fs.existsSync(built)) throw new Error('dist/ is missing: run `npm run build` first');

	// The HTTP Request node comes from the pinned n8n's n8n-nodes-base (installed once, ~5 min, if missing).
	const runtime = await ensureN8nRuntime({ log });
	const nodesBaseDir = path.join(runtime.dir, 'node_modules', 'n8n-nodes-base');

	const started = Date.now();
	const emulator = await EmulatorProcess.start();
	log(`emulator on ${emulator.url}`);
	const stop = () => void emulator.stop().then(() => process.exit(130));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);

	const rows: RunRow[] = [];
	try {
		for (const scenario of SCENARIOS) {
			if (only && !only.includes(scenario.id)) continue;
			for (const variant of scenario.variants) {
				if (variants && !variants.includes(variant)) continue;
				log(`${scenario.id} ${variant}: ${scenario.title}…`);
				const row = await runOne(
					emulator,
					scenario,
					variant,
					nodesBaseDir,
					timeoutMs,
					heapProfileDir,
				);
				log(
					`  ${row.wallSeconds.toFixed(1)} s, ${row.launched} launched, ${row.failedItems} failed, ` +
						`peak RSS ${row.peakRssMB.toFixed(0)} MB${row.runError ? `, run error: ${row.runError}` : ''}`,
				);
				rows.push(row);
			}
		}
	} finally {
		await emulator.stop();
	}
	for (const file of writeRateCharts(rows, CHARTS_DIR)) log(`chart: ${path.relative(ROOT, file)}`);
	const totalSeconds = (Date.now() - started) / 1000;
	const host = machine(runtime.version);
	console.log(render(rows, host, totalSeconds));
	if (values.json) {
		console.log(JSON.stringify({ machine: host, totalSeconds, rows, targets: targets(rows) }));
	}
}

main().catch((error: Error) => {
	log(`failed: ${error.stack ?? error.message}`);
	process.exit(1);
});
