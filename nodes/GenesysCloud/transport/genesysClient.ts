import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { resolveHosts } from '../../../credentials/regions';
import { credentialIdentity, requestedScope, scopeDropped } from '../../../credentials/tokenClient';
import { ambiguousLaunchError, apiError, type RequestContext } from './apiErrors';
import { readFailure, type HttpFailure } from './failure';
import { budgetFor, type RequestBudget } from './requestBudget';
import { RequestSlots } from './requestSlots';
import { backoffMs, decide } from './retryPolicy';

export const CREDENTIAL_TYPE = 'genesysCloudOAuth2Api';

export type GenesysContext = IExecuteFunctions | ILoadOptionsFunctions;

export interface ClientOptions {
	/** Requests of this run on the wire at once (the user's Max Concurrent Requests). */
	maxConcurrentRequests: number;
	/** The budget of the credential's token (Genesys's default: 300 per minute), shared across runs. */
	requestsPerMinute: number;
	/** How long one request may wait in total on 429 answers before it gives up. */
	rateLimitCeilingMs: number;
	/** Retries of a transient failure (5xx, network) before giving up. */
	maxRetries: number;
	requestTimeoutMs: number;
}

export const DEFAULT_CLIENT_OPTIONS: ClientOptions = {
	maxConcurrentRequests: 10,
	requestsPerMinute: 300,
	rateLimitCeilingMs: 300_000,
	maxRetries: 5,
	requestTimeoutMs: 60_000,
};

export interface RequestSpec {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
}

/**
 * The one way this node talks to Genesys Cloud: authenticated through the credential (n8n renews the token
 * on 401), paced to the rate limit, retried where that is safe, and every failure turned into a NodeApiError
 * that says what happened and how to fix it. One client serves one node run.
 */
export class GenesysClient {
	private readonly slots: RequestSlots;

	private constructor(
		private readonly ctx: GenesysContext,
		readonly apiBaseUrl: string,
		private readonly options: ClientOptions,
		readonly budget: RequestBudget,
	) {
		this.slots = new RequestSlots(options.maxConcurrentRequests);
	}

	static async create(ctx: GenesysContext, options: Partial<ClientOptions> = {}): Promise<GenesysClient> {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
		const { apiBaseUrl } = resolveHosts(credentials);
		if (!/^https?:\/\/[^/]/.test(apiBaseUrl)) {
			throw new NodeOperationError(ctx.getNode(), `The credential's API base URL "${apiBaseUrl}" is not a URL`, {
				description: 'With Region set to Custom, enter full URLs such as https://api.mypurecloud.com.',
			});
		}
		const merged = { ...DEFAULT_CLIENT_OPTIONS, ...options };
		const budget = budgetFor(`${apiBaseUrl}\n${credentialIdentity(credentials)}`, merged.requestsPerMinute);
		return new GenesysClient(ctx, apiBaseUrl, merged, budget);
	}

	private get cancelSignal(): AbortSignal | undefined {
		return 'getExecutionCancelSignal' in this.ctx ? this.ctx.getExecutionCancelSignal() : undefined;
	}

	/** Refuses the requests still waiting for a slot (after an error that stops the run). */
	halt(reason: Error): void {
		this.slots.halt(reason);
	}

	/** One attempt: a slot, the budget's go, the call; the slot is freed before any retry wait. */
	private async attempt<T>(options: IHttpRequestOptions): Promise<{ body?: T; failure?: HttpFailure }> {
		await this.slots.acquire();
		try {
			await this.budget.acquire(this.cancelSignal);
			const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(this.ctx, CREDENTIAL_TYPE, {
				...options,
				headers: { ...options.headers },
			})) as { body: T };
			return { body: response.body };
		} catch (error) {
			return { failure: readFailure(error) };
		} finally {
			this.slots.release();
		}
	}

	async request<T>(spec: RequestSpec, context: RequestContext): Promise<T> {
		const idempotent = spec.method === 'GET';
		const options: IHttpRequestOptions = {
			method: spec.method,
			url: `${this.apiBaseUrl}${spec.path}`,
			qs: spec.qs,
			body: spec.body,
			json: true,
			returnFullResponse: true,
			timeout: this.options.requestTimeoutMs,
			arrayFormat: 'repeat',
			headers: { Accept: 'application/json' },
		};
		let retries = 0;
		let rateLimitWaitedMs = 0;
		let renewedAgain = false;
		for (;;) {
			const { body, failure } = await this.attempt<T>(options);
			if (!failure) return body as T;
			if (failure.cancelled || this.cancelSignal?.aborted) {
				throw new NodeOperationError(this.ctx.getNode(), 'The execution was cancelled', {
					itemIndex: context.itemIndex,
				});
			}

			const decision = decide(failure, idempotent);
			// A wait that would end past the ceiling is not started: the item fails now, not after it.
			if (
				decision.action === 'waitRateLimit' &&
				rateLimitWaitedMs + decision.retryAfterMs <= this.options.rateLimitCeilingMs
			) {
				rateLimitWaitedMs += this.budget.rateLimited(decision.retryAfterMs);
				continue;
			}
			if (decision.action === 'renewToken' && !renewedAgain) {
				renewedAgain = true;
				continue;
			}
			if (decision.action === 'retry' && retries < this.options.maxRetries) {
				retries++;
				await sleep(backoffMs(retries), this.cancelSignal);
				continue;
			}
			if (decision.action === 'ambiguous') {
				throw ambiguousLaunchError(this.ctx.getNode(), failure, context, decision.reason);
			}
			throw apiError(this.ctx.getNode(), failure, await this.withScope(context));
		}
	}

	/** Adds what the credential knows of the token's scope, read now since the token may be new. */
	private async withScope(context: RequestContext): Promise<RequestContext> {
		const credentials = await this.ctx.getCredentials(CREDENTIAL_TYPE);
		return {
			...context,
			scope: {
				requested: requestedScope(credentials),
				granted: String(credentials.grantedScope ?? ''),
				dropped: scopeDropped(credentials),
			},
		};
	}
}
