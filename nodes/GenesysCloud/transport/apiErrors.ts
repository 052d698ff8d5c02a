import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { correlationId, type HttpFailure } from './failure';

/** What the caller was doing, so the message can say it in the user's terms. */
export interface RequestContext {
	/** e.g. "launch the flow", "read execution 1234", "list flows". */
	action: string;
	itemIndex?: number;
	flowId?: string;
	executionName?: string;
	/** Scope the credential requests and the scope the token endpoint reported granting ('' = not reported). */
	scope?: { requested: string; granted: string; dropped?: string };
}

const ROLE_HINTS: Record<string, string> = {
	'architect:flow:view': 'Architect > Flow > View',
	'architect:flow:launch': 'Architect > Flow > Launch',
	'architect:flowExecution:view': 'Architect > Flow Execution > View',
};

function missingPermissions(failure: HttpFailure): string[] {
	const texts = [failure.body?.message, failure.body?.messageWithParams, JSON.stringify(failure.body?.messageParams ?? {})];
	const found = new Set<string>();
	for (const text of texts) {
		for (const match of String(text ?? '').matchAll(/[a-zA-Z]+:[a-zA-Z]+:[a-zA-Z]+/g)) found.add(match[0]);
	}
	return [...found];
}

/** Says whether the token was granted without a scope the credential asked for, when the token endpoint told. */
function scopeGap(context: RequestContext): string | undefined {
	const { requested = '', granted = '', dropped = '' } = context.scope ?? {};
	// The token endpoint refused these, so the credential's token was fetched without them (tokenClient).
	if (dropped) return dropped;
	if (!requested || !granted) return undefined;
	const grantedSet = new Set(granted.split(/\s+/));
	const missing = requested.split(/\s+/).filter((scope) => !grantedSet.has(scope));
	return missing.length ? missing.join(' ') : undefined;
}

/** What happened to a scope the token endpoint refused, for errors that may come from a missing scope. */
function droppedScopeNote(context: RequestContext): string {
	const dropped = context.scope?.dropped;
	if (!dropped) return '';
	return ` The token endpoint refused the scope "${dropped}" (invalid_scope), so the node fetched its token without it: Genesys grants client-credentials clients their access by roles, so check the OAuth client's roles first.`;
}

function fieldsNamed(failure: HttpFailure): string[] {
	return (failure.body?.details ?? []).map((detail) => detail.fieldName).filter((name): name is string => !!name);
}

interface Explanation {
	message: string;
	description: string;
}

function explain(failure: HttpFailure, context: RequestContext): Explanation {
	const apiMessage = failure.body?.message?.trim();
	const gap = scopeGap(context);
	switch (failure.status) {
		case 400: {
			if (!failure.body) {
				const scopeCause = gap
					? `1. The token was granted without "${gap}" (the credential requested "${context.scope?.requested}"): ask your Genesys admin to allow that scope for the OAuth client, or clear the Scope field if your org grants access by roles only.`
					: `1. The token lacks a scope your org or gateway requires: keep "flow:execute" in the credential's Scope field (it requests ${context.scope?.requested ? `"${context.scope.requested}"` : 'no scope now'}).`;
				return {
					message: `Genesys Cloud refused to ${context.action} with 400 Bad Request and no explanation`,
					description: `Likely causes, most likely first: ${scopeCause} 2. The Trigger Data does not match the flow's inputs: names must be the flow's input variables (sent as Flow.<name>), values of their types; republish the flow after adding inputs in Architect.${droppedScopeNote(context)}`,
				};
			}
			const fields = fieldsNamed(failure);
			const inputs = fields.filter((field) => field.startsWith('Flow.'));
			const others = fields.filter((field) => !field.startsWith('Flow.'));
			const fixes = [
				inputs.length
					? `Fix ${inputs.join(', ')} in Trigger Data: it must be one of the flow's input variables, of its type.`
					: '',
				others.length ? `Check ${others.join(', ')} (the flow, Flow Version, or a list option of this node).` : '',
			].filter(Boolean);
			return {
				message: `Genesys Cloud rejected the request to ${context.action}${fields.length ? ` because of ${fields.join(', ')}` : ''}: ${apiMessage ?? failure.body.code ?? 'bad request'}`,
				description: fixes.length
					? fixes.join(' ')
					: 'Check the flow ID, the flow version and the Trigger Data against the flow in Architect.',
			};
		}
		case 401:
			return {
				message: `Genesys Cloud refused the access token (401) when trying to ${context.action}, even after renewing it`,
				description: `Check that the credential's API base URL and login base URL belong to the same region, and that the OAuth client still exists and is active.${gap ? ` The token was also granted without "${gap}".` : ''}${droppedScopeNote(context)}`,
			};
		case 403: {
			const permissions = missingPermissions(failure);
			if (permissions.length) {
				const roles = permissions.map((permission) => `${permission} (${ROLE_HINTS[permission] ?? permission})`);
				return {
					message: `The OAuth client is missing the permission ${permissions.join(', ')} needed to ${context.action}`,
					description: `In Genesys Cloud, open Admin > Roles / Permissions, add ${roles.join(' and ')} to a role, and assign that role to the OAuth client in the division that holds the flow.${droppedScopeNote(context)}`,
				};
			}
			return {
				message: `Genesys Cloud refused to ${context.action} (403 Forbidden)${apiMessage ? `: ${apiMessage}` : ''}`,
				description: gap
					? `The token was granted without "${gap}", which this org may require: ask your Genesys admin to allow it for the OAuth client, or give the client's roles the permissions.${droppedScopeNote(context)}`
					: 'The OAuth client\'s roles must hold architect:flow:view, architect:flow:launch and architect:flowExecution:view in the division of the flow; if your org requires scopes, keep flow:execute in the credential\'s Scope.',
			};
		}
		case 404:
			return {
				message: `Genesys Cloud found nothing to ${context.action}${context.flowId ? ` (flow ${context.flowId})` : ''}: ${apiMessage ?? 'not found'}`,
				description:
					'Likely causes: the ID is wrong, the flow was never published (publish it in Architect), the flow version does not exist, or the credential points at another region than the org that owns the flow.',
			};
		case 410:
			return {
				message: `The flow${context.flowId ? ` ${context.flowId}` : ''} was deleted in Genesys Cloud`,
				description: 'Pick another workflow in Flow, or restore the flow in Architect.',
			};
		case 413:
			return {
				message: `The request to ${context.action} is too large for Genesys Cloud (over 512,000 bytes)`,
				description: 'Send less Trigger Data: pass references (IDs, URLs) instead of large documents.',
			};
		case 429:
			return {
				message: `Genesys Cloud kept answering 429 Too Many Requests when trying to ${context.action}`,
				description:
					'The node waited as long as Options > Rate Limit Wait Ceiling allows. Raise that ceiling, lower Requests per Minute (with several n8n workers: the limit divided by their number), or spread the items over time; other integrations using the same OAuth client share its limit.',
			};
		default:
			break;
	}
	if (failure.status && failure.status >= 500) {
		return {
			message: `Genesys Cloud failed to ${context.action} (HTTP ${failure.status})${apiMessage ? `: ${apiMessage}` : ''}`,
			description: 'This is a temporary problem on Genesys Cloud\'s side; the node retried reads before giving up. Try again later, or check status.mypurecloud.com.',
		};
	}
	if (failure.networkCode) {
		return {
			message: `Could not reach Genesys Cloud to ${context.action}`,
			description: `The connection failed with ${failure.networkCode}. Check the credential's region (or custom API base URL) and that n8n can reach it.`,
		};
	}
	return {
		message: `Genesys Cloud refused to ${context.action}${failure.status ? ` (HTTP ${failure.status})` : ''}${apiMessage ? `: ${apiMessage}` : ''}`,
		description: 'See the error details for Genesys Cloud\'s answer.',
	};
}

function withCorrelation(description: string, failure: HttpFailure): string {
	const id = correlationId(failure);
	return id ? `${description} Genesys correlation ID: ${id}.` : description;
}

export function apiError(node: INode, failure: HttpFailure, context: RequestContext): NodeApiError {
	if (failure.tokenError) {
		return new NodeApiError(node, { message: failure.tokenError.message } as JsonObject, {
			message: failure.tokenError.message,
			description: failure.tokenError.description,
			itemIndex: context.itemIndex,
		});
	}
	const { message, description } = explain(failure, context);
	const response: JsonObject = { ...(failure.body ?? {}) } as JsonObject;
	if (failure.rawBody !== undefined && !failure.body) response.body = failure.rawBody;
	return new NodeApiError(node, response, {
		message,
		description: withCorrelation(description, failure),
		// A network code as httpCode would make n8n swap our message for its generic one.
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex: context.itemIndex,
	});
}

/** A launch whose outcome is unknown: not retried, so that the flow cannot run twice. */
export function ambiguousLaunchError(node: INode, failure: HttpFailure, context: RequestContext, reason: string) {
	const name = context.executionName ? `"${context.executionName}"` : 'of this item';
	return new NodeApiError(node, { ...(failure.body ?? {}) } as JsonObject, {
		message: `The flow may have started: ${reason}, so Genesys Cloud's answer to the launch was lost`,
		description: withCorrelation(
			`${failure.networkCode ? `Network error: ${failure.networkCode}. ` : ''}The launch was not retried, to avoid running the flow twice. Look in Genesys Cloud for an execution named ${name} of flow ${context.flowId ?? ''} before launching this item again.`,
			failure,
		),
		// A network code as httpCode would make n8n swap our message for its generic one.
		httpCode: failure.status ? String(failure.status) : undefined,
		itemIndex: context.itemIndex,
	});
}
