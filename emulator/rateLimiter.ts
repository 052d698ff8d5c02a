/**
 * Fixed-window rate limiting per access token: a window opens on the first request, counts up to the limit,
 * and resets when its time is over. Real Genesys stopped sending the inin-ratelimit-* headers in June 2021; the
 * rateLimitHeaders knob brings them back for gateways that still send them.
 */
import type { RateLimitKnob } from './types';

export interface FixedWindow {
	start: number;
	count: number;
}

export interface RateDecision {
	allowed: boolean;
	count: number;
	limit: number;
	/** Milliseconds until the window resets. */
	resetInMs: number;
}

/** Counts the request when it is allowed; a refused request does not consume quota. */
export function hit(window: FixedWindow, limit: RateLimitKnob, now: number): RateDecision {
	const length = limit.windowSeconds * 1000;
	if (now - window.start >= length) {
		window.start = now;
		window.count = 0;
	}
	const resetInMs = window.start + length - now;
	if (window.count >= limit.requests)
		return { allowed: false, count: window.count, limit: limit.requests, resetInMs };
	window.count++;
	return { allowed: true, count: window.count, limit: limit.requests, resetInMs };
}

/** Retry-After in whole seconds: rounded up, at least 1. */
export function retryAfterSeconds(decision: RateDecision): number {
	return Math.max(1, Math.ceil(decision.resetInMs / 1000));
}

export function rateLimitHeaders(decision: RateDecision): Record<string, string> {
	return {
		'inin-ratelimit-count': String(decision.count),
		'inin-ratelimit-allowed': String(decision.limit),
		'inin-ratelimit-reset': String(Math.max(0, Math.ceil(decision.resetInMs / 1000))),
	};
}

/** Per-key windows for limits not tied to a token (the optional per-client token endpoint limit). */
export class KeyedWindows {
	private readonly windows = new Map<string, FixedWindow>();
	get(key: string): FixedWindow {
		let w = this.windows.get(key);
		if (!w) this.windows.set(key, (w = { start: 0, count: 0 }));
		return w;
	}
	clear(): void {
		this.windows.clear();
	}
}

/** The normalised 429 body's message (reference, "Rate limits and retries"). */
export function rateLimitMessage(seconds: number): string {
	return `Rate limit exceeded the maximum. Retry the request in [${seconds}] seconds`;
}

/**
 * GET /api/v2/flows's graduated limit by page size (Genesys, since 2025-09-01): 25 → 12,000/min,
 * 100 → 3,000/min, 500 → 600/min. A page size between two tiers counts against the larger one.
 */
export function flowListTier(pageSize: number): { tier: string; limit: RateLimitKnob } {
	if (pageSize <= 25) return { tier: '25', limit: { requests: 12_000, windowSeconds: 60 } };
	if (pageSize <= 100) return { tier: '100', limit: { requests: 3_000, windowSeconds: 60 } };
	return { tier: '500', limit: { requests: 600, windowSeconds: 60 } };
}

// Per token (the token object itself), so tier windows vanish with their token.
const tierWindows = new WeakMap<object, Map<string, FixedWindow>>();

export function tierWindow(token: object, tier: string): FixedWindow {
	let windows = tierWindows.get(token);
	if (!windows) tierWindows.set(token, (windows = new Map()));
	let window = windows.get(tier);
	if (!window) windows.set(tier, (window = { start: 0, count: 0 }));
	return window;
}
