import type { INodeProperties } from 'n8n-workflow';

import type { RunnableOperation } from '../operation';
import * as get from './get.operation';
import * as launch from './launch.operation';

export const operations: Record<string, RunnableOperation> = {
	launch: launch.operation,
	get: get.operation,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['flowExecution'] } },
		options: [
			{
				name: 'Launch',
				value: 'launch',
				description:
					'Start a Genesys Cloud workflow with Trigger Data, optionally waiting for its outputs',
				action: 'Launch a workflow',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Read the status and outputs of a flow execution',
				action: 'Get a flow execution',
			},
		],
		default: 'launch',
	},
	...launch.description,
	...get.description,
];
