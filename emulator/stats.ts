/** Counters behind GET /__emulator/stats. Counts are exact; only the token request log is bounded. */
import type { EmulatorStats, TokenRequestRecord } from './types';

const TOKEN_LOG_LIMIT = 1000;

export class Stats {
	private data: EmulatorStats = Stats.empty();

	static empty(): EmulatorStats {
		return {
			tokensIssued: 0,
			tokenRequestsTotal: 0,
			tokenRequests: [],
			requests: {},
			launches: {},
			launchesTotal: 0,
			rateLimited: 0,
			duplicateLaunches: 0,
			resetsInjected: 0,
			faultsInjected: 0,
			contractViolations: 0,
		};
	}

	reset(): void {
		this.data = Stats.empty();
	}

	request(route: string, status: number | 'reset'): void {
		const perRoute = (this.data.requests[route] ??= {});
		perRoute[status] = (perRoute[status] ?? 0) + 1;
		if (status === 429) this.data.rateLimited++;
	}

	tokenRequest(record: TokenRequestRecord): void {
		this.data.tokenRequestsTotal++;
		if (record.status === 200) this.data.tokensIssued++;
		this.data.tokenRequests.push(record);
		if (this.data.tokenRequests.length > TOKEN_LOG_LIMIT)
			this.data.tokenRequests.splice(0, this.data.tokenRequests.length - TOKEN_LOG_LIMIT);
	}

	launch(flowId: string, duplicate: boolean): void {
		this.data.launches[flowId] = (this.data.launches[flowId] ?? 0) + 1;
		this.data.launchesTotal++;
		if (duplicate) this.data.duplicateLaunches++;
	}

	fault(isReset: boolean): void {
		this.data.faultsInjected++;
		if (isReset) this.data.resetsInjected++;
	}

	contractViolation(): void {
		this.data.contractViolations++;
	}

	/** A deep copy: callers may keep it while the emulator keeps counting. */
	snapshot(): EmulatorStats {
		return structuredClone(this.data);
	}
}
