import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import axios from 'axios';

const ROOT = path.resolve(__dirname, '..', '..');

describe('emulator: CLI', () => {
	it('starts with options, prints the URL, applies the knobs and stops cleanly on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			[
				'--import',
				'tsx',
				'emulator/cli.ts',
				'--port',
				'0',
				'--latency',
				'5',
				'--rate-limit',
				'7',
				'--rate-window-seconds',
				'2',
				'--token-lifetime',
				'600',
				'--require-scope',
				'flow:execute',
			],
			{ cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.stderr.on('data', (d: Buffer) => (out += d.toString()));
		const exited = new Promise<number | null>((resolve) =>
			child.once('exit', (code) => resolve(code)),
		);
		try {
			const url = await new Promise<string>((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
				child.stdout.on('data', () => {
					const m = /^Genesys Cloud emulator listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
					if (m) {
						clearTimeout(timer);
						resolve(m[1]);
					}
				});
			});
			const knobs = (await axios.get(`${url}/__emulator/config`)).data;
			assert.equal(knobs.latencyMs, 5);
			assert.deepEqual(knobs.rateLimit, { requests: 7, windowSeconds: 2 });
			assert.equal(knobs.tokenLifetimeSeconds, 600);
			assert.equal(knobs.requireScope, 'flow:execute');
			const token = await axios.post(`${url}/oauth/token`, 'grant_type=client_credentials', {
				auth: { username: 'demo-client', password: 'demo-secret' },
			});
			assert.equal(token.data.expires_in, 600);
		} finally {
			child.kill('SIGTERM');
		}
		assert.equal(await exited, 0, out);
		assert.match(out, /Received SIGTERM/);
	});
});
