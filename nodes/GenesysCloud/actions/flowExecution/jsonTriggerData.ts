import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TriggerDataSource } from '../../flowInputs/buildInputData';
import { runsAsTool } from '../asTool';
import { itemParameter, nodeOf, storedParameter } from '../itemParameter';

const ORIGIN = 'Trigger Data (JSON)';

/**
 * What Trigger Data (JSON) gives for one item. Empty text typed in the field means `{}`; null, undefined, or an
 * expression resolving to empty text says nothing, which only a flow without inputs may launch with (the
 * flow's schema decides later). Anything else must be a JSON object.
 */
export function jsonTriggerData(ctx: IExecuteFunctions, itemIndex: number): TriggerDataSource {
	const stored = storedParameter(ctx, 'triggerDataJson');
	const fromExpression = typeof stored === 'string' && stored.startsWith('=');
	const raw = itemParameter<unknown>(ctx, 'triggerDataJson', itemIndex, '{}');
	const empty: TriggerDataSource = {
		values: {},
		ignoreUnknownKeys: false,
		origin: ORIGIN,
		// As a tool, refusals are written for the model; no field of JSON Trigger Data is a $fromAI() argument.
		...(runsAsTool(nodeOf(ctx)) ? { modelArguments: new Map<string, string>() } : {}),
	};
	const nothing = (what: string): TriggerDataSource => ({ ...empty, nothing: what });
	let values: unknown = raw;
	if (typeof raw === 'string') {
		if (!raw.trim()) return fromExpression ? nothing('empty text') : empty;
		try {
			values = JSON.parse(raw);
		} catch (error) {
			values = new Error((error as Error).message);
		}
	}
	if (values === null) return nothing('null');
	if (values === undefined) return nothing('nothing (undefined)');
	if (values instanceof Error || typeof values !== 'object' || Array.isArray(values)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`${ORIGIN} of item ${itemIndex} is not a JSON object`,
			{
				itemIndex,
				description: `Give an object such as {"customerId": "C-42"}${values instanceof Error ? ` (${values.message})` : ''}.`,
			},
		);
	}
	return { ...empty, values: values as IDataObject };
}
