/**
 * The two servers n8n's queue mode needs beside n8n itself, from Debian's packages, each on a free loopback port
 * in a temp folder of its own, removed on stop:
 *   - Redis (`redis-server`, package redis-server): BullMQ's queue; no persistence (`--save '' --appendonly no`).
 *   - PostgreSQL 15 (`initdb`, `pg_ctl`, package postgresql): n8n's shared database. PostgreSQL refuses to run as
 *     root, so as root its commands run as the `postgres` user (`runuser -u postgres --`) in a folder it owns.
 * A missing binary fails with the command that installs it (`.ci/run` installs both when missing).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort } from '../../e2e/support/freePort';
import { runCommand, spawnTracked, stopGroup } from '../../e2e/support/processes';

export const PG_BIN_DIR = process.env.QUEUE_PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';
const INSTALL_HINT =
	'apt-get install -y --no-install-recommends redis-server postgresql (as root; `.ci/run` does it)';

export class MissingServiceError extends Error {}

function executable(file: string): boolean {
	try {
		fs.accessSync(file, fs.constants.X_OK);
		return true;
	} catch {
		return false;
	}
}

function onPath(cmd: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
		if (dir && executable(path.join(dir, cmd))) return path.join(dir, cmd);
	}
	for (const dir of ['/usr/bin', '/usr/sbin', '/usr/local/bin']) {
		if (executable(path.join(dir, cmd))) return path.join(dir, cmd);
	}
	return undefined;
}

/** The binaries of both servers, or one error naming everything missing and how to install it. */
export function requireServiceBinaries(): { redisServer: string; initdb: string; pgCtl: string } {
	const redisServer = onPath('redis-server');
	const initdb = path.join(PG_BIN_DIR, 'initdb');
	const pgCtl = path.join(PG_BIN_DIR, 'pg_ctl');
	const missing: string[] = [];
	if (!redisServer) missing.push('redis-server (Debian package redis-server)');
	if (!executable(initdb) || !executable(pgCtl))
		missing.push(`${initdb} and pg_ctl (Debian package postgresql)`);
	if (missing.length) {
		throw new MissingServiceError(
			`The queue-mode tests need Redis and PostgreSQL; missing: ${missing.join(', ')}. Install them: ${INSTALL_HINT}`,
		);
	}
	return { redisServer: redisServer!, initdb, pgCtl };
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function serviceDir(prefix: string): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), `n8n-genesys-${prefix}-`));
}

function removeDir(dir: string) {
	if (process.env.KEEP_E2E_TMP) return;
	fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port. */
async function waitForPort(
	port: number,
	timeoutMs: number,
	isDead: () => string | undefined,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const dead = isDead();
		if (dead) throw new Error(dead);
		const ok = await new Promise<boolean>((resolve) => {
			const socket = net.connect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (ok) return;
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error(`nothing listened on 127.0.0.1:${port} after ${timeoutMs} ms`);
}

export interface RedisServer {
	host: string;
	port: number;
	logs(): string;
	stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
	const { redisServer } = requireServiceBinaries();
	const dir = serviceDir('redis');
	const port = await freePort();
	const child = spawnTracked(
		redisServer,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--protected-mode',
			'yes',
		],
		{ cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	child.stdout!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-50_000)));
	child.stderr!.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-50_000)));
	let stopped: Promise<void> | undefined;
	const server: RedisServer = {
		host: '127.0.0.1',
		port,
		logs: () => output,
		stop() {
			stopped ??= stopGroup(child, 5_000).finally(() => removeDir(dir));
			return stopped;
		},
	};
	try {
		await waitForPort(port, 15_000, () =>
			child.exitCode !== null || child.signalCode !== null
				? `redis-server exited early:\n${output}`
				: undefined,
		);
	} catch (error) {
		await server.stop();
		throw error;
	}
	return server;
}

export interface PostgresServer {
	host: string;
	port: number;
	user: string;
	database: string;
	/** The server log so far. */
	logs(): string;
	/** Runs SQL in the `n8n` database with psql; returns the rows unaligned (`|` between fields). */
	query(sql: string): Promise<string>;
	stop(): Promise<void>;
}

/** Stops a cluster at once (immediate mode); safe when it is not running. Synchronous, for exit hooks too. */
function stopClusterSync(pgCtl: string, dataDir: string) {
	if (!fs.existsSync(path.join(dataDir, 'postmaster.pid'))) return;
	const cmd = asServiceUser(pgCtl, ['-D', dataDir, '-m', 'immediate', '-w', '-t', '20', 'stop']);
	spawnSync(cmd.cmd, cmd.args, { stdio: 'ignore', timeout: 30_000 });
}

function asServiceUser(cmd: string, args: string[]): { cmd: string; args: string[] } {
	return isRoot()
		? { cmd: 'runuser', args: ['-u', 'postgres', '--', cmd, ...args] }
		: { cmd, args };
}

/** A throwaway PostgreSQL cluster (trust auth on loopback, no fsync), with one database `n8n`. */
export async function startPostgres(): Promise<PostgresServer> {
	const { initdb, pgCtl } = requireServiceBinaries();
	const dir = serviceDir('postgres');
	const dataDir = path.join(dir, 'data');
	const socketDir = path.join(dir, 'socket');
	const logFile = path.join(dir, 'postgres.log');
	fs.mkdirSync(socketDir);
	if (isRoot()) {
		const r = spawnSync('chown', ['-R', 'postgres:postgres', dir]);
		if (r.status !== 0) throw new Error(`chown postgres ${dir} failed: ${r.stderr}`);
	}
	const port = await freePort();
	const run = async (cmd: string, args: string[], label: string) => {
		const c = asServiceUser(cmd, args);
		const r = await runCommand(c.cmd, c.args, {
			cwd: dir,
			timeoutMs: 120_000,
			env: { ...process.env, LC_ALL: 'C' },
		});
		if (r.code !== 0)
			throw new Error(`${label} failed (exit ${r.code ?? r.signal}):\n${r.stderr || r.stdout}`);
	};
	const logs = () => {
		try {
			return fs.readFileSync(logFile, 'utf8');
		} catch {
			return '';
		}
	};
	const onExit = () => stopClusterSync(pgCtl, dataDir);
	let stopped: Promise<void> | undefined;
	const server: PostgresServer = {
		host: '127.0.0.1',
		port,
		user: 'postgres',
		database: 'n8n',
		logs,
		async query(sql) {
			const r = await runCommand(
				path.join(PG_BIN_DIR, 'psql'),
				[
					'-h',
					'127.0.0.1',
					'-p',
					String(port),
					'-U',
					'postgres',
					'-d',
					'n8n',
					'-At',
					'-v',
					'ON_ERROR_STOP=1',
					'-c',
					sql,
				],
				{ timeoutMs: 30_000, env: { ...process.env, PGCONNECT_TIMEOUT: '5' } },
			);
			if (r.code !== 0) throw new Error(`psql failed (exit ${r.code ?? r.signal}): ${r.stderr}`);
			return r.stdout.trim();
		},
		stop() {
			stopped ??= (async () => {
				process.off('exit', onExit);
				stopClusterSync(pgCtl, dataDir);
				removeDir(dir);
			})();
			return stopped;
		},
	};
	try {
		await run(
			initdb,
			[
				'-D',
				dataDir,
				'-U',
				'postgres',
				'--auth=trust',
				'-E',
				'UTF8',
				'--no-sync',
				'--no-instructions',
			],
			'initdb',
		);
		process.on('exit', onExit);
		const options = [
			`-p ${port}`,
			`-k ${socketDir}`,
			'-c listen_addresses=127.0.0.1',
			'-c fsync=off',
			'-c synchronous_commit=off',
			'-c full_page_writes=off',
			'-c max_connections=100',
		].join(' ');
		await run(
			pgCtl,
			['-D', dataDir, '-l', logFile, '-o', options, '-w', '-t', '60', 'start'],
			'pg_ctl start',
		);
		const psql = path.join(PG_BIN_DIR, 'psql');
		await run(
			psql,
			[
				'-h',
				socketDir,
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				'postgres',
				'-v',
				'ON_ERROR_STOP=1',
				'-c',
				'CREATE DATABASE n8n',
			],
			'CREATE DATABASE',
		);
	} catch (error) {
		await server.stop();
		throw new Error(`${(error as Error).message}\n--- postgres log\n${logs().slice(-3000)}`);
	}
	return server;
}
