/**
 * The emulator for the benchmark, in its own process: it must never share an event loop (or a core's time
 * slice) with the node being measured, or the node's figures would include the server's work. The benchmark
 * talks to it only over HTTP, through its /__emulator admin endpoints (docs/emulator.md).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import axios, { type AxiosInstance } from 'axios';

import { seedClients } from '../../emulator/seed/ids';
import type { EmulatorKnobsPatch, EmulatorStats } from '../../emulator/types';

const ROOT = path.resolve(__dirname, '..', '..');

/** What GET /__emulator/executions lists per execution (only the fields the benchmark reads). */
export interface ExecutionRecord {
	id: string;
	name?: string;
	status: string;
	dateLaunched: string;
}

export class EmulatorProcess {
	private readonly admin: AxiosInstance;

	private constructor(
		readonly url: string,
		private readonly child: ChildProcess,
	) {
		// No keep-alive trouble and no proxy: loopback admin calls only.
		this.admin = axios.create({ baseURL: `${url}/__emulator`, proxy: false, timeout: 30_000 });
	}

	/**
	 * Starts `emulator/cli.ts` on a free port with the benchmark's baseline: no rate limit (each scenario sets
	 * its own) and response validation off (checking every body against the JSON Schemas costs the emulator
	 * CPU that would slow the runs being measured; the contract is the tests' business).
	 */
	static async start(): Promise<EmulatorProcess> {
		const knobs = JSON.stringify({ validateResponses: false });
		const child = spawn(
			process.execPath,
			[
				'--import',
				'tsx',
				path.join(ROOT, 'emulator', 'cli.ts'),
				'--port',
				'0',
				'--no-rate-limit',
				'--knobs',
				knobs,
			],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
		);
		const url = await new Promise<string>((resolve, reject) => {
			let out = '';
			const timer = setTimeout(
				() => reject(new Error('the emulator did not start within 30 s')),
				30_000,
			);
			child.stdout!.on('data', (chunk: Buffer) => {
				out += chunk.toString();
				const match = /listening on (http:\/\/\S+)/.exec(out);
				if (match) {
					clearTimeout(timer);
					resolve(match[1]);
				}
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`the emulator exited with code ${code} before listening`));
			});
		});
		child.stdout!.resume();
		return new EmulatorProcess(url, child);
	}

	/** Forgets executions, tokens and stats, back to the start-up knobs, then applies the scenario's knobs. */
	async prepare(knobs: EmulatorKnobsPatch): Promise<void> {
		await this.admin.post('/reset');
		await this.admin.post('/config', knobs);
	}

	async stats(): Promise<EmulatorStats> {
		return (await this.admin.get<EmulatorStats>('/stats')).data;
	}

	async executions(): Promise<ExecutionRecord[]> {
		return (await this.admin.get<ExecutionRecord[]>('/executions', { maxContentLength: Infinity }))
			.data;
	}

	async expireTokens(): Promise<number> {
		return (await this.admin.post<{ expired: number }>('/tokens/expire')).data.expired;
	}

	/**
	 * The one token the HTTP Request variants use: fetched once by the benchmark, as a user would paste it into
	 * a Header Auth credential. It goes through /oauth/token, so the emulator counts it as a token request.
	 */
	async fetchToken(): Promise<string> {
		const { clientId, clientSecret } = seedClients.demo;
		const response = await axios.post<{ access_token: string }>(
			`${this.url}/oauth/token`,
			new URLSearchParams({ grant_type: 'client_credentials', scope: 'flow:execute' }).toString(),
			{
				auth: { username: clientId, password: clientSecret },
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				proxy: false,
			},
		);
		return response.data.access_token;
	}

	/** CPU seconds the emulator has used so far (Linux /proc), to show it was not the bottleneck. */
	cpuSeconds(): number | undefined {
		try {
			const stat = fs.readFileSync(`/proc/${this.child.pid}/stat`, 'utf8');
			const fields = stat.split(') ')[1].split(' ');
			return (Number(fields[11]) + Number(fields[12])) / 100;
		} catch {
			return undefined;
		}
	}

	async stop(): Promise<void> {
		if (this.child.exitCode !== null) return;
		const exited = new Promise((resolve) => this.child.once('exit', resolve));
		this.child.kill('SIGTERM');
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
		if (this.child.exitCode === null) this.child.kill('SIGKILL');
	}
}
