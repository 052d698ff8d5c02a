/**
 * Fixed-window rate limiting, the model behind Genesys's inin-ratelimit-* headers: a window opens on the first
 * request, counts up to the limit, and resets when its time is over.
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
	if (window.count >= limit.requests) return { allowed: false, count: window.count, limit: limit.requests, resetInMs };
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
