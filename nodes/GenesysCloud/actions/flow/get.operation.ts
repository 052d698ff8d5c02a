import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Flow } from '../../../../schemas/generated/genesys';
import { readSchemaVariables } from '../../flowInputs/schemaReader';
import { flowLocator, optionsCollection } from '../common.descriptions';
import { defineOperation } from '../operation';

const show = { resource: ['flow'], operation: ['get'] };

export const description: INodeProperties[] = [
	{ ...flowLocator, description: 'The flow to read', displayOptions: { show } },
	optionsCollection(show),
];

export const operation = defineOperation({
	async execute(this: IExecuteFunctions, { api }, itemIndex): Promise<IDataObject> {
		const flowId = String(
			this.getNodeParameter('flowId', itemIndex, '', { extractValue: true }) ?? '',
		).trim();
		const flow = await api.flows.get(flowId, { itemIndex });
		// The variables, readable without knowing JSON Schema: what Launch's Trigger Data fields show, and the
		// descriptions n8n's field list cannot show.
		const readable = (schema: Flow['inputSchema']) =>
			readSchemaVariables(schema).map(({ name, key, kind, required, description }) => ({
				name,
				key,
				type: kind,
				required,
				...(description ? { description } : {}),
			}));
		return {
			...(flow as IDataObject),
			inputs: readable(flow.inputSchema),
			outputs: readable(flow.outputSchema),
		};
	},
});
