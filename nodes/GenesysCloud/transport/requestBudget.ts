import { sleep } from 'n8n-workflow';

/**
 * The node's own request budget for one Genesys Cloud token. Genesys stopped sending rate-limit headers in
 * 2021, so a client learns of the limit only from a 429: pacing has to come from the known figure (300 per
 * minute per client-credentials token by default). Requests are let out one at a time at an even rate — never
 * in bursts, which a fixed window on the server would punish at the window's edge — and a 429 is the
 * correction: everyone waits its Retry-After and the rate drops, then creeps back up while no 429 comes.
 *
 * One budget is shared by every request that uses the same credential in this n8n process (all items, nodes
 * and executions at once), because Genesys counts the token's requests together.
 */

/** Sent at this share of the configured rate: the network's jitter must not push a request into a full window. */
export const HEADROOM = 0.98;
/** After a 429 the rate is multiplied by this. */
export const DECREASE = 0.8;
/** The rate never drops below this share of the configured one. */
export const FLOOR = 0.1;
/** Each minute without a 429 gives back this share of the configured rate. */
export const RECOVERY_PER_MINUTE = 0.05;

const MINUTE_MS = 60_000;

interface Waiter {
	resolve: () => void;
	reject: (error: unknown) => void;
	signal?: AbortSignal;
	onAbort?: () => void;
}

export class RequestBudget {
	/** The user's Requests per Minute (the newest run's figure, when runs disagree). */
	private configured: number;

	/** The rate in force, ≤ configured: lowered by 429s, recovering over time. */
	private current: number;

	private nextAt = 0;

	private pausedUntil = 0;

	private lastAdjustedAt = 0;

	/** Requests let out since the last 429's pause began. */
	private sentSincePause = 0;

	private readonly queue: Waiter[] = [];

	private pumping = false;

	constructor(
		requestsPerMinute: number,
		private readonly now: () => number = Date.now,
	) {
		this.configured = positive(requestsPerMinute);
		this.current = this.configured;
	}

	get ratePerMinute(): number {
		this.recover(this.now());
		return this.current;
	}

	/** Applies a run's Requests per Minute; what 429s taught (the share of the figure the org allows) carries over. */
	configure(requestsPerMinute: number): void {
		const next = positive(requestsPerMinute);
		if (next === this.configured) return;
		this.recover(this.now());
		this.current = next * (this.current / this.configured);
		this.configured = next;
	}

	/** Milliseconds between two requests at the rate in force. */
	intervalMs(now = this.now()): number {
		this.recover(now);
		return MINUTE_MS / (this.current * HEADROOM);
	}

	/** Resolves when this request may be sent; requests go first come, first served, one interval apart. */
	async acquire(signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw signal.reason;
		await new Promise<void>((resolve, reject) => {
			const waiter: Waiter = { resolve, reject, signal };
			if (signal) {
				waiter.onAbort = () => {
					const index = this.queue.indexOf(waiter);
					if (index >= 0) this.queue.splice(index, 1);
					reject(signal.reason);
				};
				signal.addEventListener('abort', waiter.onAbort, { once: true });
			}
			this.queue.push(waiter);
			void this.pump();
		});
	}

	/**
	 * After a 429: nobody on this budget sends until Retry-After has passed (plus jitter), and the rate drops —
	 * once per pause, since the other requests already on the wire meet the same full window, and only when
	 * more than one request went out since the last pause (a lone first request meeting a window not yet reset
	 * says nothing about the rate). Returns the wait.
	 */
	rateLimited(retryAfterMs: number): number {
		const now = this.now();
		const wait = retryAfterMs + Math.random() * 250;
		if (now >= this.pausedUntil && this.sentSincePause > 1) {
			this.recover(now);
			this.current = Math.max(this.current * DECREASE, this.configured * FLOOR);
			this.lastAdjustedAt = now;
		}
		if (now >= this.pausedUntil) this.sentSincePause = 0;
		this.pausedUntil = Math.max(this.pausedUntil, now + wait);
		// The window the 429 came from is over when the pause ends: start again at the rate, not with a backlog.
		this.nextAt = Math.max(this.nextAt, this.pausedUntil);
		return wait;
	}

	/** When the next request would be let out (for tests and the scheduler of polls). */
	nextSendAt(): number {
		return Math.max(this.nextAt, this.pausedUntil, this.now());
	}

	private recover(now: number): void {
		if (this.current >= this.configured) return;
		if (this.lastAdjustedAt === 0) this.lastAdjustedAt = now;
		const gained =
			((now - this.lastAdjustedAt) / MINUTE_MS) * RECOVERY_PER_MINUTE * this.configured;
		if (gained <= 0) return;
		this.current = Math.min(this.configured, this.current + gained);
		this.lastAdjustedAt = now;
	}

	/** Lets the queue out one request per interval; runs only while someone waits. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.queue.length > 0) {
				const now = this.now();
				const wait = Math.max(this.nextAt, this.pausedUntil) - now;
				// Timers cannot wait less than a millisecond: at rates above 1,000 per second, sleeping for less
				// would cap the rate there instead of letting the request go a fraction of a millisecond early.
				if (wait >= 1) {
					await sleep(wait);
					continue;
				}
				const waiter = this.queue.shift() as Waiter;
				if (waiter.onAbort) waiter.signal?.removeEventListener('abort', waiter.onAbort);
				// Timers wake late: counting from the planned time keeps the rate, but an idle budget banks at most
				// half an interval, so it never lets out a burst.
				const interval = this.intervalMs(now);
				this.nextAt = (this.nextAt >= now - interval / 2 ? this.nextAt : now) + interval;
				this.sentSincePause++;
				waiter.resolve();
			}
		} finally {
			this.pumping = false;
		}
	}
}

function positive(value: number): number {
	return Number.isFinite(value) && value > 0 ? value : 300;
}

// Module-level, like tokenClient's maps: every execution in this process that uses the same credential
// finds the same budget.
const budgets = new Map<string, RequestBudget>();

/** The budget of one credential identity (a hash, never the secret itself), created on first use. */
export function budgetFor(key: string, requestsPerMinute: number): RequestBudget {
	let budget = budgets.get(key);
	if (!budget) {
		budget = new RequestBudget(requestsPerMinute);
		budgets.set(key, budget);
	} else {
		budget.configure(requestsPerMinute);
	}
	return budget;
}
