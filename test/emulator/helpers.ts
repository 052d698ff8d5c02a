/** Shared helpers of the emulator tests: every test talks to a real emulator over HTTP. */
import assert from 'node:assert/strict';
import * as http from 'node:http';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import {
	seedClients,
	startEmulator,
	type EmulatorOptions,
	type RunningEmulator,
} from '../../emulator';

export { seedIds, seedClients } from '../../emulator';

/** Keep-alive like real clients; also keeps the 10,000-launch test fast. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export async function start(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	return startEmulator({ port: 0, ...options });
}

/** A raw client: never throws on HTTP status. */
export function raw(emu: RunningEmulator): AxiosInstance {
	return axios.create({
		baseURL: emu.url,
		validateStatus: () => true,
		timeout: 10_000,
		httpAgent: agent,
	});
}

export function basic(clientId: string, clientSecret: string): string {
	return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
}

/** POST /oauth/token the way Genesys's SDKs do it. */
export function requestToken(
	emu: RunningEmulator,
	clientId: string,
	clientSecret: string,
	scope?: string,
): Promise<AxiosResponse> {
	const form = new URLSearchParams({ grant_type: 'client_credentials' });
	if (scope !== undefined) form.set('scope', scope);
	return raw(emu).post('/oauth/token', form.toString(), {
		headers: {
			Authorization: basic(clientId, clientSecret),
			'Content-Type': 'application/x-www-form-urlencoded',
		},
	});
}

export async function token(
	emu: RunningEmulator,
	client: keyof typeof seedClients = 'demo',
	scope?: string,
): Promise<string> {
	const { clientId, clientSecret } = seedClients[client];
	const res = await requestToken(emu, clientId, clientSecret, scope);
	assert.equal(res.status, 200, JSON.stringify(res.data));
	return res.data.access_token as string;
}

/** An API client holding a fresh token of `client`. */
export async function api(
	emu: RunningEmulator,
	client: keyof typeof seedClients = 'demo',
	scope?: string,
): Promise<AxiosInstance> {
	const t = await token(emu, client, scope);
	return axios.create({
		baseURL: emu.url,
		validateStatus: () => true,
		timeout: 10_000,
		httpAgent: agent,
		headers: { Authorization: `Bearer ${t}` },
	});
}

/** Asserts a Genesys error body: status, code, message snippets, and contextId === ININ-Correlation-Id. */
export function assertError(
	res: AxiosResponse,
	status: number,
	code: string,
	...snippets: (string | RegExp)[]
): void {
	assert.equal(
		res.status,
		status,
		`expected ${status}, got ${res.status}: ${JSON.stringify(res.data)}`,
	);
	assert.equal(res.data.code, code, JSON.stringify(res.data));
	assert.equal(res.data.status, status);
	const correlation = res.headers['inin-correlation-id'];
	assert.match(String(correlation), /^[0-9a-f-]{36}$/);
	assert.equal(res.data.contextId, correlation);
	for (const s of snippets) {
		if (typeof s === 'string')
			assert.ok(String(res.data.message).includes(s), `message lacks '${s}': ${res.data.message}`);
		else assert.match(String(res.data.message), s);
	}
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A bare keep-alive JSON POST, for tests that send thousands of requests (axios costs ~0.5 ms each). */
export function postJson(
	emu: RunningEmulator,
	path: string,
	bearer: string,
	body: unknown,
): Promise<{ status: number; data: { id: string } & Record<string, unknown> }> {
	const payload = JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${emu.url}${path}`,
			{
				method: 'POST',
				agent,
				headers: {
					Authorization: `Bearer ${bearer}`,
					'Content-Type': 'application/json',
					'Content-Length': Buffer.byteLength(payload),
				},
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (c: Buffer) => chunks.push(c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						data: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'),
					}),
				);
			},
		);
		req.on('error', reject);
		req.end(payload);
	});
}
