import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { LaunchTarget, TriggerDataSource } from './buildInputData';
import { describeInputs } from './inputVariables';

/** Item keys named in a message: enough to recognise the item, not a dump of it. */
const KEYS_SHOWN = 20;

/**
 * Why Trigger Data that says nothing is refused: Genesys Cloud accepts the launch and starts the flow with every
 * input at its initial value, and a flow that needs one fails minutes later while n8n shows a green run.
 */
const ACCEPTED_THEN_FAILS =
	'Launched like this, Genesys Cloud would start the flow with every input at its initial value, and a flow that needs one would fail later, so nothing was sent.';

function keyList(keys: string[]): string {
	if (keys.length === 0) return 'none (the item is empty)';
	const shown = keys.slice(0, KEYS_SHOWN).map((key) => `"${key}"`);
	const more = keys.length - shown.length;
	return `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * Refuses JSON Trigger Data that is null, undefined or an expression's empty text when the flow has inputs. A
 * flow without inputs launches with `{}` whatever the mode, so nothing is lost there.
 */
export function refuseSaysNothing(
	node: INode,
	target: LaunchTarget,
	source: TriggerDataSource,
	itemIndex: number,
): void {
	if (source.nothing === undefined || target.variables.length === 0) return;
	throw new NodeOperationError(
		node,
		`${source.origin} of item ${itemIndex} is not a JSON object but ${source.nothing}`,
		{
			itemIndex,
			description: `Flow "${target.flowName}" has inputs: ${describeInputs(target.variables)}. ${ACCEPTED_THEN_FAILS} If an expression gives the Trigger Data, check what it resolves to for this item. To launch with every input at its initial value on purpose, give an empty object: {}.`,
		},
	);
}

/**
 * Refuses an auto-mapped item none of whose keys names an input of a flow that has some: unrelated keys are
 * ignored, which is only safe while some keys are related (a wrong upstream node or a renamed column must not
 * launch empty flows).
 */
export function refuseUnmatched(
	node: INode,
	target: LaunchTarget,
	source: TriggerDataSource,
	itemIndex: number,
): void {
	if (target.variables.length === 0) return;
	throw new NodeOperationError(
		node,
		`${source.origin} of item ${itemIndex} matches none of the inputs of flow "${target.flowName}"`,
		{
			itemIndex,
			description: `The item's keys: ${keyList(Object.keys(source.values))}. The flow's inputs are: ${describeInputs(target.variables)}. ${ACCEPTED_THEN_FAILS} The item may come from the wrong node, or a column may have been renamed. To launch with every input at its initial value on purpose, set Trigger Data to JSON and give {}.`,
		},
	);
}
