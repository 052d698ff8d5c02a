import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Flow } from '../../../../schemas/generated/genesys';
import { readSchemaVariables } from '../../flowInputs/schemaReader';
import { readFlow } from '../../flowInputs/launchTargets';
import { flowLocator, optionsCollection } from '../common.descriptions';
import type { RunContext } from '../runContext';

const show = { resource: ['flow'], operation: ['get'] };

export const description: INodeProperties[] = [
	{ ...flowLocator, description: 'The flow to read', displayOptions: { show } },
	optionsCollection(show),
];

export async function execute(this: IExecuteFunctions, run: RunContext, itemIndex: number): Promise<IDataObject> {
	const flowId = String(this.getNodeParameter('flowId', itemIndex, '', { extractValue: true }) ?? '').trim();
	const flow = await readFlow(run.client, flowId, itemIndex);
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
	return { ...(flow as IDataObject), inputs: readable(flow.inputSchema), outputs: readable(flow.outputSchema) };
}
