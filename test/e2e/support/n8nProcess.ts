/**
 * One isolated n8n instance on disk (its own N8N_USER_FOLDER, SQLite DB and fixed encryption key) and the
 * headless CLI commands the e2e tests need: import credentials and workflows, execute a workflow, export the
 * persisted credentials (decrypted) to check what n8n stored.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ensureN8nRuntime, type N8nRuntime } from '../../../scripts/n8nRuntime';
import { freePort } from './freePort';
import { runCommand, type RunResult } from './processes';
import { makeInstanceDir, type TempDir } from './tempDir';

/** Fixed so that credentials imported or exported by one command are readable by the next. Test-only. */
export const E2E_ENCRYPTION_KEY = 'n8n-nodes-genesys-cloud-e2e-not-a-secret';

const DEFAULT_CLI_TIMEOUT_MS = 120_000;

export interface N8nHome {
	runtime: N8nRuntime;
	/** N8N_USER_FOLDER: n8n keeps its data in `<userFolder>/.n8n` (config, database.sqlite, nodes/). */
	userFolder: string;
	/** `<userFolder>/.n8n` */
	n8nDir: string;
	/** `<userFolder>/.n8n/nodes`: where n8n installs community packages (a package.json + node_modules). */
	nodesDir: string;
	/** The environment for any n8n process of this instance (pass per-process extras to `env()`). */
	env(extra?: Record<string, string>): NodeJS.ProcessEnv;
	/** Removes the user folder (set KEEP_E2E_TMP=1 to keep it). */
	cleanup(): void;
}

export interface CreateHomeOptions {
	/** Prefix of the temp folder under `.tmp/`. */
	prefix?: string;
	/** Extra env for every n8n process of this instance (e.g. N8N_LOG_LEVEL). */
	env?: Record<string, string>;
	log?: (line: string) => void;
}

/** Env that keeps n8n quiet, local and reproducible: no telemetry, banners, templates or update checks. */
export function quietLocalEnv(): Record<string, string> {
	return {
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_SECURE_COOKIE: 'false',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_RUNNERS_MODE: 'internal',
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		// Never reach out to npm for packages recorded in the DB but missing on disk.
		N8N_REINSTALL_MISSING_PACKAGES: 'false',
		// Do not fetch n8n's list of verified community nodes from api.n8n.io (installed packages still show).
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// The emulator listens on 127.0.0.1; keep n8n's SSRF guard (off by default in 2.41) off explicitly.
		N8N_SSRF_PROTECTION_ENABLED: 'false',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		NO_COLOR: '1',
	};
}

/** A fresh, empty n8n instance folder (nothing runs yet; the first command runs the DB migrations). */
export async function createN8nHome(options: CreateHomeOptions = {}): Promise<N8nHome> {
	const runtime = await ensureN8nRuntime({ log: options.log });
	const tmp: TempDir = makeInstanceDir(options.prefix ?? 'n8n');
	const userFolder = tmp.path;
	const n8nDir = path.join(userFolder, '.n8n');
	const nodesDir = path.join(n8nDir, 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	const base: Record<string, string> = {
		...quietLocalEnv(),
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: E2E_ENCRYPTION_KEY,
		...options.env,
	};
	return {
		runtime,
		userFolder,
		n8nDir,
		nodesDir,
		env(extra = {}) {
			const env: NodeJS.ProcessEnv = {
				...process.env,
				PATH: runtime.pathEnv,
				HOME: userFolder,
				...base,
				...extra,
			};
			// Settings of the surrounding shell or test runner that would change n8n's behaviour.
			for (const k of [
				'N8N_CUSTOM_EXTENSIONS',
				'NODE_OPTIONS',
				'NODE_TEST_CONTEXT',
				'DB_TYPE',
				'N8N_CONFIG_FILES',
			]) {
				if (!(k in extra) && !(k in base)) delete env[k];
			}
			return env;
		},
		cleanup: () => tmp.remove(),
	};
}

export interface CliOptions {
	timeoutMs?: number;
	env?: Record<string, string>;
}

export class N8nCliError extends Error {
	/** The full command result (not enumerable, so that failure reports show the message's tails only). */
	declare readonly result: RunResult;

	constructor(message: string, result: RunResult) {
		super(message);
		Object.defineProperty(this, 'result', { value: result, enumerable: false });
	}
}

/** Runs `n8n <args>` for this instance. Each call gets its own task-broker port so instances can run side by side. */
export async function runN8n(
	home: N8nHome,
	args: string[],
	options: CliOptions = {},
): Promise<RunResult> {
	const brokerPort = await freePort();
	return await runCommand(home.runtime.nodeBin, [home.runtime.n8nBin, ...args], {
		cwd: home.userFolder,
		env: home.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...options.env }),
		timeoutMs: options.timeoutMs ?? DEFAULT_CLI_TIMEOUT_MS,
	});
}

function describe(result: RunResult): string {
	const tail = (s: string) => s.split('\n').slice(-30).join('\n');
	return (
		`${result.timedOut ? 'timed out' : `exit ${result.code ?? result.signal}`} after ${result.durationMs} ms\n` +
		`--- stdout (tail)\n${tail(result.stdout)}\n--- stderr (tail)\n${tail(result.stderr)}`
	);
}

async function runOk(home: N8nHome, args: string[], options?: CliOptions): Promise<RunResult> {
	const result = await runN8n(home, args, options);
	if (result.code !== 0)
		throw new N8nCliError(`n8n ${args.join(' ')} failed: ${describe(result)}`, result);
	return result;
}

/** A credential as `n8n import:credentials` reads it; a plain-object `data` is encrypted on import. */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A workflow as `n8n import:workflow` reads it (the id is kept, so `execute --id` can use it). */
export interface WorkflowImport {
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	active?: boolean;
	settings?: Record<string, unknown>;
	pinData?: Record<string, unknown>;
	[key: string]: unknown;
}

function writeInput(home: N8nHome, name: string, value: unknown): string {
	const dir = path.join(home.userFolder, 'io');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(
		dir,
		`${name}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`,
	);
	fs.writeFileSync(file, JSON.stringify(value, null, 2));
	return file;
}

export async function importCredentials(
	home: N8nHome,
	credentials: CredentialImport[],
	options?: CliOptions,
) {
	const file = writeInput(home, 'credentials', credentials);
	await runOk(home, ['import:credentials', `--input=${file}`], options);
}

/** `n8n import:workflow`; several workflows go in one command (one n8n start instead of one each). */
export async function importWorkflow(
	home: N8nHome,
	workflow: WorkflowImport | WorkflowImport[],
	options?: CliOptions,
) {
	const workflows = (Array.isArray(workflow) ? workflow : [workflow]).map((w) => ({
		active: false,
		settings: {},
		...w,
	}));
	const file = writeInput(home, 'workflow', workflows);
	await runOk(home, ['import:workflow', `--input=${file}`], options);
}

/** The credentials as n8n persisted them, decrypted (e.g. to see a token n8n stored after preAuthentication). */
export async function exportCredentials(
	home: N8nHome,
	options?: CliOptions,
): Promise<CredentialImport[]> {
	const dir = path.join(home.userFolder, 'io');
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `export-credentials-${Date.now()}.json`);
	await runOk(home, ['export:credentials', '--all', '--decrypted', `--output=${file}`], options);
	const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as CredentialImport[];
	fs.rmSync(file, { force: true }); // decrypted secrets: do not leave them lying around
	return exported;
}

/** The parts of n8n's IRun the tests read. */
/** n8n's pairedItem of an output item: one input (by index) or several. */
type PairedItem = { item: number } | Array<{ item: number }>;

export interface N8nRun {
	finished?: boolean;
	/** success, error, crashed, canceled… */
	status?: string;
	startedAt?: string;
	stoppedAt?: string;
	mode?: string;
	data: {
		resultData: {
			runData: Record<string, Array<N8nTaskData>>;
			lastNodeExecuted?: string;
			error?: {
				message?: string;
				description?: string;
				name?: string;
				node?: { name?: string };
			} & Record<string, unknown>;
		};
	};
}

export interface N8nTaskData {
	executionStatus?: string;
	executionTime?: number;
	error?: { message?: string; description?: string } & Record<string, unknown>;
	data?: { main?: Array<Array<{ json: Record<string, unknown>; pairedItem?: PairedItem }> | null> };
}

export interface ExecuteResult {
	/** The run succeeded: a run was printed, with status success and no error. */
	ok: boolean;
	/** n8n's exit code: 0 when the run succeeded, 1 when it ended with an error, null when killed by a signal. */
	exitCode: number | null;
	signal: NodeJS.Signals | null;
	/**
	 * n8n printed the complete run and then crashed while exiting (SIGSEGV). Seen here with n8n 2.41.1 on Node 24
	 * in about 1 run in 4: a thread of isolated-vm (the default `vm` expression engine) still compiling while the
	 * process tears down; never with N8N_EXPRESSION_ENGINE=legacy. The run itself is complete and stored.
	 */
	crashedAfterRun: boolean;
	/** The run as n8n printed it; undefined only when n8n failed before running (see stdout/stderr). */
	run?: N8nRun;
	stdout: string;
	stderr: string;
	durationMs: number;
}

/**
 * `n8n execute --id=<id> --rawOutput`. Resolves for failed runs too (`ok` false, `run` with the error): the
 * caller asserts. Rejects on timeout, when no run JSON can be found after a clean exit, or when n8n crashed
 * before printing a complete run.
 */
export async function executeWorkflow(
	home: N8nHome,
	workflowId: string,
	options?: CliOptions,
): Promise<ExecuteResult> {
	const result = await runN8n(home, ['execute', `--id=${workflowId}`, '--rawOutput'], options);
	if (result.timedOut)
		throw new N8nCliError(`n8n execute --id=${workflowId} ${describe(result)}`, result);
	const run = findRunJson(result.stdout) ?? findRunJson(result.stderr);
	// A finished run has a final status and a stop time (`finished` is printed only for successful runs).
	const complete =
		run !== undefined &&
		typeof run.status === 'string' &&
		run.status !== 'running' &&
		!!run.stoppedAt;
	const crashedAfterRun = result.signal === 'SIGSEGV' && complete;
	if (result.signal && !crashedAfterRun) {
		throw new N8nCliError(`n8n execute --id=${workflowId} was killed: ${describe(result)}`, result);
	}
	if (!run && result.code === 0) {
		throw new N8nCliError(
			`n8n execute --id=${workflowId} printed no run JSON: ${describe(result)}`,
			result,
		);
	}
	const ok = run !== undefined && run.status === 'success' && !run.data.resultData.error;
	return {
		ok,
		exitCode: result.code,
		signal: result.signal,
		crashedAfterRun,
		run,
		stdout: result.stdout,
		stderr: result.stderr,
		durationMs: result.durationMs,
	};
}

/**
 * Finds the run JSON in n8n's output: log lines come first (and may follow), and on failure n8n prints the
 * run through its logger. Scans every line that starts a JSON object, matches its braces (strings aware) and
 * keeps the largest value that parses and looks like a run.
 */
export function findRunJson(output: string): N8nRun | undefined {
	let best: { run: N8nRun; length: number } | undefined;
	const lineStarts = [0];
	for (let i = 0; i < output.length; i++) if (output[i] === '\n') lineStarts.push(i + 1);
	for (const start of lineStarts) {
		let s = start;
		while (output[s] === ' ' || output[s] === '\t') s++;
		if (output[s] !== '{') continue;
		const end = matchBraces(output, s);
		if (end < 0) continue;
		if (best && end - s <= best.length) continue;
		try {
			const value = JSON.parse(output.slice(s, end + 1)) as N8nRun;
			if (value && typeof value === 'object' && value.data?.resultData)
				best = { run: value, length: end - s };
		} catch {
			/* not JSON */
		}
	}
	return best?.run;
}

/** Index of the brace closing the one at `start`, or -1. */
function matchBraces(text: string, start: number): number {
	let depth = 0;
	let inString = false;
	for (let i = start; i < text.length; i++) {
		const c = text[i];
		if (inString) {
			if (c === '\\') i++;
			else if (c === '"') inString = false;
			continue;
		}
		if (c === '"') inString = true;
		else if (c === '{' || c === '[') depth++;
		else if (c === '}' || c === ']') {
			depth--;
			if (depth === 0) return i;
		}
	}
	return -1;
}

/** The JSON of the items a node output on `output` (default the first) in its last run. */
export function nodeOutput(
	run: N8nRun,
	nodeName: string,
	output = 0,
): Array<Record<string, unknown>> {
	return lastOutputItems(run, nodeName, output).map((item) => item.json);
}

/** The items of one output of a node's last run; fails naming the nodes that ran when this one did not. */
function lastOutputItems(run: N8nRun, nodeName: string, output: number) {
	const tasks = run.data.resultData.runData[nodeName];
	if (!tasks?.length) {
		const ran = Object.keys(run.data.resultData.runData).join(', ') || 'none';
		throw new Error(`node "${nodeName}" did not run (nodes that ran: ${ran})`);
	}
	return tasks[tasks.length - 1].data?.main?.[output] ?? [];
}

/** Each output item of a node's last run with the input item it is paired to (`undefined` when unpaired). */
export function nodeOutputPairs(
	run: N8nRun,
	nodeName: string,
): Array<{ json: Record<string, unknown>; pairedTo: number | undefined }> {
	return lastOutputItems(run, nodeName, 0).map((item) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		return { json: item.json, pairedTo: paired?.item };
	});
}

/** The error message of a failed run (the workflow's error, else the first node error). */
export function runErrorMessage(run: N8nRun): string | undefined {
	const top = run.data.resultData.error;
	if (top?.message) return top.message;
	for (const tasks of Object.values(run.data.resultData.runData)) {
		for (const task of tasks) if (task.error?.message) return task.error.message;
	}
	return undefined;
}
