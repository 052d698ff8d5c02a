/**
 * The n8n server (`n8n start`) of an instance: a free port on 127.0.0.1, ready when `/healthz/readiness`
 * answers 200 (DB connected, migrated, server fully started) and so does the REST API (`/rest/settings`); the
 * owner account set up, and a clean stop that takes the whole process group (n8n + its task runners) down, also
 * when a test failed.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { freePort } from './freePort';
import { N8nRestClient } from './n8nRest';
import type { N8nHome } from './n8nProcess';
import { spawnTracked, stopGroup } from './processes';

/** The owner account every e2e instance gets (local test instance only). */
export const E2E_OWNER = {
	email: 'owner@e2e.test',
	firstName: 'E2E',
	lastName: 'Owner',
	/** 8–64 chars with a digit and an uppercase letter (n8n's password rule). */
	password: 'E2eOwnerPassw0rd',
} as const;

/** An n8n owner account (email, names, password meeting n8n's rule). */
export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export interface N8nServer {
	home: N8nHome;
	port: number;
	/** `http://127.0.0.1:<port>` (no trailing slash) */
	baseUrl: string;
	process: ChildProcess;
	/** Server output so far (also written to `<userFolder>/n8n-server.log`). */
	logs(): string;
	/** Stops n8n (SIGTERM to its group, SIGKILL after a grace period). Safe to call twice. */
	stop(): Promise<void>;
}

export interface StartServerOptions {
	/** How long to wait for readiness. Default 120 s (the first start runs all DB migrations). */
	timeoutMs?: number;
	env?: Record<string, string>;
	log?: (line: string) => void;
}

export class N8nServerError extends Error {}

export async function startN8nServer(
	home: N8nHome,
	options: StartServerOptions = {},
): Promise<N8nServer> {
	const timeoutMs = options.timeoutMs ?? 120_000;
	const port = await freePort();
	const brokerPort = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const logFile = path.join(home.userFolder, 'n8n-server.log');
	const logStream = fs.createWriteStream(logFile, { flags: 'a' });
	let output = '';
	const child = spawnTracked(home.runtime.nodeBin, [home.runtime.n8nBin, 'start'], {
		cwd: home.userFolder,
		env: home.env({
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_EDITOR_BASE_URL: `${baseUrl}/`,
			WEBHOOK_URL: `${baseUrl}/`,
			...options.env,
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const collect = (d: Buffer) => {
		output += d.toString();
		if (output.length > 2_000_000) output = output.slice(-1_000_000);
		logStream.write(d);
	};
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);

	let stopped: Promise<void> | undefined;
	const server: N8nServer = {
		home,
		port,
		baseUrl,
		process: child,
		logs: () => output,
		stop() {
			stopped ??= stopGroup(child, 10_000).finally(() => logStream.end());
			return stopped;
		},
	};

	const started = Date.now();
	try {
		await waitUntilReady(server, timeoutMs);
	} catch (error) {
		await server.stop();
		throw error;
	}
	options.log?.(`n8n ready at ${baseUrl} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return server;
}

async function answers(url: string): Promise<boolean> {
	const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
	await res.body?.cancel();
	return res.status === 200;
}

async function waitUntilReady(server: N8nServer, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let exit: string | undefined;
	server.process.once('exit', (code, signal) => (exit = `exited (${signal ?? `code ${code}`})`));
	while (Date.now() < deadline) {
		if (exit) break;
		try {
			const res = await fetch(`${server.baseUrl}/healthz/readiness`, {
				signal: AbortSignal.timeout(2_000),
			});
			// n8n 1.x answers readiness before it mounts its REST API: wait for the settings the editor loads first.
			if (res.status === 200 && (await answers(`${server.baseUrl}/rest/settings`))) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	const tail = server.logs().split('\n').slice(-40).join('\n');
	throw new N8nServerError(
		`n8n did not become ready at ${server.baseUrl} (${exit ?? `timeout after ${timeoutMs} ms`}). Last output:\n${tail}`,
	);
}

/** Creates the owner account (`POST /rest/owner/setup`, only possible once per instance). */
export async function setupOwner(
	server: N8nServer,
	owner: OwnerAccount = E2E_OWNER,
): Promise<void> {
	const client = new N8nRestClient(server.baseUrl);
	await client.post('/rest/owner/setup', {
		email: owner.email,
		firstName: owner.firstName,
		lastName: owner.lastName,
		password: owner.password,
	});
}

/** Sets up the owner and returns a REST client logged in as the owner. */
export async function ownerClient(
	server: N8nServer,
	owner: OwnerAccount = E2E_OWNER,
): Promise<N8nRestClient> {
	await setupOwner(server, owner);
	const client = new N8nRestClient(server.baseUrl);
	await client.login(owner.email, owner.password);
	return client;
}
