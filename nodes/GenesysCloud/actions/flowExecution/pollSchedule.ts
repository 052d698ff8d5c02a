/**
 * When to look at a waited execution first. Every poll spends the credential's request budget, so a run that
 * waits for many executions of one flow learns from the ones that already finished: their durations
 * (dateCompleted − dateLaunched, as Genesys reports them) tell when the others will likely be done. The first
 * poll goes just after the longest duration seen recently, so most executions cost one poll; before anything
 * is known, it goes after the Poll Interval as before.
 */

/** Durations kept per flow: recent enough to follow a flow that changed, enough to see its slow runs. */
const KEPT = 50;
/** Polls a little after the longest duration seen: clocks and the network add some. */
const MARGIN = 1.1;
const MARGIN_MIN_MS = 100;

// Module-level, like the request budget: every run of the process waiting for the same flow learns together.
const durations = new Map<string, number[]>();

export function flowKey(apiBaseUrl: string, flowId: string): string {
	return `${apiBaseUrl}\n${flowId}`;
}

/** Records how long a finished execution ran, when Genesys said. */
export function recordDuration(key: string, dateLaunched?: string, dateCompleted?: string): void {
	const ms = Date.parse(dateCompleted ?? '') - Date.parse(dateLaunched ?? '');
	if (!Number.isFinite(ms) || ms < 0) return;
	let kept = durations.get(key);
	if (!kept) durations.set(key, (kept = []));
	kept.push(ms);
	if (kept.length > KEPT) kept.splice(0, kept.length - KEPT);
}

/** The delay before the first poll of a new execution: learned when possible, else the Poll Interval. */
export function firstPollDelay(key: string, pollIntervalMs: number): number {
	const kept = durations.get(key);
	if (!kept?.length) return pollIntervalMs;
	const longest = Math.max(...kept);
	return Math.max(longest * MARGIN, longest + MARGIN_MIN_MS);
}

export interface WaitSettings {
	timeoutMs: number;
	pollIntervalMs: number;
}

/** Polls stay at the chosen interval while a flow is young, then back off, so long runs cost few requests. */
const BACKOFF_AFTER_MS = 30_000;
const MAX_POLL_INTERVAL_MS = 30_000;

export function nextPollDelay(settings: WaitSettings, elapsedMs: number): number {
	if (elapsedMs < BACKOFF_AFTER_MS) return settings.pollIntervalMs;
	const grown =
		settings.pollIntervalMs *
		1.5 ** Math.floor((elapsedMs - BACKOFF_AFTER_MS) / BACKOFF_AFTER_MS + 1);
	return Math.min(
		Math.max(grown, settings.pollIntervalMs),
		Math.max(MAX_POLL_INTERVAL_MS, settings.pollIntervalMs),
	);
}
