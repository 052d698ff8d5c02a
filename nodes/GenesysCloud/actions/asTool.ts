import type { INode } from 'n8n-workflow';
import { extractFromAICalls } from 'n8n-workflow';

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
