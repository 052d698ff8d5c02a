import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { TriggerDataSource } from '../../flowInputs/buildInputData';
import { modelArgumentsOf, runsAsTool } from '../asTool';
import { itemParameter, nodeOf, storedParameter } from '../itemParameter';
import { jsonTriggerData } from './jsonTriggerData';

/** The Trigger Data of one item, as its mode gives it: JSON text, auto-mapped input, or the Fields. */
export function triggerDataSource(ctx: IExecuteFunctions, itemIndex: number): TriggerDataSource {
	const mode = itemParameter<string>(ctx, 'triggerDataMode', itemIndex, 'fields');
	if (mode === 'json') return jsonTriggerData(ctx, itemIndex);
	const mappingMode = itemParameter<string>(
		ctx,
		'triggerData.mappingMode',
		itemIndex,
		'defineBelow',
	);
	if (mappingMode === 'autoMapInputData') {
		return {
			values: ctx.getInputData()[itemIndex].json,
			ignoreUnknownKeys: true,
			origin: 'Auto-mapped Trigger Data',
		};
	}
	// The editor stores value: null until a field is filled (always, for a flow without inputs), and n8n's
	// resource-mapper validation throws on a null value, so it must not be read through '.value' then.
	const stored = storedParameter(ctx, 'triggerData') as { value?: unknown } | undefined;
	if (stored?.value === null || stored?.value === undefined) {
		return { values: {}, ignoreUnknownKeys: false, origin: 'Trigger Data' };
	}
	if (runsAsTool(nodeOf(ctx))) {
		// Read past n8n's resource-mapper check, whose "Invalid input for 'priority'" tells a model neither the
		// type nor what it sent: the node's own check names both.
		const resolved = ctx.getNodeParameter('triggerData', itemIndex, {}) as { value?: IDataObject };
		return {
			values: resolved.value ?? {},
			ignoreUnknownKeys: false,
			origin: 'Trigger Data',
			modelArguments: modelArgumentsOf(stored.value),
		};
	}
	const values = itemParameter<IDataObject | null>(ctx, 'triggerData.value', itemIndex, {});
	return { values: values ?? {}, ignoreUnknownKeys: false, origin: 'Trigger Data' };
}

/**
 * Names the execution after the n8n workflow, execution and item, so that it can be found in Genesys. A call
 * from an AI agent or MCP client says so and names the tool; a run without an execution ID says when it ran.
 */
export function defaultExecutionName(ctx: IExecuteFunctions, itemIndex: number): string {
	const workflow = ctx.getWorkflow();
	const executionId = ctx.getExecutionId();
	const run = executionId ? `#${executionId}` : `at ${new Date().toISOString()}`;
	const node = nodeOf(ctx);
	const caller = runsAsTool(node) ? `AI tool "${node.name}"` : `item ${itemIndex}`;
	return `n8n: ${workflow.name ?? workflow.id ?? 'workflow'} ${run} ${caller}`.slice(0, 200);
}
