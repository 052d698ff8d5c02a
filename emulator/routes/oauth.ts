/**
 * POST /oauth/token, client credentials exactly as Genesys's SDKs send it: Basic header, form body
 * grant_type=client_credentials, optional scope. The scope is recorded on the token; what it changes is the
 * tokenScopePolicy knob (real Genesys ignores it: roles govern client-credentials clients).
 */
import type { Client } from '../auth/clients';
import type { Reply, RequestContext } from '../context';
import { ApiError, OAuthError } from '../errors';
import { hit, rateLimitHeaders, retryAfterSeconds } from '../rateLimiter';

export function tokenRoute(ctx: RequestContext): Reply {
	const { state, now } = ctx;
	const knobs = state.knobs;
	const form = new URLSearchParams(ctx.body.toString('utf8'));
	const scope = form.get('scope');
	ctx.oauth = { clientId: null, scope };

	const credentials = parseBasic(ctx.headers.authorization);
	ctx.oauth.clientId = credentials?.clientId ?? null;
	const client =
		credentials && state.clients.authenticate(credentials.clientId, credentials.clientSecret);
	if (!client)
		throw new OAuthError(knobs.invalidClientStatus, 'invalid_client', 'authentication failed');

	const grantType = form.get('grant_type');
	if (!grantType) throw new OAuthError(400, 'invalid_request', 'grant_type is required');
	if (grantType !== 'client_credentials')
		throw new OAuthError(
			400,
			'unsupported_grant_type',
			`Unsupported grant type: ${grantType}. Use client_credentials.`,
		);

	if (knobs.tokenRateLimit) {
		const decision = hit(state.tokenWindows.get(client.clientId), knobs.tokenRateLimit, now);
		if (!decision.allowed) {
			throw new ApiError(
				429,
				'too.many.requests',
				`Rate limit exceeded the maximum [${decision.limit}] token requests within [${knobs.tokenRateLimit.windowSeconds}] seconds`,
				{
					headers: {
						'Retry-After': String(retryAfterSeconds(decision)),
						...(knobs.rateLimitHeaders && rateLimitHeaders(decision)),
					},
				},
			);
		}
	}

	const requested = (scope ?? '').split(/\s+/).filter(Boolean);
	const granted = grantScopes(client, requested, knobs.tokenScopePolicy);
	const token = state.tokens.issue(
		client.clientId,
		knobs.tokenLifetimeSeconds,
		scope,
		new Set(granted.scopes),
		now,
	);
	return {
		status: 200,
		model: 'TokenResponse',
		headers: { 'Cache-Control': 'no-store' },
		body: {
			access_token: token.value,
			token_type: 'bearer',
			expires_in: knobs.tokenLifetimeSeconds,
			...(granted.report && granted.scopes.length > 0 && { scope: granted.scopes.join(' ') }),
		},
	};
}

function grantScopes(
	client: Client,
	requested: string[],
	policy: string,
): { scopes: string[]; report: boolean } {
	if (policy === 'reject-unknown') {
		const refused = requested.filter((s) => !client.allowedScopes.has(s));
		if (refused.length)
			throw new OAuthError(
				400,
				'invalid_scope',
				`The requested scope(s) are not allowed for this client: ${refused.join(' ')}`,
			);
		return { scopes: requested, report: false };
	}
	if (policy === 'grant-allowed') {
		const scopes = requested.length
			? requested.filter((s) => client.allowedScopes.has(s))
			: [...client.allowedScopes];
		return { scopes, report: true };
	}
	return { scopes: requested, report: false };
}

function parseBasic(
	header: string | undefined,
): { clientId: string; clientSecret: string } | undefined {
	const match = header ? /^basic\s+(\S+)\s*$/i.exec(header) : null;
	if (!match) return undefined;
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) return undefined;
	return { clientId: decoded.slice(0, colon), clientSecret: decoded.slice(colon + 1) };
}
