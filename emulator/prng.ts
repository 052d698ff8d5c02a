/** Seeded PRNG (mulberry32): fault injection and random run durations are reproducible from `randomSeed`. */
export class Prng {
	private state: number;
	constructor(seed: number) {
		this.state = Math.floor(seed) >>> 0;
	}
	/** Uniform in [0, 1). */
	next(): number {
		this.state = (this.state + 0x6d2b79f5) >>> 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}
	/** True with probability p; p <= 0 never consumes randomness, so unrelated knobs do not shift the sequence. */
	chance(p: number | undefined): boolean {
		if (!p || p <= 0) return false;
		if (p >= 1) return true;
		return this.next() < p;
	}
}
