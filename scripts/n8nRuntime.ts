/**
 * The real n8n installs used by the end-to-end tests and the `npm start` demo: one per supported n8n line.
 *
 * Installs `n8n@<version>` once into a git-ignored folder (`.n8n-runtime/` for the pinned 2.x, beside it
 * `.n8n-runtime-1.x/` for the 1.x line) and reuses it afterwards.
 * Recipe, from installing the `n8n` npm package (2.x declares `engines.node >= 24`, 1.123 `>=20.19 <= 24.x`):
 *   npm install n8n@<v> --ignore-scripts   (a plain install runs every dependency's install script, and one
 *                                           of them builds a Kafka native module from sources it downloads)
 *   npm overrides, 1.x only: xlsx → 0.18.5   (1.123 depends on xlsx as a tarball from cdn.sheetjs.com, which
 *                                           is no registry; 0.18.5 is the registry's build of it)
 *   npm rebuild sqlite3 --build-from-source, against Node 24's headers (npm_config_nodedir): the one native
 *                                           binding n8n needs to start (its SQLite database)
 * A marker file records the installed version; `n8n --version` is the sanity check. A lock file keeps
 * concurrent callers (parallel test files, `npm start` + `npm test`) from installing twice.
 *
 * Run:    node --import tsx scripts/n8nRuntime.ts [--line 1.x] [--force]
 * Import: const rt = await ensureN8nRuntime(); rt.n8nBin, rt.nodeBin
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PROJECT_ROOT = path.resolve(__dirname, '..');

/** An n8n release line the package supports, and how to install its tested version. */
export interface N8nLine {
	name: N8nLineName;
	version: string;
	dir: string;
	/** npm `overrides` of the installing folder: dependencies whose declared source no registry serves. */
	overrides?: Record<string, string>;
}

export type N8nLineName = '2.x' | '1.x';

/**
 * The one place the tested n8n versions live. 2.41.1 runs every suite (2.41.3 would not install: a version one
 * of its dependencies pins is missing from the registry); 1.123.81, the newest of the 1.x line, runs the e2e core.
 */
export const N8N_LINES: Record<N8nLineName, N8nLine> = {
	'2.x': { name: '2.x', version: '2.41.1', dir: path.join(PROJECT_ROOT, '.n8n-runtime') },
	'1.x': {
		name: '1.x',
		version: '1.123.81',
		dir: path.join(PROJECT_ROOT, '.n8n-runtime-1.x'),
		overrides: { xlsx: '0.18.5' },
	},
};

/**
 * Which line the e2e suites run on: `N8N_E2E_LINE=1.x` (set by `npm run test:suites:1.x`), else the pinned 2.x,
 * the default of every suite, the benchmarks and the demo.
 */
export function selectedLine(env: NodeJS.ProcessEnv = process.env): N8nLine {
	const wanted = env.N8N_E2E_LINE;
	if (wanted === undefined || wanted === '') return N8N_LINES['2.x'];
	const line = N8N_LINES[wanted as N8nLineName];
	if (!line) {
		throw new N8nRuntimeError(
			`N8N_E2E_LINE=${wanted} is no supported n8n line; use one of ${Object.keys(N8N_LINES).join(', ')}.`,
		);
	}
	return line;
}

/** The line a script's `--line <name>` asks for, else the one the environment selects. */
export function lineFromArgs(argv: string[] = process.argv): N8nLine {
	const at = argv.indexOf('--line');
	return at === -1 ? selectedLine() : selectedLine({ N8N_E2E_LINE: argv[at + 1] ?? '' });
}

/** Node 24's C headers, shipped by the `node` devDependency; sqlite3 is compiled against them. */
export const NODE_HEADERS_DIR = path.join(
	PROJECT_ROOT,
	'node_modules',
	'node',
	'node_modules',
	`node-${process.platform}-${process.arch}`,
);

export interface N8nRuntime {
	line: N8nLineName;
	version: string;
	dir: string;
	/** n8n's CLI entry script: run it with `nodeBin`. */
	n8nBin: string;
	/** The Node 24 binary to run n8n with. */
	nodeBin: string;
	/** PATH with the Node 24 binary's folder first (for child processes that call `node`/`npm`). */
	pathEnv: string;
}

export interface EnsureOptions {
	/** Default: the line the environment selects (`selectedLine()`). */
	line?: N8nLine;
	force?: boolean;
	log?: (line: string) => void;
	/** How long to wait for another process's install to finish. Default 20 min. */
	lockTimeoutMs?: number;
}

interface Marker {
	version: string;
	installedAt: string;
	nodeVersion: string;
	timingsMs: Record<string, number>;
}

export class N8nRuntimeError extends Error {}

const defaultLog = (line: string) => process.stderr.write(`[n8n-runtime] ${line}\n`);

function n8nEntry(dir: string): string {
	return path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** The Node 24 binary: the current one when it is 24+, else the project's `node` devDependency. */
export function findNode24(): string {
	const major = Number(process.versions.node.split('.')[0]);
	if (major >= 24) return process.execPath;
	const candidate = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'node');
	if (fs.existsSync(candidate)) {
		const r = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
		if (r.status === 0 && Number(r.stdout.trim().replace(/^v/, '').split('.')[0]) >= 24)
			return candidate;
	}
	throw new N8nRuntimeError(
		`The e2e n8n runs on Node >= 24, but this is Node ${process.versions.node} and no Node 24 was found at ` +
			`${candidate}. Run \`npm install\` (the \`node\` devDependency provides Node 24) and put ` +
			'node_modules/.bin first on PATH (npm scripts do this).',
	);
}

function runtimeEnvPath(nodeBin: string): string {
	return [path.dirname(nodeBin), process.env.PATH ?? ''].join(path.delimiter);
}

function which(cmd: string, pathEnv: string): string | undefined {
	for (const dir of pathEnv.split(path.delimiter)) {
		if (!dir) continue;
		const p = path.join(dir, cmd);
		try {
			fs.accessSync(p, fs.constants.X_OK);
			return p;
		} catch {
			/* keep looking */
		}
	}
	return undefined;
}

/** Checks everything the install needs, and names all that is missing in one message. */
export function checkPrerequisites(line: N8nLine, pathEnv: string): void {
	const missing: string[] = [];
	if (!which('npm', pathEnv)) missing.push('npm (to install n8n)');
	for (const tool of ['python3', 'make', 'g++']) {
		if (!which(tool, pathEnv)) missing.push(`${tool} (to build n8n's sqlite3 binding from source)`);
	}
	if (!fs.existsSync(path.join(NODE_HEADERS_DIR, 'include', 'node', 'node.h'))) {
		missing.push(
			`Node 24 C headers at ${NODE_HEADERS_DIR}/include/node (from the \`node\` devDependency; run \`npm install\`)`,
		);
	}
	if (missing.length) {
		throw new N8nRuntimeError(
			`Cannot install n8n ${line.version}; missing:\n  - ${missing.join('\n  - ')}\n` +
				'Run `bash scripts/systemPackages.sh` (as root it installs them).',
		);
	}
}

const markerFile = (line: N8nLine) => path.join(line.dir, 'installed.json');
/** Inside the (git-ignored) runtime folder, which is created before the lock is taken. */
const lockFile = (line: N8nLine) => path.join(line.dir, '.install.lock');

function readMarker(line: N8nLine): Marker | undefined {
	try {
		return JSON.parse(fs.readFileSync(markerFile(line), 'utf8')) as Marker;
	} catch {
		return undefined;
	}
}

/** `n8n --version` with the given Node; returns the printed version or undefined. */
export function n8nVersion(nodeBin: string, pathEnv: string, dir: string): string | undefined {
	if (!fs.existsSync(n8nEntry(dir))) return undefined;
	const r = spawnSync(nodeBin, [n8nEntry(dir), '--version'], {
		encoding: 'utf8',
		timeout: 120_000,
		env: { ...process.env, PATH: pathEnv, N8N_DIAGNOSTICS_ENABLED: 'false' },
	});
	if (r.status !== 0) return undefined;
	const m = /\b(\d+\.\d+\.\d+)\b/.exec(r.stdout);
	return m?.[1];
}

function isReady(line: N8nLine, nodeBin: string, pathEnv: string): boolean {
	return (
		readMarker(line)?.version === line.version &&
		n8nVersion(nodeBin, pathEnv, line.dir) === line.version
	);
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function acquireLock(
	line: N8nLine,
	log: (l: string) => void,
	timeoutMs: number,
): Promise<() => void> {
	const lock = lockFile(line);
	const deadline = Date.now() + timeoutMs;
	let announced = false;
	for (;;) {
		try {
			const fd = fs.openSync(lock, 'wx');
			fs.writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
			fs.closeSync(fd);
			return () => fs.rmSync(lock, { force: true });
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
		let holder: { pid?: number } = {};
		try {
			holder = JSON.parse(fs.readFileSync(lock, 'utf8'));
		} catch {
			/* being written; retry */
		}
		if (holder.pid && !pidAlive(holder.pid)) {
			log(`removing a stale lock left by process ${holder.pid}`);
			fs.rmSync(lock, { force: true });
			continue;
		}
		if (Date.now() > deadline) {
			throw new N8nRuntimeError(
				`Timed out waiting for another n8n install (lock ${lock}, pid ${holder.pid ?? '?'}). ` +
					'If no install is running, delete the lock file.',
			);
		}
		if (!announced) {
			log(`another process (pid ${holder.pid ?? '?'}) is installing n8n; waiting for it…`);
			announced = true;
		}
		await new Promise((r) => setTimeout(r, 2000));
	}
}

function run(
	cmd: string,
	args: string[],
	opts: { cwd: string; env: NodeJS.ProcessEnv; log: (l: string) => void; label: string },
): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, {
			cwd: opts.cwd,
			env: opts.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const tail: string[] = [];
		const keep = (chunk: Buffer) => {
			for (const line of chunk.toString().split('\n')) {
				if (!line.trim()) continue;
				tail.push(line);
				if (tail.length > 40) tail.shift();
			}
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const ticker = setInterval(() => opts.log(`  … ${opts.label} still running`), 30_000);
		child.on('error', (e) => {
			clearInterval(ticker);
			reject(new N8nRuntimeError(`${opts.label}: could not start ${cmd}: ${e.message}`));
		});
		child.on('close', (code, signal) => {
			clearInterval(ticker);
			if (code === 0) resolve();
			else
				reject(
					new N8nRuntimeError(
						`${opts.label} failed (${signal ?? `exit ${code}`}): ${cmd} ${args.join(' ')}\n` +
							`last output:\n${tail.join('\n')}`,
					),
				);
		});
	});
}

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function install(
	line: N8nLine,
	nodeBin: string,
	pathEnv: string,
	log: (l: string) => void,
): Promise<Marker> {
	checkPrerequisites(line, pathEnv);
	const timingsMs: Record<string, number> = {};
	fs.rmSync(markerFile(line), { force: true });
	fs.mkdirSync(line.dir, { recursive: true });
	fs.writeFileSync(
		path.join(line.dir, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-runtime',
				private: true,
				description: `Pinned n8n ${line.version} (${line.name} line) for e2e tests and the demo`,
				...(line.overrides && { overrides: line.overrides }),
				// npm 11.19 runs a dependency's install scripts only if listed here; the rebuild below needs sqlite3's.
				allowScripts: { sqlite3: true },
			},
			null,
			2,
		) + '\n',
	);
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PATH: pathEnv,
		npm_config_yes: 'true',
		npm_config_update_notifier: 'false',
	};
	// Do not let a parent `npm run`'s config (prefix, workspace…) leak into the nested npm calls.
	for (const k of Object.keys(env)) {
		if (
			/^npm_(config_(prefix|local_prefix|global|workspace|workspaces|include_workspace_root|location)|package_)/i.test(
				k,
			)
		)
			delete env[k];
	}

	log(
		`installing n8n@${line.version} into ${line.dir} (npm install --ignore-scripts; ~5 min, ~2.8 GB)…`,
	);
	let t = Date.now();
	await run(
		'npm',
		[
			'install',
			`n8n@${line.version}`,
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--save-exact',
		],
		{
			cwd: line.dir,
			env,
			log,
			label: 'npm install n8n',
		},
	);
	timingsMs.npmInstall = Date.now() - t;
	log(`npm install done in ${secs(timingsMs.npmInstall)}`);

	log(`building sqlite3 from source against Node ${process.versions.node} headers (~90 s)…`);
	t = Date.now();
	await run('npm', ['rebuild', 'sqlite3', '--build-from-source'], {
		cwd: line.dir,
		env: { ...env, npm_config_nodedir: NODE_HEADERS_DIR, npm_config_build_from_source: 'true' },
		log,
		label: 'sqlite3 rebuild',
	});
	timingsMs.sqliteRebuild = Date.now() - t;
	log(`sqlite3 rebuilt in ${secs(timingsMs.sqliteRebuild)}`);

	t = Date.now();
	const v = n8nVersion(nodeBin, pathEnv, line.dir);
	timingsMs.versionCheck = Date.now() - t;
	if (v !== line.version) {
		throw new N8nRuntimeError(
			`n8n was installed but \`n8n --version\` printed ${v ?? 'nothing (it failed)'}, expected ${line.version}. ` +
				`Delete ${line.dir} and retry.`,
		);
	}
	const marker: Marker = {
		version: line.version,
		installedAt: new Date().toISOString(),
		nodeVersion: process.versions.node,
		timingsMs,
	};
	fs.writeFileSync(markerFile(line), JSON.stringify(marker, null, 2) + '\n');
	return marker;
}

/** Returns the ready runtime, installing it first if needed (once, even with concurrent callers). */
export async function ensureN8nRuntime(options: EnsureOptions = {}): Promise<N8nRuntime> {
	const log = options.log ?? defaultLog;
	const line = options.line ?? selectedLine();
	const nodeBin = findNode24();
	const pathEnv = runtimeEnvPath(nodeBin);
	const result: N8nRuntime = {
		line: line.name,
		version: line.version,
		dir: line.dir,
		n8nBin: n8nEntry(line.dir),
		nodeBin,
		pathEnv,
	};

	if (
		!options.force &&
		readMarker(line)?.version === line.version &&
		fs.existsSync(n8nEntry(line.dir))
	)
		return result;

	fs.mkdirSync(line.dir, { recursive: true });
	const release = await acquireLock(line, log, options.lockTimeoutMs ?? 20 * 60_000);
	try {
		if (!options.force && isReady(line, nodeBin, pathEnv)) {
			log(`n8n ${line.version} is ready in ${line.dir}`);
			return result;
		}
		const started = Date.now();
		const marker = await install(line, nodeBin, pathEnv, log);
		log(
			`n8n ${line.version} ready in ${secs(Date.now() - started)} ` +
				`(npm install ${secs(marker.timingsMs.npmInstall)}, sqlite3 rebuild ${secs(marker.timingsMs.sqliteRebuild)})`,
		);
		return result;
	} finally {
		release();
	}
}

if (require.main === module) {
	const force = process.argv.includes('--force');
	const started = Date.now();
	Promise.resolve()
		.then(() => ensureN8nRuntime({ force, line: lineFromArgs() }))
		.then((rt) => {
			const v = n8nVersion(rt.nodeBin, rt.pathEnv, rt.dir);
			if (v !== rt.version)
				throw new N8nRuntimeError(`n8n --version printed ${v}, expected ${rt.version}`);
			defaultLog(`n8n ${v} at ${rt.n8nBin} (checked in ${secs(Date.now() - started)})`);
		})
		.catch((e) => {
			defaultLog(`ERROR: ${e instanceof Error ? e.message : String(e)}`);
			process.exit(1);
		});
}
