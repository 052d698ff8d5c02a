import type { INodeProperties } from 'n8n-workflow';

import type { RunnableOperation } from '../operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, RunnableOperation> = {
	get: get.operation,
	getMany: getMany.operation,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['flow'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Read a flow with its input and output variables and its published version',
				action: 'Get a flow',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				description: 'List flows, filtered by name and type',
				action: 'Get many flows',
			},
		],
		default: 'get',
	},
	...get.description,
	...getMany.description,
];
