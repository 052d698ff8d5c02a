/**
 * Runs `work(index)` for every index in [0, count) with at most `limit` running at once, starting them in
 * index order. `shouldStop` lets a failure stop new work from starting while running work finishes.
 */
export async function forEachConcurrently(
	count: number,
	limit: number,
	work: (index: number) => Promise<void>,
	shouldStop: () => boolean = () => false,
): Promise<void> {
	let next = 0;
	const worker = async () => {
		while (next < count && !shouldStop()) {
			const index = next++;
			await work(index);
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
}
