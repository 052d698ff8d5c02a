/**
 * Load test of the Genesys Cloud emulator: is it fast enough never to be a benchmark's bottleneck?
 * Starts the emulator in a child process (its own core) unless --url is given, gets a token, then runs
 * GET /api/v2/flows/{id} and launch phases with N concurrent keep-alive connections, each bounded by time and count.
 *
 *   node --import tsx scripts/emulatorLoad.ts [--concurrency 32] [--seconds 5] [--max-requests 100000]
 *     [--phases get,launch,poll] [--no-validate] [--url http://127.0.0.1:8787]
 * Loopback only. Rate limiting is switched off in the emulator it starts (set it off yourself with --url).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(__dirname, '..');
const DEMO_FLOW = 'e0ae0000-0000-4000-8000-00000000000b';
const NO_INPUTS_FLOW = 'e0ae0000-0000-4000-8000-000000000002';

interface PhaseResult {
	phase: string;
	/** Requests per second of emulator CPU time (child process only): independent of other load on the machine. */
	perCpuSecond?: number;
	requests: number;
	errors: number;
	seconds: number;
	rps: number;
	p50: number;
	p99: number;
}

function request(
	agent: http.Agent,
	base: URL,
	method: string,
	pathname: string,
	headers: Record<string, string>,
	body?: string,
) {
	return new Promise<{ status: number; body: string }>((resolve, reject) => {
		const req = http.request(
			{
				host: base.hostname,
				port: base.port,
				method,
				path: pathname,
				agent,
				headers: body
					? {
							...headers,
							'Content-Type': 'application/json',
							'Content-Length': Buffer.byteLength(body),
						}
					: headers,
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
				);
			},
		);
		req.on('error', reject);
		req.end(body);
	});
}

async function startChild(validate: boolean): Promise<{ url: string; child: ChildProcess }> {
	const knobs = JSON.stringify({ validateResponses: validate, executionDurationScale: 0 });
	const child = spawn(
		process.execPath,
		[
			'--import',
			'tsx',
			path.join(ROOT, 'emulator/cli.ts'),
			'--port',
			'0',
			'--no-rate-limit',
			'--knobs',
			knobs,
		],
		{
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		child.stdout!.on('data', (d: Buffer) => {
			out += d.toString();
			const m = /listening on (http:\/\/\S+)/.exec(out);
			if (m) resolve(m[1]);
		});
		child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
		setTimeout(() => reject(new Error('emulator did not start within 20 s')), 20_000).unref();
	});
	return { url, child };
}

/** utime + stime of a process in seconds (Linux /proc; undefined elsewhere). */
function cpuSeconds(pid: number | undefined): number | undefined {
	if (pid === undefined) return undefined;
	try {
		const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return (Number(fields[11]) + Number(fields[12])) / 100;
	} catch {
		return undefined;
	}
}

async function phase(
	name: string,
	concurrency: number,
	seconds: number,
	maxRequests: number,
	send: (i: number) => Promise<{ status: number }>,
): Promise<PhaseResult> {
	let issued = 0;
	let errors = 0;
	const latencies: number[] = [];
	const deadline = Date.now() + seconds * 1000;
	const started = process.hrtime.bigint();
	const worker = async () => {
		while (issued < maxRequests && Date.now() < deadline) {
			const i = issued++;
			const t0 = process.hrtime.bigint();
			try {
				const res = await send(i);
				if (res.status >= 400) errors++;
			} catch {
				errors++;
			}
			latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
		}
	};
	await Promise.all(Array.from({ length: concurrency }, worker));
	const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
	latencies.sort((a, b) => a - b);
	const pct = (p: number) =>
		latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
	return {
		phase: name,
		requests: latencies.length,
		errors,
		seconds: elapsed,
		rps: latencies.length / elapsed,
		p50: pct(0.5),
		p99: pct(0.99),
	};
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			url: { type: 'string' },
			concurrency: { type: 'string', default: '32' },
			seconds: { type: 'string', default: '5' },
			'max-requests': { type: 'string', default: '100000' },
			phases: { type: 'string', default: 'get,launch,poll' },
			'no-validate': { type: 'boolean', default: false },
		},
	});
	const concurrency = Math.max(1, Math.min(256, Number(values.concurrency)));
	const seconds = Math.max(0.5, Math.min(60, Number(values.seconds)));
	const maxRequests = Math.max(1, Math.min(1_000_000, Number(values['max-requests'])));

	const started = values.url ? undefined : await startChild(!values['no-validate']);
	const base = new URL(values.url ?? started!.url);
	if (!['127.0.0.1', 'localhost', '[::1]'].includes(base.hostname))
		throw new Error('Loopback targets only.');
	const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

	try {
		const basic = Buffer.from('demo-client:demo-secret').toString('base64');
		const tokenRes = await new Promise<{ status: number; body: string }>((resolve, reject) => {
			const body = 'grant_type=client_credentials';
			const req = http.request(
				{
					host: base.hostname,
					port: base.port,
					method: 'POST',
					path: '/oauth/token',
					agent,
					headers: {
						Authorization: `Basic ${basic}`,
						'Content-Type': 'application/x-www-form-urlencoded',
						'Content-Length': body.length,
					},
				},
				(res) => {
					let s = '';
					res.on('data', (d) => (s += d));
					res.on('end', () => resolve({ status: res.statusCode ?? 0, body: s }));
				},
			);
			req.on('error', reject);
			req.end(body);
		});
		if (tokenRes.status !== 200)
			throw new Error(`token request failed: ${tokenRes.status} ${tokenRes.body}`);
		const auth = {
			Authorization: `Bearer ${(JSON.parse(tokenRes.body) as { access_token: string }).access_token}`,
		};

		// Warm-up (JIT, sockets), not reported.
		await phase('warm-up', concurrency, 1, 20_000, () =>
			request(agent, base, 'GET', `/api/v2/flows/${DEMO_FLOW}`, auth),
		);
		const results: PhaseResult[] = [];
		const executionIds: string[] = [];
		const measured = async (run: () => Promise<PhaseResult>) => {
			const cpu0 = cpuSeconds(started?.child.pid);
			const result = await run();
			const cpu1 = cpuSeconds(started?.child.pid);
			if (cpu0 !== undefined && cpu1 !== undefined && cpu1 > cpu0)
				result.perCpuSecond = result.requests / (cpu1 - cpu0);
			results.push(result);
		};
		for (const name of values.phases.split(',')) {
			if (name === 'get')
				await measured(() =>
					phase('GET /api/v2/flows/{id}', concurrency, seconds, maxRequests, () =>
						request(agent, base, 'GET', `/api/v2/flows/${DEMO_FLOW}`, auth),
					),
				);
			else if (name === 'launch')
				await measured(() =>
					phase('POST /api/v2/flows/executions', concurrency, seconds, maxRequests, async (i) => {
						const body =
							i % 2
								? JSON.stringify({ flowId: NO_INPUTS_FLOW, name: `load ${i}`, inputData: {} })
								: JSON.stringify({
										flowId: DEMO_FLOW,
										name: `load ${i}`,
										inputData: {
											'Flow.customerId': `c${i}`,
											'Flow.customerName': 'Load',
											'Flow.priority': i % 5,
											'Flow.tags': ['a', 'b'],
										},
									});
						const res = await request(agent, base, 'POST', '/api/v2/flows/executions', auth, body);
						if (res.status === 200 && executionIds.length < 10_000)
							executionIds.push((JSON.parse(res.body) as { id: string }).id);
						return res;
					}),
				);
			else if (name === 'poll' && executionIds.length)
				await measured(() =>
					phase('GET /api/v2/flows/executions/{id}', concurrency, seconds, maxRequests, (i) =>
						request(
							agent,
							base,
							'GET',
							`/api/v2/flows/executions/${executionIds[i % executionIds.length]}`,
							auth,
						),
					),
				);
		}
		console.log(
			`Emulator load test: ${base.origin}, concurrency ${concurrency}, up to ${seconds} s / ${maxRequests} requests per phase, response validation ${values['no-validate'] ? 'off' : 'on'}`,
		);
		for (const r of results)
			console.log(
				`  ${r.phase.padEnd(36)} ${String(r.requests).padStart(7)} req in ${r.seconds.toFixed(2)} s = ${Math.round(r.rps).toString().padStart(6)} req/s  errors ${r.errors}  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms${r.perCpuSecond ? `  (${Math.round(r.perCpuSecond)} req per emulator CPU-second)` : ''}`,
			);
	} finally {
		agent.destroy();
		started?.child.kill('SIGTERM');
	}
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exit(1);
});
