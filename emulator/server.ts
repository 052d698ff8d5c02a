/**
 * The HTTP pipeline, in the order a real gateway applies it:
 *   route → injected fault (before) → body → bearer token (401) → rate limit (429) → permission (403) → handler
 *   → injected fault (after) → response validated against schemas/ → latency → write.
 * /__emulator/ requests skip faults, latency, rate limits and stats.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { hasPermission } from './auth/clients';
import type { Reply, RequestContext } from './context';
import { checkModel } from './contract';
import { ApiError, missingPermission, OAuthError } from './errors';
import { faultError, pickFault, type InjectedFault } from './faults';
import { readBody } from './httpBody';
import {
	flowListTier,
	hit,
	rateLimitHeaders,
	rateLimitMessage,
	retryAfterSeconds,
	tierWindow,
	type RateDecision,
} from './rateLimiter';
import { matchRoute, type RouteDef } from './router';
import { adminRoute } from './routes/admin';
import { MAX_BODY_BYTES } from './routes/executions';
import type { EmulatorState } from './state';

const ADMIN_PREFIX = '/__emulator/';

export class EmulatorServer {
	readonly http: http.Server;
	private readonly timers = new Set<NodeJS.Timeout>();

	constructor(private readonly state: EmulatorState) {
		this.http = http.createServer({ keepAliveTimeout: 10_000 }, (req, res) =>
			this.onRequest(req, res),
		);
		this.http.on('clientError', (_error, socket) => socket.destroy());
	}

	async close(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
		this.http.closeAllConnections();
		await closed;
	}

	private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
		const url = req.url ?? '/';
		const q = url.indexOf('?');
		let path = q < 0 ? url : url.slice(0, q);
		if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
		const ctx: RequestContext = {
			state: this.state,
			correlationId: randomUUID(),
			method: req.method ?? 'GET',
			path,
			query: new URLSearchParams(q < 0 ? '' : url.slice(q + 1)),
			headers: req.headers,
			params: [],
			body: Buffer.alloc(0),
			bodyTooLarge: false,
			now: Date.now(),
		};

		if (path.startsWith(ADMIN_PREFIX)) {
			readBody(req, MAX_BODY_BYTES, (body) => {
				ctx.body = body;
				ctx.now = Date.now();
				this.write(
					res,
					ctx,
					this.run(ctx, () => adminRoute(ctx)),
					0,
				);
			});
			return;
		}

		const match = matchRoute(ctx.method, path);
		if (!match || 'allowed' in match) {
			const reply = match
				? this.error(
						ctx,
						new ApiError(
							405,
							'method.not.allowed',
							`${ctx.method} is not supported on ${path}; use ${match.allowed.join(', ')}.`,
						),
					)
				: this.error(
						ctx,
						new ApiError(404, 'not.found', `No API resource at ${ctx.method} ${path}.`),
					);
			if (match) reply.headers = { ...reply.headers, Allow: match.allowed.join(', ') };
			this.state.stats.request('unknown', reply.status);
			this.respond(res, ctx, reply);
			return;
		}
		const route = match.route;
		ctx.params = match.params;

		const fault = pickFault(this.state.knobs, route.key, this.state.prng);
		if (fault?.kind === 'resetBefore') {
			this.state.stats.fault(true);
			this.state.stats.request(route.key, 'reset');
			req.socket.destroy();
			return;
		}
		if (fault && typeof fault.kind === 'number') {
			this.state.stats.fault(false);
			const reply = this.injected(ctx, fault);
			this.state.stats.request(route.key, reply.status);
			this.respond(res, ctx, reply);
			return;
		}

		readBody(req, MAX_BODY_BYTES, (body, tooLarge) => {
			ctx.body = body;
			ctx.bodyTooLarge = tooLarge;
			ctx.now = Date.now();
			this.process(req, res, ctx, route, fault);
		});
	}

	private process(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		ctx: RequestContext,
		route: RouteDef,
		fault: InjectedFault | undefined,
	): void {
		const { stats } = this.state;
		let rateHeaders: Record<string, string> | undefined;
		let reply = this.run(ctx, () => {
			if (route.auth === 'bearer') rateHeaders = this.authorize(ctx, route);
			return route.handler(ctx);
		});
		if (rateHeaders) reply.headers = { ...rateHeaders, ...reply.headers };

		if (route.key === 'token' && ctx.oauth)
			stats.tokenRequest({
				clientId: ctx.oauth.clientId,
				scope: ctx.oauth.scope,
				status: fault?.kind === 'resetAfter' ? 0 : reply.status,
			});
		if (ctx.launch)
			this.state.recordLaunchAttempt({
				correlationId: ctx.correlationId,
				status: fault?.kind === 'resetAfter' ? 0 : fault?.kind === '504After' ? 504 : reply.status,
				body: ctx.launch.body,
				executionId: ctx.launch.executionId,
				errorCode:
					reply.status >= 400 && reply.body
						? String((reply.body as { code?: unknown }).code ?? '')
						: null,
			});

		if (fault?.kind === 'resetAfter') {
			stats.fault(true);
			stats.request(route.key, 'reset');
			this.later(this.delay(), () => req.socket.destroy());
			return;
		}
		if (fault?.kind === '504After') {
			stats.fault(false);
			reply = this.injected(ctx, { kind: 504 });
		}
		stats.request(route.key, reply.status);
		this.respond(res, ctx, reply);
	}

	/** Bearer token, rate limits, permission. Returns the inin-ratelimit-* headers when the knob asks for them. */
	private authorize(ctx: RequestContext, route: RouteDef): Record<string, string> | undefined {
		const header = ctx.headers.authorization;
		const match = header ? /^bearer\s+(\S+)\s*$/i.exec(header) : null;
		if (!match)
			throw new ApiError(
				401,
				'authentication.required',
				'No authentication bearer token specified in authorization header.',
			);
		const token = this.state.tokens.lookup(match[1], ctx.now);
		if (typeof token === 'string')
			throw new ApiError(401, 'bad.credentials', 'Invalid login credentials.', {
				messageParams: {},
			});
		ctx.token = token;
		ctx.client = this.state.clients.get(token.clientId);

		let headers: Record<string, string> | undefined;
		const limit = this.state.knobs.rateLimit;
		if (limit) {
			const decision = hit(token.window, limit, ctx.now);
			headers = this.state.knobs.rateLimitHeaders ? rateLimitHeaders(decision) : undefined;
			if (!decision.allowed) throw this.rateLimited(decision, headers);
			if (route.key === 'listFlows') {
				const { tier, limit: tierLimit } = flowListTier(
					Number(ctx.query.get('pageSize') ?? 25) || 25,
				);
				const byPageSize = hit(tierWindow(token, tier), tierLimit, ctx.now);
				if (!byPageSize.allowed) throw this.rateLimited(byPageSize, headers);
			}
		}
		if (route.permission && (!ctx.client || !hasPermission(ctx.client, route.permission)))
			throw missingPermission(route.permission);
		return headers;
	}

	/** Genesys's normalised 429: Retry-After in whole seconds, the same figure in the message, no limit details. */
	private rateLimited(
		decision: RateDecision,
		headers: Record<string, string> | undefined,
	): ApiError {
		const seconds = retryAfterSeconds(decision);
		return new ApiError(429, 'too.many.requests.retry.after', rateLimitMessage(seconds), {
			headers: { 'Retry-After': String(seconds), ...headers },
		});
	}

	private run(ctx: RequestContext, handler: () => Reply): Reply {
		try {
			return handler();
		} catch (error) {
			return this.error(ctx, error);
		}
	}

	private error(ctx: RequestContext, error: unknown): Reply {
		if (error instanceof ApiError)
			return {
				status: error.status,
				body: error.init.emptyBody ? undefined : error.body(ctx.correlationId),
				model: 'ErrorBody',
				headers: error.init.headers,
			};
		if (error instanceof OAuthError)
			return { status: error.status, body: error.body(), model: 'TokenErrorResponse' };
		console.error(`[emulator] bug while handling ${ctx.method} ${ctx.path}:`, error);
		return {
			status: 500,
			body: new ApiError(
				500,
				'internal.server.error',
				`Emulator bug: ${(error as Error)?.message ?? String(error)}`,
			).body(ctx.correlationId),
			model: 'ErrorBody',
		};
	}

	private injected(ctx: RequestContext, fault: InjectedFault): Reply {
		const status = fault.kind as number;
		if (status === 429) {
			const seconds = fault.retryAfterSeconds ?? 1;
			return this.error(
				ctx,
				new ApiError(429, 'too.many.requests.retry.after', rateLimitMessage(seconds), {
					headers: { 'Retry-After': String(seconds) },
				}),
			);
		}
		const { code, message } = faultError(status);
		return this.error(ctx, new ApiError(status, code, message));
	}

	private delay(): number {
		const { knobs, prng } = this.state;
		let ms = knobs.latencyMs;
		if (knobs.jitterMs > 0) ms += prng.next() * knobs.jitterMs;
		if (knobs.slowResponses && prng.chance(knobs.slowResponses.fraction))
			ms += knobs.slowResponses.delayMs;
		return ms;
	}

	private respond(res: http.ServerResponse, ctx: RequestContext, reply: Reply): void {
		this.write(res, ctx, reply, this.delay());
	}

	private later(ms: number, fn: () => void): void {
		if (ms <= 0) {
			fn();
			return;
		}
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			fn();
		}, ms);
		this.timers.add(timer);
	}

	private write(
		res: http.ServerResponse,
		ctx: RequestContext,
		reply: Reply,
		delayMs: number,
	): void {
		let { status, body } = reply;
		if (body !== undefined && reply.model && this.state.knobs.validateResponses) {
			const problems = checkModel(reply.model, body);
			if (problems !== null) {
				this.state.stats.contractViolation();
				const message = `Emulator contract violation: a ${status} ${reply.model} body does not match schemas/${reply.model}.json: ${problems}`;
				console.error(`[emulator] ${message}`);
				status = 500;
				body = new ApiError(500, 'emulator.contract.violation', message).body(ctx.correlationId);
			}
		}
		const payload = body === undefined ? '' : JSON.stringify(body);
		const headers: Record<string, string | number> = {
			'ININ-Correlation-Id': ctx.correlationId,
			...(status === reply.status ? reply.headers : {}),
			'Content-Length': Buffer.byteLength(payload),
		};
		if (body !== undefined) headers['Content-Type'] = 'application/json';
		this.later(delayMs, () => {
			if (res.destroyed) return;
			res.writeHead(status, headers);
			res.end(payload);
		});
	}
}
