import type { Explainer } from '../../transport/explainFailure';
import { droppedScopeNote, fieldsNamed, scopeCause } from '../../transport/explainFailure';

/** Where to look for a launch, when its answer was lost. */
export interface LaunchIdentity {
	flowId: string;
	executionName: string;
}

/** A launch's failures in terms of Trigger Data, publishing, and a flow that may have started. */
export function launchExplainer({ flowId, executionName }: LaunchIdentity): Explainer {
	return (failure, { scope, lostAnswer }) => {
		if (lostAnswer) {
			return {
				message: `The flow may have started: ${lostAnswer}, so Genesys Cloud's answer to the launch was lost`,
				description: `${failure.networkCode ? `Network error: ${failure.networkCode}. ` : ''}The launch was not retried, to avoid running the flow twice. Look in Genesys Cloud for an execution named "${executionName}" of flow ${flowId} before launching this item again.`,
			};
		}
		if (failure.status === 400 && !failure.body) {
			return {
				description: `Likely causes, most likely first: 1. ${scopeCause(scope)} 2. The Trigger Data does not match the flow's inputs: names must be the flow's input variables (sent as Flow.<name>), values of their types; republish the flow after adding inputs in Architect.${droppedScopeNote(scope)}`,
			};
		}
		if (failure.status === 400) {
			const fields = fieldsNamed(failure);
			const inputs = fields.filter((field) => field.startsWith('Flow.'));
			const others = fields.filter((field) => !field.startsWith('Flow.'));
			const fixes = [
				inputs.length
					? `Fix ${inputs.join(', ')} in Trigger Data: it must be one of the flow's input variables, of its type.`
					: '',
				others.length
					? `Check ${others.join(', ')} (the flow, Flow Version, or a list option of this node).`
					: '',
			].filter(Boolean);
			return {
				description: fixes.length
					? fixes.join(' ')
					: 'Check the flow ID, the flow version and the Trigger Data against the flow in Architect.',
			};
		}
		if (failure.status === 413) {
			return {
				description:
					'Send less Trigger Data: pass references (IDs, URLs) instead of large documents.',
			};
		}
		return undefined;
	};
}

/** Added to the error that stops a run: the flows already started keep running. */
export function alreadyLaunchedNote(
	launched: ReadonlySet<number>,
	failedItemIndex: number,
): string | undefined {
	// The failing item may itself have been launched (its wait failed): it is not one of the "other" items.
	const others = [...launched].filter((itemIndex) => itemIndex !== failedItemIndex).length;
	if (others === 0) return undefined;
	return `${others} other item(s) had already been launched in this run; their flows are running in Genesys Cloud.`;
}
