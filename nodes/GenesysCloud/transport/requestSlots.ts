/**
 * At most `limit` requests of a run on the wire at once, granted first come, first served so requests go out
 * in item order. Items themselves are not limited by it: an item that sleeps (a poll interval, a Retry-After)
 * holds no slot, so many executions can be waited for at once.
 */
export class RequestSlots {
	private free: number;

	private readonly queue: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

	private haltedWith: Error | undefined;

	constructor(limit: number) {
		this.free = Math.max(1, Math.floor(limit));
	}

	async acquire(): Promise<void> {
		if (this.haltedWith) throw this.haltedWith;
		if (this.free > 0) {
			this.free--;
			return;
		}
		await new Promise<void>((resolve, reject) => this.queue.push({ resolve, reject }));
	}

	release(): void {
		const next = this.queue.shift();
		if (next) next.resolve();
		else this.free++;
	}

	/** Refuses every waiting and future request with `error`; requests on the wire finish normally. */
	halt(error: Error): void {
		this.haltedWith = error;
		for (const waiter of this.queue.splice(0)) waiter.reject(error);
	}
}
