/**
 * The Genesys Cloud emulator's programmatic API: tests and the demo start it in-process.
 *   const emu = await startEmulator({ port: 0, knobs: { executionDurationScale: 0 } });
 *   ... point the client at emu.url (login and API on one origin) ...
 *   await emu.close();
 */
import type { AddressInfo } from 'node:net';
import { loadContract } from './contract';
import { defaultKnobs, mergeKnobs } from './knobs';
import { loadSeed } from './seed/loader';
import { EmulatorServer } from './server';
import { EmulatorState } from './state';
import type {
	EmulatorExecutionRecord,
	EmulatorKnobs,
	EmulatorKnobsPatch,
	EmulatorLaunchAttempt,
	EmulatorOptions,
	EmulatorStats,
} from './types';

export { seedIds, seedClients, bulkFlowId } from './seed/ids';
export { defaultKnobs } from './knobs';
/** The Architect definitions of the real schema dialect and the plain → real conversion the catalog uses. */
export { ARCH_DEFINITIONS, toRealSchema, type SchemaDialect } from './schemaDialect';
export type * from './types';

export interface RunningEmulator {
	/** e.g. http://127.0.0.1:43121 (login and API on the same origin). */
	url: string;
	port: number;
	/** Same as POST /__emulator/config: merges knobs; throws on an unknown knob or a bad value. */
	configure(knobs: EmulatorKnobsPatch): void;
	/** Same as GET /__emulator/config. */
	knobs(): EmulatorKnobs;
	/** Same as GET /__emulator/stats. */
	stats(): EmulatorStats;
	/** Every execution created (launches accepted), with inputData exactly as sent. */
	executions(): EmulatorExecutionRecord[];
	/** Every launch request that reached the launch handler, accepted or not (last 1000). */
	launchAttempts(): EmulatorLaunchAttempt[];
	/** Same as POST /__emulator/tokens/expire. */
	expireTokens(): void;
	/** Same as POST /__emulator/reset: clears executions, tokens, stats; knobs return to their start-up values. */
	reset(): void;
	/** Closes the server and every socket (keep-alive too) and clears pending timers. */
	close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	loadContract();
	const seed = loadSeed(options.seedFile);
	const state = new EmulatorState(seed, mergeKnobs(defaultKnobs(), options.knobs ?? {}));
	const server = new EmulatorServer(state);
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.http.once('error', reject);
		server.http.listen(options.port ?? 0, host, () => {
			server.http.off('error', reject);
			resolve();
		});
	});
	const port = (server.http.address() as AddressInfo).port;
	return {
		url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
		port,
		configure: (knobs) => void state.configure(knobs),
		knobs: () => structuredClone(state.knobs),
		stats: () => state.stats.snapshot(),
		executions: () => {
			const now = Date.now();
			return state.executions.all().map((e) => state.executions.record(e, now));
		},
		launchAttempts: () => structuredClone(state.launchAttempts),
		expireTokens: () => void state.tokens.expireAll(Date.now()),
		reset: () => state.reset(),
		close: () => server.close(),
	};
}
