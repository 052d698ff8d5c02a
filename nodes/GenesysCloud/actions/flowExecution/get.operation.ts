import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionsCollection, simplifiedOutput, simplifyOutputOption } from '../common.descriptions';
import { defineOperation } from '../operation';
import { executionItem } from './executionOutput';

const show = { resource: ['flowExecution'], operation: ['get'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Execution ID',
		name: 'executionId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 5f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
		description: 'ID of the flow execution, as returned by Launch',
		displayOptions: { show },
	},
	optionsCollection(show, [simplifyOutputOption]),
];

export const operation = defineOperation<string>({
	/** Checks every item's execution ID before any is read, as Launch checks its Trigger Data. */
	async prepare(this: IExecuteFunctions, _run, itemIndex) {
		const executionId = String(this.getNodeParameter('executionId', itemIndex, '') ?? '').trim();
		if (!executionId) {
			throw new NodeOperationError(this.getNode(), `Execution ID of item ${itemIndex} is empty`, {
				itemIndex,
				description: 'Map the executionId returned by a Launch, e.g. {{ $json.executionId }}.',
			});
		}
		return executionId;
	},
	async execute(this: IExecuteFunctions, { api }, itemIndex, executionId): Promise<IDataObject> {
		const execution = await api.executions.get(executionId, { itemIndex });
		return executionItem(execution, simplifiedOutput(this, itemIndex));
	},
});
