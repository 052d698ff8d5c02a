import { createHash } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';
import { sleep, UserError } from 'n8n-workflow';

import { failureFromResponse, readFailure, type HttpFailure } from './failure';
import { backoffMs, decide, retryAfterMs } from './retryPolicy';
import { resolveHosts } from './regions';
import { requestedScope } from './scope';

/** Raised when no token could be had; its message and description never contain the secret or a token. */
export class GenesysCloudTokenError extends UserError {
	override readonly name = 'GenesysCloudTokenError';
}

/** What preAuthentication stores on the credential (n8n persists it with the expirable `accessToken`). */
export interface TokenGrant extends IDataObject {
	accessToken: string;
	/** The scope the token endpoint reported granting, or '' when it reported none. */
	grantedScope: string;
}

interface CachedGrant {
	grant: TokenGrant;
	expiresAt: number;
}

// n8n calls preAuthentication once per request that met an empty or rejected token, so a burst of
// concurrent requests after an expiry would each fetch a token. These maps coalesce them: one request in
// flight per client, and callers holding an older token than the newest one get the newest one.
const inFlight = new Map<string, Promise<TokenGrant>>();
const newest = new Map<string, CachedGrant>();

// Scopes the token endpoint refused, per OAuth client identity: Genesys grants client-credentials access by
// roles and its scope catalogue lacks the default scope, so an org that refuses it must not cost every token
// request a 400.
const refusedScopes = new Map<string, string>();

const EXPIRY_MARGIN_MS = 60_000;

/** Who the credential is to Genesys (login host, client id, a hash of the secret), never the secret itself. */
export function credentialIdentity(credentials: ICredentialDataDecryptedObject): string {
	const { loginBaseUrl } = resolveHosts(credentials);
	const secretHash = createHash('sha256')
		.update(String(credentials.clientSecret ?? ''))
		.digest('hex');
	return [loginBaseUrl, String(credentials.clientId ?? '').trim(), secretHash].join('\n');
}

function cacheKey(credentials: ICredentialDataDecryptedObject): string {
	return [credentialIdentity(credentials), credentials.scope ?? ''].join('\n');
}

/** The scope this process stopped requesting for the credential because the token endpoint refused it, or ''. */
export function scopeDropped(credentials: ICredentialDataDecryptedObject): string {
	const requested = requestedScope(credentials);
	return requested && refusedScopes.get(cacheKey(credentials)) === requested ? requested : '';
}

/**
 * Returns a token for the credential: the newest one this process holds when the caller's token is older,
 * the one already being fetched when a fetch is under way, or a freshly fetched one.
 */
export async function obtainToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<TokenGrant> {
	const key = cacheKey(credentials);
	const callerToken = String(credentials.accessToken ?? '');

	const cached = newest.get(key);
	if (cached && cached.grant.accessToken !== callerToken && cached.expiresAt > Date.now()) {
		return cached.grant;
	}

	let pending = inFlight.get(key);
	if (!pending) {
		pending = fetchToken(helper, credentials).then(
			({ grant, lifetimeSeconds }) => {
				// A margin over half the lifetime would make short-lived tokens (gateways, the emulator) never reusable.
				const marginMs = Math.min(EXPIRY_MARGIN_MS, (lifetimeSeconds * 1000) / 2);
				newest.set(key, { grant, expiresAt: Date.now() + lifetimeSeconds * 1000 - marginMs });
				inFlight.delete(key);
				return grant;
			},
			(error: unknown) => {
				inFlight.delete(key);
				newest.delete(key);
				throw error;
			},
		);
		inFlight.set(key, pending);
	}
	return await pending;
}

interface TokenResponseBody {
	access_token?: string;
	token_type?: string;
	expires_in?: number;
	scope?: string;
	error?: string;
	error_description?: string;
	description?: string;
}

/**
 * Fetches a token with the credential's scope; when the token endpoint refuses that scope, asks again at once
 * without it and remembers that for the process, so a default scope an org does not know costs one 400 once.
 */
async function fetchToken(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<{ grant: TokenGrant; lifetimeSeconds: number }> {
	const key = cacheKey(credentials);
	const scope = requestedScope(credentials);
	return await fetchTokenWithScope(
		helper,
		credentials,
		refusedScopes.get(key) === scope ? '' : scope,
		key,
	);
}

async function fetchTokenWithScope(
	helper: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	scope: string,
	key: string,
): Promise<{ grant: TokenGrant; lifetimeSeconds: number }> {
	const hosts = resolveHosts(credentials);
	const clientId = String(credentials.clientId ?? '').trim();
	const clientSecret = String(credentials.clientSecret ?? '').trim();
	if (!clientId || !clientSecret) {
		throw new GenesysCloudTokenError(
			'The Genesys Cloud credential has no Client ID or Client Secret',
			{
				description:
					'Open the credential and paste the Client ID and Client Secret of a Client Credentials OAuth client.',
			},
		);
	}
	if (!/^https?:\/\//.test(hosts.loginBaseUrl)) {
		throw new GenesysCloudTokenError(`The login base URL "${hosts.loginBaseUrl}" is not a URL`, {
			description:
				'With Region set to Custom, enter full URLs such as https://login.mypurecloud.com.',
		});
	}

	const form = new URLSearchParams({ grant_type: 'client_credentials' });
	if (scope) form.set('scope', scope);

	const request: IHttpRequestOptions = {
		method: 'POST',
		url: `${hosts.loginBaseUrl}/oauth/token`,
		headers: {
			Authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
			'Content-Type': 'application/x-www-form-urlencoded',
			Accept: 'application/json',
		},
		body: form.toString(),
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		json: false,
	};
	// Every answer, a 200 included, is read the way the transport reads a failure.
	const answer = await postWithRetries(helper, request);
	if (!answer.status) throw unreachable(hosts.loginBaseUrl, hosts.regionLabel, answer);

	const body = (answer.body ?? {}) as TokenResponseBody;
	if (answer.status >= 200 && answer.status < 300 && body.access_token) {
		return {
			grant: {
				accessToken: body.access_token,
				grantedScope: body.scope === undefined ? '' : String(body.scope),
			},
			lifetimeSeconds: Number(body.expires_in) > 0 ? Number(body.expires_in) : 300,
		};
	}
	if (scope && refusesScope(answer.status, body)) {
		refusedScopes.set(key, scope);
		return await fetchTokenWithScope(helper, credentials, '', key);
	}
	throw rejection(answer.status, body, hosts.loginBaseUrl, hosts.regionLabel);
}

interface TokenHttpResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, unknown>;
}

const MAX_ATTEMPTS = 4;
const MAX_RETRY_AFTER_MS = 30_000;

/**
 * Posts the token request, retried by the transport's rules for an idempotent request (a second token harms
 * nothing): after 429 as Retry-After says (up to 30 s), after 5xx and network errors with backoff. The answer,
 * whatever its status, is read as a failure is, so that its status, headers and body come out the same way.
 */
async function postWithRetries(
	helper: IHttpRequestHelper,
	request: IHttpRequestOptions,
): Promise<HttpFailure> {
	for (let attempt = 1; ; attempt++) {
		let outcome: HttpFailure;
		try {
			const response = (await helper.helpers.httpRequest(request)) as TokenHttpResponse;
			outcome = failureFromResponse(response.statusCode, response.headers, response.body);
		} catch (error) {
			outcome = readFailure(error);
		}
		const ok = outcome.status !== undefined && outcome.status < 300;
		// An unknown host stays unknown: say so at once rather than after the retries.
		if (ok || attempt === MAX_ATTEMPTS || outcome.networkCode === 'ENOTFOUND') return outcome;
		const decision = decide(outcome, true);
		if (decision.action === 'waitRateLimit')
			await sleep(Math.min(retryAfterMs(outcome), MAX_RETRY_AFTER_MS));
		else if (decision.action === 'retry') await sleep(backoffMs(attempt));
		else return outcome;
	}
}

function unreachable(
	loginBaseUrl: string,
	regionLabel: string,
	failure: HttpFailure,
): GenesysCloudTokenError {
	const code = failure.networkCode ?? 'no answer';
	// The code stays out of the message: n8n replaces messages containing one with generic text.
	return new GenesysCloudTokenError(
		`Could not reach the Genesys Cloud login host ${loginBaseUrl} for ${regionLabel}`,
		{
			description: `The connection failed with ${code}. Check that the credential's Region is your org's region (Admin > Organization Settings shows it), or, with Custom, that the login base URL is right and reachable from n8n.`,
		},
	);
}

/** invalid_scope, or a 400 whose text names the scope: either way the scope, not the client, was refused. */
function refusesScope(status: number, body: TokenResponseBody): boolean {
	if (body.error === 'invalid_scope') return true;
	const text = `${body.error ?? ''} ${body.error_description ?? ''} ${body.description ?? ''}`;
	return status === 400 && body.error !== 'invalid_client' && /scope/i.test(text);
}

function rejection(
	status: number,
	body: TokenResponseBody,
	loginBaseUrl: string,
	regionLabel: string,
): GenesysCloudTokenError {
	const reason = body.error ?? `HTTP ${status}`;
	if (body.error === 'invalid_client' || status === 401) {
		return new GenesysCloudTokenError(
			`Genesys Cloud rejected the Client ID or Client Secret at ${loginBaseUrl} (${reason}) for ${regionLabel}`,
			{
				description:
					"The most common cause is a region that does not match the org's: an OAuth client exists in one region only, so pick the region where it was created. Otherwise copy the Client ID and Client Secret again from Admin > Integrations > OAuth.",
			},
		);
	}
	const detail = body.error_description ?? body.description ?? '';
	return new GenesysCloudTokenError(
		`Genesys Cloud's token endpoint ${loginBaseUrl} answered ${status} (${reason})${detail ? `: ${detail}` : ''}`,
		{
			description:
				'The OAuth client must use the Client Credentials grant. Check the Region, the Client ID and Client Secret, and the Scope field of the credential.',
		},
	);
}
