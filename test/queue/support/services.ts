/**
 * The two servers n8n's queue mode needs beside n8n itself, from Debian's packages, each on a free loopback port
 * in a temp folder of its own, removed on stop:
 *   - Redis (`redis-server`, package redis-server): BullMQ's queue; no persistence (`--save '' --appendonly no`).
 *   - PostgreSQL, any major version from 13 on (`initdb`, `pg_ctl`, `psql`, package postgresql): n8n's shared
 *     database, found where the system put it (see findPostgres). PostgreSQL refuses to run as root, so as root
 *     its commands run as the `postgres` user (`runuser -u postgres --`) in a folder it owns.
 * A missing server fails naming scripts/systemPackages.sh, which `npm test` runs first and which installs both.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort } from '../../e2e/support/freePort';
import { runCommand, spawnTracked, stopGroup } from '../../e2e/support/processes';

/** The oldest PostgreSQL major version that n8n 2.x supports. */
export const OLDEST_POSTGRES = 13;
const INSTALL_HINT =
	'run `bash scripts/systemPackages.sh` (as root it installs them; `npm test` runs it first)';

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

export interface PostgresInstall {
	/** The folder holding initdb, pg_ctl and psql. */
	binDir: string;
	major: number;
}

/** The major version `<binDir>/initdb --version` prints ("initdb (PostgreSQL) 17.2"), if it runs. */
function postgresMajor(binDir: string): number | undefined {
	if (!['initdb', 'pg_ctl', 'psql'].every((cmd) => executable(path.join(binDir, cmd))))
		return undefined;
	const r = spawnSync(path.join(binDir, 'initdb'), ['--version'], { encoding: 'utf8' });
	const match = /\(PostgreSQL\) (\d+)/.exec(r.stdout ?? '');
	return match ? Number(match[1]) : undefined;
}

/**
 * The newest PostgreSQL server from 13 on, wherever it is: the folder $QUEUE_PG_BIN_DIR names, the folder of an
 * `initdb` on PATH (Homebrew, most distributions), `pg_config --bindir`, or Debian's and Ubuntu's
 * `/usr/lib/postgresql/<major>/bin`, whose major version differs by release (15 on Debian 12, 17 on Debian 13).
 */
export function findPostgres(): PostgresInstall | undefined {
	const candidates: string[] = [];
	if (process.env.QUEUE_PG_BIN_DIR) candidates.push(process.env.QUEUE_PG_BIN_DIR);
	const initdbOnPath = onPath('initdb');
	if (initdbOnPath) candidates.push(path.dirname(fs.realpathSync(initdbOnPath)));
	const pgConfig = onPath('pg_config');
	if (pgConfig) {
		const r = spawnSync(pgConfig, ['--bindir'], { encoding: 'utf8' });
		if (r.status === 0 && r.stdout.trim()) candidates.push(r.stdout.trim());
	}
	const debian = '/usr/lib/postgresql';
	if (fs.existsSync(debian))
		for (const version of fs.readdirSync(debian))
			candidates.push(path.join(debian, version, 'bin'));
	const found = candidates
		.map((binDir) => ({ binDir, major: postgresMajor(binDir) }))
		.filter((c): c is PostgresInstall => c.major !== undefined && c.major >= OLDEST_POSTGRES)
		.sort((a, b) => b.major - a.major);
	return found[0];
}

/** The binaries of both servers, or one error naming everything missing and how to install it. */
export function requireServiceBinaries(): {
	redisServer: string;
	initdb: string;
	pgCtl: string;
	psql: string;
} {
	const redisServer = onPath('redis-server');
	const postgres = findPostgres();
	const missing: string[] = [];
	if (!redisServer) missing.push('redis-server (Debian package redis-server)');
	if (!postgres)
		missing.push(
			`a PostgreSQL server from ${OLDEST_POSTGRES} on: initdb, pg_ctl and psql (Debian package postgresql)`,
		);
	if (!redisServer || !postgres) {
		throw new MissingServiceError(
			`The queue-mode tests need Redis and PostgreSQL; missing: ${missing.join(', ')}. To install them, ${INSTALL_HINT}.`,
		);
	}
	const bin = (cmd: string) => path.join(postgres.binDir, cmd);
	return { redisServer, initdb: bin('initdb'), pgCtl: bin('pg_ctl'), psql: bin('psql') };
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
	const { initdb, pgCtl, psql } = requireServiceBinaries();
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
				psql,
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
