import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { resolveHosts } from './regions';
import { requestedScope } from './scope';
import { credentialIdentity, scopeDropped } from './tokenClient';
import { explain, failureError, type Explainer, type ScopeState } from './explainFailure';
import { readFailure, type HttpFailure } from './failure';
import { budgetFor, type RequestBudget } from './requestBudget';
import { RequestSlots } from './requestSlots';
import { backoffMs, decide } from './retryPolicy';

export const CREDENTIAL_TYPE = 'genesysCloudOAuth2Api';

export type GenesysContext = IExecuteFunctions | ILoadOptionsFunctions;

/** A run's settings, from the user's Options (their defaults are the Options' own, see clientOptionsFrom). */
export interface ClientOptions {
	/** Requests of this run on the wire at once (the user's Max Concurrent Requests). */
	maxConcurrentRequests: number;
	/** The budget of the credential's token (Genesys's default: 300 per minute), shared across runs. */
	requestsPerMinute: number;
	/** How long one request may wait in total on 429 answers before it gives up. */
	rateLimitCeilingMs: number;
	/** Retries of a transient failure (5xx, network) before giving up. */
	maxRetries: number;
}

/** Longer than any Genesys answer should take; a request past it counts as a network failure. */
const REQUEST_TIMEOUT_MS = 60_000;

export interface RequestSpec {
	method: IHttpRequestMethods;
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/**
	 * Whether sending the request twice is harmless. Only then is it retried after an answer that may have
	 * come after the work was done (a 500, a dropped connection); otherwise that failure is reported as such.
	 */
	idempotent: boolean;
}

/** What the caller was doing, so that a failure is told in the user's terms. */
export interface RequestContext {
	/** e.g. "list users", "read queue 1234": the verb and what it acts on. */
	action: string;
	itemIndex?: number;
	/** Explanations of failures in the caller's terms, most specific first, over the generic ones. */
	explainers?: Explainer[];
}

/**
 * The one way this node talks to Genesys Cloud: authenticated through the credential (n8n renews the token
 * on 401), paced to the credential's request budget, retried where the caller says that is safe, and every
 * failure turned into a NodeApiError that says what happened and how to fix it. It knows HTTP and Genesys's
 * error bodies, not what is being asked for: that is the API module's (api/). One client serves one node run.
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

	static async create(ctx: GenesysContext, options: ClientOptions): Promise<GenesysClient> {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE);
		const { apiBaseUrl } = resolveHosts(credentials);
		if (!/^https?:\/\/[^/]/.test(apiBaseUrl)) {
			throw new NodeOperationError(
				ctx.getNode(),
				`The credential's API base URL "${apiBaseUrl}" is not a URL`,
				{
					description:
						'With Region set to Custom, enter full URLs such as https://api.mypurecloud.com.',
				},
			);
		}
		const budget = budgetFor(
			`${apiBaseUrl}\n${credentialIdentity(credentials)}`,
			options.requestsPerMinute,
		);
		return new GenesysClient(ctx, apiBaseUrl, options, budget);
	}

	private get cancelSignal(): AbortSignal | undefined {
		return 'getExecutionCancelSignal' in this.ctx ? this.ctx.getExecutionCancelSignal() : undefined;
	}

	/** Refuses the requests still waiting for a slot (after an error that stops the run). */
	halt(reason: Error): void {
		this.slots.halt(reason);
	}

	/** One attempt: a slot, the budget's go, the call; the slot is freed before any retry wait. */
	private async attempt<T>(
		options: IHttpRequestOptions,
	): Promise<{ body?: T; failure?: HttpFailure }> {
		await this.slots.acquire();
		try {
			await this.budget.acquire(this.cancelSignal);
			const response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
				this.ctx,
				CREDENTIAL_TYPE,
				{
					...options,
					headers: { ...options.headers },
				},
			)) as { body: T };
			return { body: response.body };
		} catch (error) {
			return { failure: readFailure(error) };
		} finally {
			this.slots.release();
		}
	}

	async request<T>(spec: RequestSpec, context: RequestContext): Promise<T> {
		const options: IHttpRequestOptions = {
			method: spec.method,
			url: `${this.apiBaseUrl}${spec.path}`,
			qs: spec.qs,
			body: spec.body,
			json: true,
			returnFullResponse: true,
			timeout: REQUEST_TIMEOUT_MS,
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

			const decision = decide(failure, spec.idempotent);
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
			const lostAnswer = decision.action === 'ambiguous' ? decision.reason : undefined;
			const situation = { action: context.action, scope: await this.scope(), lostAnswer };
			throw failureError(
				this.ctx.getNode(),
				failure,
				explain(failure, situation, context.explainers ?? []),
				context.itemIndex,
			);
		}
	}

	/** What the credential knows of the token's scope, read now since the token may be new. */
	private async scope(): Promise<ScopeState> {
		const credentials = await this.ctx.getCredentials(CREDENTIAL_TYPE);
		return {
			requested: requestedScope(credentials),
			granted: String(credentials.grantedScope ?? ''),
			dropped: scopeDropped(credentials),
		};
	}
}
