/** Reads a request body up to a limit; past it the rest is drained (not buffered) and the body flagged too large. */
import type { IncomingMessage } from 'node:http';

const EMPTY = Buffer.alloc(0);

export function readBody(
	req: IncomingMessage,
	limit: number,
	done: (body: Buffer, tooLarge: boolean) => void,
): void {
	// GET requests without a body: answer in the same tick, the common case of every poll.
	if (
		req.headers['content-length'] === undefined &&
		req.headers['transfer-encoding'] === undefined
	) {
		done(EMPTY, false);
		return;
	}
	const chunks: Buffer[] = [];
	let size = 0;
	let tooLarge = false;
	req.on('data', (chunk: Buffer) => {
		size += chunk.length;
		if (size > limit) tooLarge = true;
		else chunks.push(chunk);
	});
	req.on('end', () => done(tooLarge ? EMPTY : Buffer.concat(chunks), tooLarge));
	req.on('error', () => {
		/* the client went away; nothing to answer */
	});
}
