/**
 * n8n in queue mode on one machine, started from the project's e2e toolkit: Redis, PostgreSQL, a main
 * (`n8n start`: editor, REST API, production webhooks; it only enqueues executions) and N workers
 * (`n8n worker --concurrency=<c>`), all with `EXECUTIONS_MODE=queue`, the same Redis, database and
 * `N8N_ENCRYPTION_KEY`. Each n8n process has its own user folder. The package gets to them the two ways the
 * README's queue-mode section gives: the main and the first worker have it installed in their own nodes folder
 * (as on a machine or image with the package), and every other worker has no copy of its own: its
 * `~/.n8n/nodes` is the main's nodes folder, shared (a symbolic link standing for a shared volume).
 *
 * Workers log "Worker started execution <id> (job <n>)": `workerOf(executionId)` reads which one ran what.
 * `stop()` takes everything down (also after a failure); call it from an `after` hook.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { freePort } from '../../e2e/support/freePort';
import { installProject } from '../../e2e/support/installPackage';
import { createN8nHome, type N8nHome } from '../../e2e/support/n8nProcess';
import type { N8nRestClient } from '../../e2e/support/n8nRest';
import { ownerClient, startN8nServer, type N8nServer } from '../../e2e/support/n8nServer';
import { killGroup, spawnTracked, stopGroup } from '../../e2e/support/processes';
import { startPostgres, startRedis, type PostgresServer, type RedisServer } from './services';

export interface QueueClusterOptions {
	/** How many `n8n worker` processes (default 2). */
	workers?: number;
	/** Jobs (executions) each worker runs at once (default 1: two executions land on two workers). */
	workerConcurrency?: number;
	/** Extra env for every n8n process. */
	env?: Record<string, string>;
	log?: (line: string) => void;
}

export interface N8nWorker {
	name: string;
	home: N8nHome;
	process: ChildProcess;
	healthPort: number;
	logs(): string;
	/** SIGKILL to the worker's whole process group (n8n and its task runner): a crashed machine. */
	kill(): void;
	stop(): Promise<void>;
}

export interface QueueCluster {
	redis: RedisServer;
	postgres: PostgresServer;
	main: N8nServer;
	workers: N8nWorker[];
	/** REST client logged in as the owner, on the main. */
	rest: N8nRestClient;
	/** `http://127.0.0.1:<port>/webhook/<path>` on the main. */
	webhookUrl(webhookPath: string): string;
	/** The worker whose log says it started this execution, if any. */
	workerOf(executionId: string): string | undefined;
	stop(): Promise<void>;
}

/**
 * Settings every n8n process of the cluster shares. The worker lock is shorter than n8n's default (60 s) so a
 * killed worker's job is found stalled within seconds rather than a minute.
 */
function queueEnv(
	redis: RedisServer,
	postgres: PostgresServer,
	extra: Record<string, string>,
): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: '',
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_POOL_SIZE: '4',
		QUEUE_WORKER_LOCK_DURATION: '15000',
		QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
		QUEUE_WORKER_STALLED_INTERVAL: '5000',
		// Executions of workflows started by webhooks are saved with their data (the tests read them).
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		N8N_LOG_LEVEL: 'info',
		...extra,
	};
}

async function waitForWorker(worker: N8nWorker, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let exit: string | undefined;
	worker.process.once('exit', (code, signal) => (exit = `exited (${signal ?? `code ${code}`})`));
	while (Date.now() < deadline && !exit) {
		try {
			const res = await fetch(`http://127.0.0.1:${worker.healthPort}/healthz/readiness`, {
				signal: AbortSignal.timeout(2_000),
			});
			if (res.status === 200) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	const tail = worker.logs().split('\n').slice(-40).join('\n');
	throw new Error(
		`${worker.name} did not become ready (${exit ?? `timeout after ${timeoutMs} ms`}). Last output:\n${tail}`,
	);
}

async function startWorker(
	name: string,
	home: N8nHome,
	concurrency: number,
	env: Record<string, string>,
): Promise<N8nWorker> {
	const healthPort = await freePort();
	const brokerPort = await freePort();
	const logStream = fs.createWriteStream(path.join(home.userFolder, 'n8n-worker.log'), {
		flags: 'a',
	});
	let output = '';
	const child = spawnTracked(
		home.runtime.nodeBin,
		[home.runtime.n8nBin, 'worker', `--concurrency=${concurrency}`],
		{
			cwd: home.userFolder,
			env: home.env({
				...env,
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			}),
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	const collect = (d: Buffer) => {
		output += d.toString();
		if (output.length > 4_000_000) output = output.slice(-2_000_000);
		logStream.write(d);
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	let stopped: Promise<void> | undefined;
	const worker: N8nWorker = {
		name,
		home,
		process: child,
		healthPort,
		logs: () => output,
		kill: () => killGroup(child, 'SIGKILL'),
		stop() {
			stopped ??= stopGroup(child, 10_000).finally(() => logStream.end());
			return stopped;
		},
	};
	try {
		await waitForWorker(worker, 120_000);
	} catch (error) {
		await worker.stop();
		throw error;
	}
	return worker;
}

/** Makes a worker's nodes folder the main's, as a volume mounted at `~/.n8n/nodes` in both would. */
function shareNodesFolder(main: N8nHome, worker: N8nHome) {
	fs.rmSync(worker.nodesDir, { recursive: true, force: true });
	fs.symlinkSync(main.nodesDir, worker.nodesDir, 'dir');
}

export async function startQueueCluster(options: QueueClusterOptions = {}): Promise<QueueCluster> {
	const log = options.log ?? (() => undefined);
	const workerCount = options.workers ?? 2;
	const concurrency = options.workerConcurrency ?? 1;
	const started = Date.now();
	const cleanups: Array<() => Promise<void> | void> = [];
	const stopAll = async () => {
		for (const cleanup of cleanups.splice(0).reverse()) {
			try {
				await cleanup();
			} catch {
				/* keep stopping the rest */
			}
		}
	};
	try {
		const [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
		cleanups.push(
			() => redis.stop(),
			() => postgres.stop(),
		);
		log(
			`redis on :${redis.port}, postgres on :${postgres.port} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
		);
		const env = queueEnv(redis, postgres, options.env ?? {});

		// Every process gets its own user folder; the main and worker 1 their own copy of the package, the
		// other workers the main's nodes folder.
		const homes = await Promise.all(
			Array.from({ length: workerCount + 1 }, async (_, i) => {
				const home = await createN8nHome({
					prefix: i === 0 ? 'queue-main' : `queue-worker${i}`,
					env,
				});
				cleanups.push(() => home.cleanup());
				if (i <= 1) await installProject(home.nodesDir);
				return home;
			}),
		);
		for (const home of homes.slice(2)) shareNodesFolder(homes[0], home);

		// The main first: it runs the database migrations that the workers then find done.
		const main = await startN8nServer(homes[0], { timeoutMs: 180_000 });
		cleanups.push(() => main.stop());
		log(`main ready at ${main.baseUrl} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
		const rest = await ownerClient(main);

		const workers: N8nWorker[] = [];
		await Promise.all(
			homes.slice(1).map(async (home, i) => {
				const worker = await startWorker(`worker${i + 1}`, home, concurrency, env);
				workers.push(worker);
				cleanups.push(() => worker.stop());
			}),
		);
		workers.sort((a, b) => a.name.localeCompare(b.name));
		log(`${workers.length} workers ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);

		let stopping: Promise<void> | undefined;
		return {
			redis,
			postgres,
			main,
			workers,
			rest,
			webhookUrl: (webhookPath) => `${main.baseUrl}/webhook/${webhookPath}`,
			workerOf(executionId) {
				const pattern = new RegExp(`Worker started execution ${executionId} \\(job`);
				return workers.find((w) => pattern.test(w.logs()))?.name;
			},
			stop() {
				stopping ??= stopAll();
				return stopping;
			},
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}
