/**
 * npm run emulator -- --port 8787 [--host 127.0.0.1] [--latency ms] [--jitter ms] [--rate-limit N --rate-window-seconds S]
 *   [--no-rate-limit] [--token-lifetime s] [--seed file] [--require-scope flow:execute] [--duration-scale x]
 *   [--knobs '{"tokenScopePolicy":"grant-allowed"}']
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './index';
import type { EmulatorKnobsPatch } from './types';

const USAGE = `Usage: node --import tsx emulator/cli.ts [options]
  --port <p>                  port (default 8787; 0 = random)
  --host <h>                  interface (default 127.0.0.1)
  --latency <ms>              latency added to every response
  --jitter <ms>               random extra latency 0..ms
  --rate-limit <n>            requests per window per token (default 300)
  --rate-window-seconds <s>   window length (default 60)
  --no-rate-limit             disable rate limiting
  --token-lifetime <s>        expires_in of issued tokens (default 86400)
  --seed <file>               seed JSON replacing emulator/seed/defaultSeed.json
  --require-scope <scope>     refuse launches whose token lacks this scope (e.g. flow:execute)
  --duration-scale <x>        multiply seeded execution durations (0 = finish immediately)
  --knobs <json>              any other knobs, as JSON (see docs/emulator.md)`;

function number(name: string, raw: string | undefined): number | undefined {
	if (raw === undefined) return undefined;
	const n = Number(raw);
	if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got '${raw}'`);
	return n;
}

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '8787' },
			host: { type: 'string', default: '127.0.0.1' },
			latency: { type: 'string' },
			jitter: { type: 'string' },
			'rate-limit': { type: 'string' },
			'rate-window-seconds': { type: 'string' },
			'no-rate-limit': { type: 'boolean' },
			'token-lifetime': { type: 'string' },
			seed: { type: 'string' },
			'require-scope': { type: 'string' },
			'duration-scale': { type: 'string' },
			knobs: { type: 'string' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(USAGE);
		return;
	}
	const knobs: EmulatorKnobsPatch = values.knobs ? JSON.parse(values.knobs) : {};
	const latency = number('latency', values.latency);
	if (latency !== undefined) knobs.latencyMs = latency;
	const jitter = number('jitter', values.jitter);
	if (jitter !== undefined) knobs.jitterMs = jitter;
	const requests = number('rate-limit', values['rate-limit']);
	const window = number('rate-window-seconds', values['rate-window-seconds']);
	if (requests !== undefined || window !== undefined)
		knobs.rateLimit = { requests: requests ?? 300, windowSeconds: window ?? 60 };
	if (values['no-rate-limit']) knobs.rateLimit = null;
	const lifetime = number('token-lifetime', values['token-lifetime']);
	if (lifetime !== undefined) knobs.tokenLifetimeSeconds = lifetime;
	if (values['require-scope']) knobs.requireScope = values['require-scope'];
	const scale = number('duration-scale', values['duration-scale']);
	if (scale !== undefined) knobs.executionDurationScale = scale;

	const emulator = await startEmulator({
		port: number('port', values.port),
		host: values.host,
		seedFile: values.seed,
		knobs,
	});
	console.log(`Genesys Cloud emulator listening on ${emulator.url}`);
	console.log(
		`  demo client: demo-client / demo-secret   knobs: GET ${emulator.url}/__emulator/config`,
	);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`Received ${signal}, stopping the emulator.`);
		emulator.close().then(
			() => process.exit(0),
			() => process.exit(1),
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
	console.error(`Genesys Cloud emulator failed to start: ${error.message}`);
	process.exit(1);
});
