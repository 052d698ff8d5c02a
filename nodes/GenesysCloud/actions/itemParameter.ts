import type { IExecuteFunctions, INode } from 'n8n-workflow';

/** What one node run (its execute context) has read: the node, and values that are the same for every item. */
interface RunReads {
	node: INode;
	/** The value read once, or `perItem` for a parameter holding an expression. */
	values: Map<string, { value: unknown } | 'perItem'>;
}

const reads = new WeakMap<IExecuteFunctions, RunReads>();

function readsOf(ctx: IExecuteFunctions): RunReads {
	let run = reads.get(ctx);
	if (!run) {
		run = { node: ctx.getNode(), values: new Map() };
		reads.set(ctx, run);
	}
	return run;
}

/**
 * The node of this run, copied once: `getNode()` deep-copies the whole node, parameters included, on every call,
 * which per item was a good part of what the node itself allocated. Callers must not change it.
 */
export function nodeOf(ctx: IExecuteFunctions): INode {
	return readsOf(ctx).node;
}

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (value !== null && typeof value === 'object')
		return Object.values(value).some(holdsExpression);
	return false;
}

/** The parameter as the workflow stores it, at a dotted path such as `triggerData.value`. */
export function storedParameter(ctx: IExecuteFunctions, path: string): unknown {
	let value: unknown = readsOf(ctx).node.parameters;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

/**
 * `getNodeParameter` for one item, except that a parameter holding no expression, which is the same for every
 * item, is read once per run. n8n resolves and deep-copies a parameter on every call, which for a 10,000-item
 * launch was most of what the node itself allocated. Callers must not change the value they get.
 */
export function itemParameter<T>(
	ctx: IExecuteFunctions,
	name: string,
	itemIndex: number,
	fallback: T,
	options?: { extractValue: boolean },
): T {
	const { values } = readsOf(ctx);
	const key = options?.extractValue ? `${name} (value)` : name;
	let known = values.get(key);
	if (!known) {
		known = holdsExpression(storedParameter(ctx, name))
			? 'perItem'
			: { value: ctx.getNodeParameter(name, itemIndex, fallback, options) };
		values.set(key, known);
	}
	return known === 'perItem'
		? (ctx.getNodeParameter(name, itemIndex, fallback, options) as T)
		: (known.value as T);
}
