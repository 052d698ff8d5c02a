import type { HttpFailure } from './failure';

// Reasons and messages never carry raw network codes (ECONNRESET...): n8n replaces any error message that
// contains one with its own generic text, so codes go in descriptions.

/**
 * What to do after a failed call. The rule that keeps work from being done twice: a request its caller does not
 * declare idempotent is retried only when Genesys certainly did not process it.
 */
export type RetryDecision =
	| { action: 'waitRateLimit'; retryAfterMs: number }
	| { action: 'retry'; reason: string }
	| { action: 'renewToken' }
	| { action: 'ambiguous'; reason: string }
	| { action: 'fail' };

/** Network errors raised before any byte of the request reached the server. */
const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

/** 503 is answered by Genesys's gateway when the service did not take the request: nothing started. */
const NOT_PROCESSED_STATUSES = new Set([503]);

/** Answers after which an idempotent request is retried; for any other they are ambiguous (it may have taken effect). */
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);

export const DEFAULT_RETRY_AFTER_MS = 3000;

export function retryAfterMs(failure: HttpFailure): number {
	const header = failure.headers['retry-after'];
	const seconds = Number(header);
	if (header !== undefined && Number.isFinite(seconds) && seconds >= 0)
		return Math.max(seconds, 0.05) * 1000;
	const date = header ? Date.parse(header) : NaN;
	if (Number.isFinite(date)) return Math.max(date - Date.now(), 50);
	return DEFAULT_RETRY_AFTER_MS;
}

export function decide(failure: HttpFailure, idempotent: boolean): RetryDecision {
	if (failure.cancelled || failure.tokenError) return { action: 'fail' };
	const { status, networkCode } = failure;
	if (status === 429) return { action: 'waitRateLimit', retryAfterMs: retryAfterMs(failure) };
	// n8n renews the token once per request after a 401; a second 401 can mean a concurrent renewal
	// replaced the token this request was given, so one more attempt with the stored token is safe.
	if (status === 401) return { action: 'renewToken' };
	if (status !== undefined) {
		if (!TRANSIENT_STATUSES.has(status)) return { action: 'fail' };
		if (idempotent || NOT_PROCESSED_STATUSES.has(status))
			return { action: 'retry', reason: `HTTP ${status}` };
		return { action: 'ambiguous', reason: `Genesys Cloud answered ${status}` };
	}
	if (networkCode) {
		if (idempotent || NOT_SENT_CODES.has(networkCode))
			return { action: 'retry', reason: networkCode };
		return { action: 'ambiguous', reason: 'the connection dropped after the request was sent' };
	}
	return { action: 'fail' };
}

/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s, ... capped at 8 s. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
	const ceiling = Math.min(500 * 2 ** Math.max(attempt - 1, 0), 8000);
	return ceiling / 2 + random() * (ceiling / 2);
}
