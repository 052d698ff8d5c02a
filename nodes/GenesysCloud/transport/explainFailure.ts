import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { DEFAULT_SCOPE } from './scope';
import { correlationId, type HttpFailure } from './failure';

/** What the token of the failed request was granted, as the credential knows it. */
export interface ScopeState {
	/** Scope the credential requests ('' = none). */
	requested: string;
	/** Scope the token endpoint reported granting ('' = not reported). */
	granted: string;
	/** Scope the token endpoint refused, so the token was fetched without it ('' = none). */
	dropped: string;
}

/** What the caller was doing when the request failed, so that the message says it in the user's terms. */
export interface Situation {
	/** e.g. "list users", "read queue 1234": the verb and what it acts on. */
	action: string;
	scope: ScopeState;
	/** Set when the request was not retried because it may have taken effect: why its answer was lost. */
	lostAnswer?: string;
}

export interface Explanation {
	message: string;
	description: string;
}

/**
 * Explains a failure in its own terms (an endpoint's, an operation's), or leaves it to the next explainer by
 * returning undefined. A partial explanation keeps the rest of the generic one.
 */
export type Explainer = (
	failure: HttpFailure,
	situation: Situation,
) => Partial<Explanation> | undefined;

/** Says whether the token was granted without a scope the credential asked for, when the token endpoint told. */
export function scopeGap({ requested, granted, dropped }: ScopeState): string | undefined {
	if (dropped) return dropped;
	if (!requested || !granted) return undefined;
	const grantedSet = new Set(granted.split(/\s+/));
	const missing = requested.split(/\s+/).filter((scope) => !grantedSet.has(scope));
	return missing.length ? missing.join(' ') : undefined;
}

/** What happened to a scope the token endpoint refused, for errors that may come from a missing scope. */
export function droppedScopeNote({ dropped }: ScopeState): string {
	if (!dropped) return '';
	return ` The token endpoint refused the scope "${dropped}" (invalid_scope), so the node fetched its token without it: Genesys grants client-credentials clients their access by roles, so check the OAuth client's roles first.`;
}

/** The first cause of an unexplained 400: a scope the token lacks. */
export function scopeCause(scope: ScopeState): string {
	const gap = scopeGap(scope);
	return gap
		? `The token was granted without "${gap}" (the credential requested "${scope.requested}"): ask your Genesys admin to allow that scope for the OAuth client, or clear the Scope field if your org grants access by roles only.`
		: `The token lacks a scope your org or gateway requires: keep "${DEFAULT_SCOPE}" in the credential's Scope field (it requests ${scope.requested ? `"${scope.requested}"` : 'no scope now'}).`;
}

/** The field names of a Genesys 400's `details`. */
export function fieldsNamed(failure: HttpFailure): string[] {
	return (failure.body?.details ?? [])
		.map((detail) => detail.fieldName)
		.filter((name): name is string => !!name);
}

/** Permissions a 403 says are missing, read from its message or its parameters. */
export function missingPermissions(failure: HttpFailure): string[] {
	const texts = [
		failure.body?.message,
		failure.body?.messageWithParams,
		JSON.stringify(failure.body?.messageParams ?? {}),
	];
	const found = new Set<string>();
	for (const text of texts) {
		for (const match of String(text ?? '').matchAll(/[a-zA-Z]+:[a-zA-Z]+:[a-zA-Z]+/g))
			found.add(match[0]);
	}
	return [...found];
}

function apiMessageOf(failure: HttpFailure): string | undefined {
	return failure.body?.message?.trim() || undefined;
}

/** What any Genesys Cloud failure means, whatever the request was. */
export function explainGeneric(failure: HttpFailure, situation: Situation): Explanation {
	const { action, scope } = situation;
	const apiMessage = apiMessageOf(failure);
	const gap = scopeGap(scope);
	if (situation.lostAnswer) {
		return {
			message: `Genesys Cloud's answer to the request to ${action} was lost: ${situation.lostAnswer}`,
			description: `${failure.networkCode ? `Network error: ${failure.networkCode}. ` : ''}The request was not retried, since it may have taken effect and repeating it could do the work twice. Check in Genesys Cloud before trying again.`,
		};
	}
	switch (failure.status) {
		case 400: {
			if (!failure.body) {
				return {
					message: `Genesys Cloud refused to ${action} with 400 Bad Request and no explanation`,
					description: `Likely cause: ${scopeCause(scope)}${droppedScopeNote(scope)}`,
				};
			}
			const fields = fieldsNamed(failure);
			return {
				message: `Genesys Cloud rejected the request to ${action}${fields.length ? ` because of ${fields.join(', ')}` : ''}: ${apiMessage ?? failure.body.code ?? 'bad request'}`,
				description: fields.length
					? `Check ${fields.join(', ')} (an ID, a version, or an option of this node).`
					: 'Check the IDs and values of the request against Genesys Cloud.',
			};
		}
		case 401:
			return {
				message: `Genesys Cloud refused the access token (401) when trying to ${action}, even after renewing it`,
				description: `Check that the credential's API base URL and login base URL belong to the same region, and that the OAuth client still exists and is active.${gap ? ` The token was also granted without "${gap}".` : ''}${droppedScopeNote(scope)}`,
			};
		case 403:
			return {
				message: `Genesys Cloud refused to ${action} (403 Forbidden)${apiMessage ? `: ${apiMessage}` : ''}`,
				description: gap
					? `The token was granted without "${gap}", which this org may require: ask your Genesys admin to allow it for the OAuth client, or give the client's roles the permissions.${droppedScopeNote(scope)}`
					: "The OAuth client's roles lack a permission this request needs, in the division of what it reads or changes.",
			};
		case 404:
			return {
				message: `Genesys Cloud found nothing to ${action}: ${apiMessage ?? 'not found'}`,
				description:
					'Likely causes: the ID is wrong, or the credential points at another region than the org that owns it.',
			};
		case 413:
			return {
				message: `The request to ${action} is too large for Genesys Cloud (over 512,000 bytes)`,
				description: 'Send less data: pass references (IDs, URLs) instead of large documents.',
			};
		case 429:
			return {
				message: `Genesys Cloud kept answering 429 Too Many Requests when trying to ${action}`,
				description:
					'The node waited as long as Options > Rate Limit Wait Ceiling allows. Raise that ceiling, lower Requests per Minute (with several n8n workers: the limit divided by their number), or spread the items over time; other integrations using the same OAuth client share its limit.',
			};
		default:
			break;
	}
	if (failure.status && failure.status >= 500) {
		return {
			message: `Genesys Cloud failed to ${action} (HTTP ${failure.status})${apiMessage ? `: ${apiMessage}` : ''}`,
			description:
				"This is a temporary problem on Genesys Cloud's side; the node retried where repeating the request was safe. Try again later, or check status.mypurecloud.com.",
		};
	}
	if (failure.networkCode) {
		return {
			message: `Could not reach Genesys Cloud to ${action}`,
			description: `The connection failed with ${failure.networkCode}. Check the credential's region (or custom API base URL) and that n8n can reach it.`,
		};
	}
	return {
		message: `Genesys Cloud refused to ${action}${failure.status ? ` (HTTP ${failure.status})` : ''}${apiMessage ? `: ${apiMessage}` : ''}`,
		description: "See the error details for Genesys Cloud's answer.",
	};
}

/** The explainers' verdict, most specific first, over the generic explanation. */
export function explain(
	failure: HttpFailure,
	situation: Situation,
	explainers: Explainer[],
): Explanation {
	const explanation = explainGeneric(failure, situation);
	for (const explainer of [...explainers].reverse())
		Object.assign(explanation, explainer(failure, situation));
	return explanation;
}

/** The NodeApiError a failure becomes: the explanation, the correlation ID, Genesys's body, never a secret. */
export function failureError(
	node: INode,
	failure: HttpFailure,
	explanation: Explanation,
	itemIndex?: number,
): NodeApiError {
	if (failure.tokenError) {
		return new NodeApiError(node, { message: failure.tokenError.message } as JsonObject, {
			message: failure.tokenError.message,
			description: failure.tokenError.description,
			itemIndex,
		});
	}
	const id = correlationId(failure);
	const response: JsonObject = { ...(failure.body ?? {}) } as JsonObject;
	if (failure.rawBody !== undefined && !failure.body) response.body = failure.rawBody;
	return new NodeApiError(node, response, {
		message: explanation.message,
		description: id
			? `${explanation.description} Genesys correlation ID: ${id}.`
			: explanation.description,
		// A network code as httpCode would make n8n swap our message for its generic one.
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex,
	});
}
