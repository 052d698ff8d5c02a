/** Everything the emulator remembers between requests, and how reset() forgets it. */
import { ClientDirectory } from './auth/clients';
import { TokenStore } from './auth/tokens';
import { Catalog } from './catalog';
import { ExecutionEngine } from './executions';
import { mergeKnobs } from './knobs';
import { Prng } from './prng';
import { KeyedWindows } from './rateLimiter';
import type { LoadedSeed } from './seed/loader';
import { Stats } from './stats';
import type { EmulatorKnobs, EmulatorLaunchAttempt } from './types';

const LAUNCH_LOG_LIMIT = 1000;

export class EmulatorState {
	knobs: EmulatorKnobs;
	prng: Prng;
	readonly catalog: Catalog;
	readonly clients: ClientDirectory;
	readonly tokens = new TokenStore();
	readonly executions = new ExecutionEngine();
	readonly stats = new Stats();
	readonly tokenWindows = new KeyedWindows();
	launchAttempts: EmulatorLaunchAttempt[] = [];

	constructor(
		seed: LoadedSeed,
		/** Knobs at start-up (defaults + options): what reset() returns to. */
		private readonly startKnobs: EmulatorKnobs,
	) {
		this.catalog = new Catalog(seed);
		this.clients = new ClientDirectory(seed);
		this.knobs = structuredClone(startKnobs);
		this.prng = new Prng(this.knobs.randomSeed);
	}

	configure(patch: unknown): EmulatorKnobs {
		const next = mergeKnobs(this.knobs, patch);
		if (next.randomSeed !== this.knobs.randomSeed) this.prng = new Prng(next.randomSeed);
		this.knobs = next;
		return this.knobs;
	}

	recordLaunchAttempt(attempt: EmulatorLaunchAttempt): void {
		this.launchAttempts.push(attempt);
		if (this.launchAttempts.length > LAUNCH_LOG_LIMIT)
			this.launchAttempts.splice(0, this.launchAttempts.length - LAUNCH_LOG_LIMIT);
	}

	reset(): void {
		this.knobs = structuredClone(this.startKnobs);
		this.prng = new Prng(this.knobs.randomSeed);
		this.tokens.clear();
		this.executions.clear();
		this.stats.reset();
		this.tokenWindows.clear();
		this.launchAttempts = [];
	}
}
