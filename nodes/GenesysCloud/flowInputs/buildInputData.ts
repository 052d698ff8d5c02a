import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { coerceVariable } from './coerceValue';
import { describeKind, FLOW_PREFIX, shortKind, type InputVariable } from './inputVariables';

export interface TriggerDataSource {
	/** Keys as the user or the incoming item wrote them: with or without the Flow. prefix. */
	values: IDataObject;
	/** Auto-mapping passes whole items, whose unrelated keys are simply not inputs. */
	ignoreUnknownKeys: boolean;
	/** Where the values came from, for messages: "Trigger Data", "Trigger Data (JSON)", "Auto-mapped Trigger Data". */
	origin: string;
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

function accepted(variables: InputVariable[]): string {
	return variables.length
		? variables
				.map(
					(variable) =>
						`${variable.name} (${shortKind(variable)}${variable.required ? ', required' : ''})`,
				)
				.join(', ')
		: 'none: this flow takes no inputs';
}

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
	const inputData: IDataObject = {};
	const problems: string[] = [];
	const unknown: string[] = [];

	for (const [key, value] of Object.entries(source.values)) {
		const variable = findVariable(key, target.variables);
		if (!variable) {
			if (!source.ignoreUnknownKeys && !isEmpty(value)) unknown.push(key);
			continue;
		}
		if (isEmpty(value)) continue;
		const converted = coerceVariable(variable, value);
		if (!converted.ok) {
			problems.push(`"${variable.name}" (${variable.key}) ${converted.problem}`);
			continue;
		}
		inputData[variable.key] = converted.value as IDataObject[string];
	}
	for (const variable of target.variables) {
		if (
			variable.required &&
			inputData[variable.key] === undefined &&
			!problems.some((p) => p.startsWith(`"${variable.name}"`))
		) {
			problems.push(
				`"${variable.name}" (${variable.key}) is required (${describeKind(variable)}) but has no value`,
			);
		}
	}
	if (unknown.length) {
		problems.unshift(
			`${unknown.map((key) => `"${key}"`).join(', ')} ${unknown.length === 1 ? 'is not an input' : 'are not inputs'} of the flow`,
		);
	}
	if (problems.length) {
		throw new NodeOperationError(
			node,
			`${source.origin} of item ${itemIndex} does not fit flow "${target.flowName}": ${problems[0]}`,
			{
				itemIndex,
				description: [
					problems.length > 1 ? `All problems: ${problems.join('; ')}.` : '',
					`The flow's inputs are: ${accepted(target.variables)}.`,
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
	return inputData;
}
