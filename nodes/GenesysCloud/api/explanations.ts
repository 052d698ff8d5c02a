import { DEFAULT_SCOPE } from '../transport/scope';
import type { Explainer } from '../transport/explainFailure';
import { missingPermissions, scopeGap } from '../transport/explainFailure';
import type { Endpoint } from './endpoints';
import { withRole } from './permissions';

/** A 403 in terms of the permission the endpoint needs and the role that holds it. */
const forbidden =
	(endpoint: Endpoint): Explainer =>
	(failure, { action, scope }) => {
		if (failure.status !== 403) return undefined;
		const named = missingPermissions(failure);
		if (named.length) {
			return {
				message: `The OAuth client is missing the permission ${named.join(', ')} needed to ${action}`,
				description: `In Genesys Cloud, open Admin > Roles / Permissions, add ${named.map(withRole).join(' and ')} to a role, and assign that role to the OAuth client in the division that holds the flow.`,
			};
		}
		// Without a named permission the 403 may be the org's scope requirement; the generic text covers a known gap.
		if (scopeGap(scope)) return undefined;
		return {
			description: `The OAuth client's roles must hold ${withRole(endpoint.permission)} in the division that holds the flow; if your org requires scopes, keep ${DEFAULT_SCOPE} in the credential's Scope.`,
		};
	};

/** 404 and 410 in terms of what the endpoint reads: a flow that is wrong, unpublished, deleted or elsewhere. */
const missingFlow =
	(flowId: string): Explainer =>
	(failure, { action }) => {
		if (failure.status === 404) {
			// A launch names the flow by its display name: the ID is what the user can check.
			const which = action.includes(flowId) ? '' : ` (flow ${flowId})`;
			return {
				message: `Genesys Cloud found nothing to ${action}${which}: ${failure.body?.message?.trim() || 'not found'}`,
				description:
					'Likely causes: the ID is wrong, the flow was never published (publish it in Architect), the flow version does not exist, or the credential points at another region than the org that owns the flow.',
			};
		}
		if (failure.status === 410) {
			return {
				message: `The flow ${flowId} was deleted in Genesys Cloud`,
				description: 'Pick another workflow in Flow, or restore the flow in Architect.',
			};
		}
		return undefined;
	};

const missingExecution: Explainer = (failure) =>
	failure.status === 404
		? {
				description:
					'Likely causes: the execution ID is wrong, or the credential points at another region than the org that ran the flow.',
			}
		: undefined;

/** The endpoint's own explanations, given the flow its call concerns (when it concerns one). */
export function endpointExplainers(endpoint: Endpoint, flowId?: string): Explainer[] {
	const explainers = [forbidden(endpoint)];
	if (flowId) explainers.push(missingFlow(flowId));
	else if (endpoint.subject === 'execution') explainers.push(missingExecution);
	return explainers;
}
