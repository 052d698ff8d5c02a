import type { FromAIArgument, IExecuteFunctions, INode } from 'n8n-workflow';
import { extractFromAICalls, traverseNodeParameters } from 'n8n-workflow';

import { ARGUMENT_KEY } from '../flowInputs/fromAiFields';

/**
 * n8n runs a `usableAsTool` node attached to an AI Agent or an MCP Server Trigger as the synthetic type
 * `<package>.<name>Tool` (n8n's convertNodeToAiTool), and the editor asks the node's methods with that type too.
 */
export function runsAsTool(node: Pick<INode, 'type'>): boolean {
	return node.type.endsWith('Tool');
}

/**
 * The fields a model fills: those whose stored value is a $fromAI() expression, with the key the model knows
 * each by (the first $fromAI() call of the value).
 */
export function modelArgumentsOf(storedValues: unknown): Map<string, string> {
	const found = new Map<string, string>();
	if (!storedValues || typeof storedValues !== 'object') return found;
	for (const [field, stored] of Object.entries(storedValues)) {
		if (typeof stored !== 'string') continue;
		const [call] = extractFromAICalls(stored);
		if (call?.key) found.set(field, call.key);
	}
	return found;
}

/**
 * Arguments the model sent that the tool does not take (a guessed input, a typo beside the right name). An
 * agent runs the tool node with its own input item merged into the model's arguments, so the item's keys are
 * probed with $fromAI(), which reads the model's arguments alone; over MCP, n8n's schema drops such keys first.
 */
export function unexpectedArguments(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const declared: FromAIArgument[] = [];
	traverseNodeParameters(ctx.getNode().parameters, declared);
	const known = new Set(declared.map((argument) => argument.key));
	const item = ctx.getInputData()[itemIndex]?.json ?? {};
	return Object.keys(item).filter(
		(key) =>
			!known.has(key) &&
			// $fromAI() refuses any other key, and the model can only have sent such a key as an argument.
			ARGUMENT_KEY.test(key) &&
			ctx.evaluateExpression(`={{ $fromAI('${key}') }}`, itemIndex) !== undefined,
	);
}

/**
 * An agent hands the model only an error's message, so a tool's errors carry their fix in it. n8n's MCP path
 * adds the description itself unless the message already holds it.
 */
export function withFixInMessage<E extends { message: string; description?: string | null }>(
	error: E,
): E {
	const fix = error.description?.trim();
	if (fix && !error.message.includes(fix))
		error.message = `${error.message.replace(/\.?$/, '.')} ${fix}`;
	return error;
}
