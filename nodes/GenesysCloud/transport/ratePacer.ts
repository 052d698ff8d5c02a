import { sleep } from 'n8n-workflow';

/**
 * Paces every request of one node run to the API's rate limit. A 429 pauses the whole run for its
 * Retry-After (rather than letting each request hammer on), and the `inin-ratelimit-*` headers of ordinary
 * answers pause it before the limit is reached, so most runs never see a 429.
 */
export class RatePacer {
	private pausedUntil = 0;

	private inFlight = 0;

	/**
	 * When the current rate-limit window ends. `inin-ratelimit-reset` is whole seconds rounded up, so one
	 * answer can overshoot by up to a second; the earliest end any answer of the window implies is the closest.
	 */
	private windowEnd = 0;

	/** Waits until the run may send, then counts the request as in flight until `release`. */
	async acquire(signal?: AbortSignal): Promise<void> {
		for (;;) {
			const wait = this.pausedUntil - Date.now();
			if (wait <= 0) break;
			await sleep(wait, signal);
		}
		this.inFlight++;
	}

	release(headers: Record<string, string>): void {
		this.inFlight = Math.max(this.inFlight - 1, 0);
		const allowed = Number(headers['inin-ratelimit-allowed']);
		const count = Number(headers['inin-ratelimit-count']);
		const resetSeconds = Number(headers['inin-ratelimit-reset']);
		if (![allowed, count, resetSeconds].every(Number.isFinite) || allowed <= 0) return;
		const now = Date.now();
		const impliedEnd = now + resetSeconds * 1000;
		this.windowEnd = now >= this.windowEnd ? impliedEnd : Math.min(this.windowEnd, impliedEnd);
		// Requests already on the wire will spend the rest of the window: stop sending until it resets.
		if (allowed - count <= this.inFlight) this.pauseUntil(this.windowEnd + 20);
	}

	/** After a 429: nobody sends until Retry-After has passed (plus jitter, so requests do not stampede). */
	rateLimited(retryAfterMs: number): number {
		const wait = retryAfterMs + Math.random() * 250;
		this.pauseUntil(Date.now() + wait);
		return wait;
	}

	private pauseUntil(time: number): void {
		this.pausedUntil = Math.max(this.pausedUntil, time);
	}
}
