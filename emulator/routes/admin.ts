/**
 * The emulator's own endpoints under /__emulator/ (never under /api, so a client can't hit them by accident):
 * knobs, token expiry, stats, reset, received launches, terminating executions.
 */
import type { Reply, RequestContext } from '../context';
import { ApiError, notFound } from '../errors';
import { KnobError } from '../knobs';
import { viewExecution } from './executions';

export function adminRoute(ctx: RequestContext): Reply {
	const { state, method, now } = ctx;
	const path = ctx.path.slice('/__emulator'.length);
	const route = `${method} ${path}`;
	switch (route) {
		case 'GET /config':
			return { status: 200, body: state.knobs };
		case 'POST /config':
			try {
				return { status: 200, body: state.configure(json(ctx)) };
			} catch (error) {
				if (error instanceof KnobError) throw new ApiError(400, 'bad.request', error.message);
				throw error;
			}
		case 'POST /tokens/expire':
			return { status: 200, body: { expired: state.tokens.expireAll(now) } };
		case 'GET /stats':
			return { status: 200, body: state.stats.snapshot() };
		case 'POST /reset':
			state.reset();
			return { status: 200, body: { reset: true } };
		case 'GET /executions':
			return {
				status: 200,
				body: state.executions.all().map((e) => state.executions.record(e, now)),
			};
		case 'GET /launches':
			return { status: 200, body: state.launchAttempts };
		case 'GET /health':
			return { status: 200, body: { ok: true } };
	}
	const terminate = /^\/executions\/([^/]+)\/terminate$/.exec(path);
	if (terminate && method === 'POST') {
		const execution = state.executions.get(decodeURIComponent(terminate[1]));
		if (!execution) throw notFound('Flow execution', terminate[1]);
		if (!state.executions.terminate(execution, now))
			throw new ApiError(
				409,
				'conflict',
				`Execution ${execution.id} already ended (${state.executions.status(execution, now)}).`,
			);
		return { status: 200, body: viewExecution(state, execution, now) };
	}
	throw new ApiError(
		404,
		'not.found',
		`No emulator endpoint ${method} /__emulator${path}. See docs/emulator.md.`,
	);
}

function json(ctx: RequestContext): unknown {
	const text = ctx.body.toString('utf8');
	if (text.trim() === '') return {};
	try {
		return JSON.parse(text);
	} catch (error) {
		throw new ApiError(400, 'bad.request', `Body is not JSON: ${(error as Error).message}`);
	}
}
