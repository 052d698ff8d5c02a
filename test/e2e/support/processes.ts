/**
 * Child processes for e2e runs: each in its own process group so that it can be stopped with everything it
 * spawned (n8n starts task runners), with a timeout, and killed when this process exits whatever happens.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook() {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const child of live) killGroup(child, 'SIGKILL');
	});
}

/** Spawns `cmd` detached (a new process group), tracked so it dies with this process. */
export function spawnTracked(cmd: string, args: string[], options: SpawnOptions): ChildProcess {
	installExitHook();
	const child = spawn(cmd, args, { ...options, detached: true });
	live.add(child);
	child.on('exit', () => live.delete(child));
	child.on('error', () => live.delete(child));
	return child;
}

/** Signals the child's whole process group (no-op when it is already gone). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		/* already gone */
	}
}

/** SIGTERM the group, wait up to `graceMs` for the child to exit, then SIGKILL the group. */
export async function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) {
		killGroup(child, 'SIGKILL'); // stray grandchildren
		return;
	}
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	killGroup(child, 'SIGTERM');
	const timer = new Promise<'timeout'>((resolve) =>
		setTimeout(() => resolve('timeout'), graceMs).unref(),
	);
	if ((await Promise.race([exited, timer])) === 'timeout') {
		killGroup(child, 'SIGKILL');
		await exited;
	}
	killGroup(child, 'SIGKILL');
}

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
	timedOut: boolean;
}

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs: number;
}

/** Runs a command to completion, capturing its output; kills its process group after `timeoutMs`. */
export function runCommand(cmd: string, args: string[], options: RunOptions): Promise<RunResult> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawnTracked(cmd, args, {
			cwd: options.cwd,
			env: options.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		let timedOut = false;
		child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
		child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
		const timer = setTimeout(() => {
			timedOut = true;
			killGroup(child, 'SIGKILL');
		}, options.timeoutMs);
		child.on('error', (e) => {
			clearTimeout(timer);
			reject(e);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			killGroup(child, 'SIGKILL'); // leftovers in the group
			resolve({ code, signal, stdout, stderr, durationMs: Date.now() - started, timedOut });
		});
	});
}
