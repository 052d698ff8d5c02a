/**
 * The pinned real n8n used by the end-to-end tests and the `npm start` demo.
 *
 * Installs `n8n@N8N_VERSION` once into the git-ignored `.n8n-runtime/` folder and reuses it afterwards.
 * Recipe, from installing the `n8n` npm package (whose package.json declares `engines.node >= 24`):
 *   npm install n8n@<v> --ignore-scripts   (a plain install runs every dependency's install script, and one
 *                                           of them builds a Kafka native module from sources it downloads)
 *   npm rebuild sqlite3 --build-from-source, against Node 24's headers (npm_config_nodedir): the one native
 *                                           binding n8n needs to start (its SQLite database)
 * A marker file records the installed version; `n8n --version` is the sanity check. A lock file keeps
 * concurrent callers (parallel test files, `npm start` + `npm test`) from installing twice.
 *
 * Run:    node --import tsx scripts/n8nRuntime.ts [--force]
 * Import: const rt = await ensureN8nRuntime(); rt.n8nBin, rt.nodeBin
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The one place the tested n8n version lives. (2.41.3 would not install: a version one of its dependencies pins is missing from the registry.) */
export const N8N_VERSION = '2.41.1';

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const RUNTIME_DIR = path.join(PROJECT_ROOT, '.n8n-runtime');
const MARKER_FILE = path.join(RUNTIME_DIR, 'installed.json');
/** Inside the (git-ignored) runtime folder, which is created before the lock is taken. */
const LOCK_FILE = path.join(RUNTIME_DIR, '.install.lock');
/** Node 24's C headers, shipped by the `node` devDependency; sqlite3 is compiled against them. */
export const NODE_HEADERS_DIR = path.join(
	PROJECT_ROOT,
	'node_modules',
	'node',
	'node_modules',
	`node-${process.platform}-${process.arch}`,
);

export interface N8nRuntime {
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

function n8nEntry(dir = RUNTIME_DIR): string {
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
		`n8n ${N8N_VERSION} needs Node >= 24, but this is Node ${process.versions.node} and no Node 24 was found at ` +
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
export function checkPrerequisites(nodeBin: string, pathEnv: string): void {
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
			`Cannot install n8n ${N8N_VERSION}; missing:\n  - ${missing.join('\n  - ')}\n` +
				'Run `bash scripts/systemPackages.sh` (as root it installs them).',
		);
	}
	void nodeBin;
}

function readMarker(): Marker | undefined {
	try {
		return JSON.parse(fs.readFileSync(MARKER_FILE, 'utf8')) as Marker;
	} catch {
		return undefined;
	}
}

/** `n8n --version` with the given Node; returns the printed version or undefined. */
export function n8nVersion(
	nodeBin: string,
	pathEnv: string,
	dir = RUNTIME_DIR,
): string | undefined {
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

function isReady(nodeBin: string, pathEnv: string): boolean {
	const marker = readMarker();
	return marker?.version === N8N_VERSION && n8nVersion(nodeBin, pathEnv) === N8N_VERSION;
}

function pidAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function acquireLock(log: (l: string) => void, timeoutMs: number): Promise<() => void> {
	const deadline = Date.now() + timeoutMs;
	let announced = false;
	for (;;) {
		try {
			const fd = fs.openSync(LOCK_FILE, 'wx');
			fs.writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
			fs.closeSync(fd);
			return () => fs.rmSync(LOCK_FILE, { force: true });
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
		}
		let holder: { pid?: number } = {};
		try {
			holder = JSON.parse(fs.readFileSync(LOCK_FILE, 'utf8'));
		} catch {
			/* being written; retry */
		}
		if (holder.pid && !pidAlive(holder.pid)) {
			log(`removing a stale lock left by process ${holder.pid}`);
			fs.rmSync(LOCK_FILE, { force: true });
			continue;
		}
		if (Date.now() > deadline) {
			throw new N8nRuntimeError(
				`Timed out waiting for another n8n install (lock ${LOCK_FILE}, pid ${holder.pid ?? '?'}). ` +
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
	nodeBin: string,
	pathEnv: string,
	log: (l: string) => void,
): Promise<Marker> {
	checkPrerequisites(nodeBin, pathEnv);
	const timingsMs: Record<string, number> = {};
	fs.rmSync(MARKER_FILE, { force: true });
	fs.mkdirSync(RUNTIME_DIR, { recursive: true });
	fs.writeFileSync(
		path.join(RUNTIME_DIR, 'package.json'),
		JSON.stringify(
			{
				name: 'n8n-runtime',
				private: true,
				description: `Pinned n8n ${N8N_VERSION} for e2e tests and the demo`,
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
		`installing n8n@${N8N_VERSION} into ${RUNTIME_DIR} (npm install --ignore-scripts; ~5 min, ~2.8 GB)…`,
	);
	let t = Date.now();
	await run(
		'npm',
		[
			'install',
			`n8n@${N8N_VERSION}`,
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--save-exact',
		],
		{
			cwd: RUNTIME_DIR,
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
		cwd: RUNTIME_DIR,
		env: { ...env, npm_config_nodedir: NODE_HEADERS_DIR, npm_config_build_from_source: 'true' },
		log,
		label: 'sqlite3 rebuild',
	});
	timingsMs.sqliteRebuild = Date.now() - t;
	log(`sqlite3 rebuilt in ${secs(timingsMs.sqliteRebuild)}`);

	t = Date.now();
	const v = n8nVersion(nodeBin, pathEnv);
	timingsMs.versionCheck = Date.now() - t;
	if (v !== N8N_VERSION) {
		throw new N8nRuntimeError(
			`n8n was installed but \`n8n --version\` printed ${v ?? 'nothing (it failed)'}, expected ${N8N_VERSION}. ` +
				`Delete ${RUNTIME_DIR} and retry.`,
		);
	}
	const marker: Marker = {
		version: N8N_VERSION,
		installedAt: new Date().toISOString(),
		nodeVersion: process.versions.node,
		timingsMs,
	};
	fs.writeFileSync(MARKER_FILE, JSON.stringify(marker, null, 2) + '\n');
	return marker;
}

/** Returns the ready runtime, installing it first if needed (once, even with concurrent callers). */
export async function ensureN8nRuntime(options: EnsureOptions = {}): Promise<N8nRuntime> {
	const log = options.log ?? defaultLog;
	const nodeBin = findNode24();
	const pathEnv = runtimeEnvPath(nodeBin);
	const result: N8nRuntime = {
		version: N8N_VERSION,
		dir: RUNTIME_DIR,
		n8nBin: n8nEntry(),
		nodeBin,
		pathEnv,
	};

	if (!options.force && readMarker()?.version === N8N_VERSION && fs.existsSync(n8nEntry()))
		return result;

	fs.mkdirSync(RUNTIME_DIR, { recursive: true });
	const release = await acquireLock(log, options.lockTimeoutMs ?? 20 * 60_000);
	try {
		if (!options.force && isReady(nodeBin, pathEnv)) {
			log(`n8n ${N8N_VERSION} is ready in ${RUNTIME_DIR}`);
			return result;
		}
		const started = Date.now();
		const marker = await install(nodeBin, pathEnv, log);
		log(
			`n8n ${N8N_VERSION} ready in ${secs(Date.now() - started)} ` +
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
	ensureN8nRuntime({ force })
		.then((rt) => {
			const v = n8nVersion(rt.nodeBin, rt.pathEnv);
			if (v !== N8N_VERSION)
				throw new N8nRuntimeError(`n8n --version printed ${v}, expected ${N8N_VERSION}`);
			defaultLog(`n8n ${v} at ${rt.n8nBin} (checked in ${secs(Date.now() - started)})`);
		})
		.catch((e) => {
			defaultLog(`ERROR: ${e instanceof Error ? e.message : String(e)}`);
			process.exit(1);
		});
}
