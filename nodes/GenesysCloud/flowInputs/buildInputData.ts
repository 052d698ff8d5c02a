import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { coerceVariable } from './coerceValue';
import { refuseSaysNothing, refuseUnmatched } from './emptyTriggerData';
import { describeInputs, describeKind, FLOW_PREFIX, type InputVariable } from './inputVariables';

export interface TriggerDataSource {
	/** Keys as the user or the incoming item wrote them: with or without the Flow. prefix. */
	values: IDataObject;
	/** Auto-mapping passes whole items, whose unrelated keys are simply not inputs. */
	ignoreUnknownKeys: boolean;
	/** Where the values came from, for messages: "Trigger Data", "Trigger Data (JSON)", "Auto-mapped Trigger Data". */
	origin: string;
	/**
	 * Present when the node runs as an AI tool: the inputs the model fills, by field id (the variable's name),
	 * with the $fromAI() key the model knows each by. Refusals are then written for the model.
	 */
	modelArguments?: ReadonlyMap<string, string>;
	/**
	 * Set when the Trigger Data says nothing at all (JSON that is null, undefined, or an expression's empty text),
	 * to what it was, e.g. "null": such an item launches only a flow without inputs.
	 */
	nothing?: string;
}

export interface LaunchTarget {
	flowId: string;
	flowName: string;
	variables: InputVariable[];
}

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

/** Finds the input a key names: exactly, with or without the Flow. prefix, then ignoring case. */
export function findVariable(key: string, variables: InputVariable[]): InputVariable | undefined {
	const bare = key.startsWith(FLOW_PREFIX) ? key.slice(FLOW_PREFIX.length) : key;
	return (
		variables.find((variable) => variable.key === key || variable.name === bare) ??
		variables.find((variable) => variable.name.toLowerCase() === bare.toLowerCase())
	);
}

const quoted = (keys: readonly string[]) => keys.map((key) => `"${key}"`).join(', ');

/**
 * Turns Trigger Data into the launch's inputData: keys spelled exactly as the flow's schema spells them
 * (with the Flow. prefix), values converted to the input's type, empty values left out. Anything that would
 * make Genesys Cloud answer 400 fails here instead, naming the field, the expected type, what it got and the item.
 */
export function buildInputData(
	node: INode,
	target: LaunchTarget,
	source: TriggerDataSource,
	itemIndex: number,
): IDataObject {
	refuseSaysNothing(node, target, source, itemIndex);
	const inputData: IDataObject = {};
	const problems: string[] = [];
	const refused = new Set<string>();
	const unknown: string[] = [];
	const modelKey = (variable: InputVariable) => source.modelArguments?.get(variable.name);
	// The model knows an input by its argument key; a builder by its name and the key Genesys expects.
	const nameOf = (variable: InputVariable) => {
		const key = modelKey(variable);
		return key ? `"${key}"` : `"${variable.name}" (${variable.key})`;
	};
	let matched = 0;

	for (const [key, value] of Object.entries(source.values)) {
		const variable = findVariable(key, target.variables);
		if (!variable) {
			if (!source.ignoreUnknownKeys && !isEmpty(value)) unknown.push(key);
			continue;
		}
		matched++;
		if (isEmpty(value)) continue;
		const converted = coerceVariable(variable, value);
		if (!converted.ok) {
			problems.push(`${nameOf(variable)} ${converted.problem}`);
			refused.add(variable.name);
			continue;
		}
		inputData[variable.key] = converted.value as IDataObject[string];
	}
	if (source.ignoreUnknownKeys && matched === 0) refuseUnmatched(node, target, source, itemIndex);
	for (const variable of target.variables) {
		if (inputData[variable.key] !== undefined || refused.has(variable.name)) continue;
		// Every $fromAI() argument is required in the tool's schema, but n8n's agent does not enforce it: an
		// argument left out would launch the flow without that input.
		if (modelKey(variable)) {
			problems.push(`${nameOf(variable)} is missing: give ${describeKind(variable)}`);
		} else if (variable.required) {
			problems.push(`${nameOf(variable)} is required (${describeKind(variable)}) but has no value`);
		}
	}
	if (unknown.length) {
		problems.unshift(
			`${quoted(unknown)} ${unknown.length === 1 ? 'is not an input' : 'are not inputs'} of the flow`,
		);
	}
	if (problems.length) {
		const refusal: Refusal = { node, target, problems, unknown, itemIndex };
		throw source.modelArguments ? toolRefusal(refusal) : builderRefusal(refusal, source);
	}
	return inputData;
}

/** What an item's Trigger Data got wrong: every problem, and the keys that are no input of the flow. */
interface Refusal {
	node: INode;
	target: LaunchTarget;
	problems: string[];
	unknown: string[];
	itemIndex: number;
}

function builderRefusal(
	{ node, target, problems, unknown, itemIndex }: Refusal,
	source: TriggerDataSource,
): NodeOperationError {
	return new NodeOperationError(
		node,
		`${source.origin} of item ${itemIndex} does not fit flow "${target.flowName}": ${problems[0]}`,
		{
			itemIndex,
			description: [
				problems.length > 1 ? `All problems: ${problems.join('; ')}.` : '',
				`The flow's inputs are: ${describeInputs(target.variables)}.`,
				unknown.some((key) => key.toLowerCase() === 'flow')
					? 'Inputs are not nested under "Flow": give each one at the top level, e.g. "Flow.customerId" or "customerId".'
					: '',
				unknown.length
					? 'Genesys Cloud would accept such a key and the flow would then fail at run time, so nothing was sent. If the flow gained or renamed inputs, publish it in Architect, then refresh the Trigger Data fields.'
					: 'Fix the value in Trigger Data (or in the incoming item); nothing was sent to Genesys Cloud.',
			]
				.filter(Boolean)
				.join(' '),
		},
	);
}

/**
 * A refusal the model can act on: every problem in the message (an agent shows the model the message only),
 * each naming the argument, what it must be and what was sent.
 */
function toolRefusal({ node, target, problems, unknown, itemIndex }: Refusal): NodeOperationError {
	return new NodeOperationError(
		node,
		`Not launched: ${problems.join('; ')}. Call the tool again with ${problems.length === 1 ? 'this argument' : 'these arguments'} fixed.`,
		{
			itemIndex,
			description: unknown.length
				? `The flow "${target.flowName}" takes these inputs: ${describeInputs(target.variables)}.`
				: `Nothing was sent to Genesys Cloud for flow "${target.flowName}".`,
		},
	);
}
