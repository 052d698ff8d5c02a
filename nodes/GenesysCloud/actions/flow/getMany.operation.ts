import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { flowListQuery } from '../../api/flowListQuery';
import { defaultOf, optionsCollection } from '../common.descriptions';
import { defineOperation } from '../operation';

const show = { resource: ['flow'], operation: ['getMany'] };

export const FLOW_TYPES = [
	{ name: 'Bot', value: 'bot' },
	{ name: 'Common Module', value: 'commonmodule' },
	{ name: 'Digital Bot', value: 'digitalbot' },
	{ name: 'In-Queue Call', value: 'inqueuecall' },
	{ name: 'Inbound Call', value: 'inboundcall' },
	{ name: 'Inbound Chat', value: 'inboundchat' },
	{ name: 'Inbound Email', value: 'inboundemail' },
	{ name: 'Inbound Short Message', value: 'inboundshortmessage' },
	{ name: 'Outbound Call', value: 'outboundcall' },
	{ name: 'Workflow', value: 'workflow' },
];

export const description: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { ...show, returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. *follow-up*',
				description:
					'Flow name; * matches any text. Without *, names containing the text are returned.',
			},
			{
				displayName: 'Types',
				name: 'types',
				type: 'multiOptions',
				options: FLOW_TYPES,
				default: ['workflow'],
				description: 'Flow types to return',
			},
			{
				displayName: 'Include Input and Output Schemas',
				name: 'includeSchemas',
				type: 'boolean',
				default: false,
				description: "Whether to include each flow's input and output schema",
			},
		],
	},
	optionsCollection(show),
];

export const operation = defineOperation({
	async execute(this: IExecuteFunctions, { api }, itemIndex): Promise<IDataObject[]> {
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll
			? Infinity
			: (this.getNodeParameter(
					'limit',
					itemIndex,
					defaultOf<number>(description, 'limit'),
				) as number);
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		const query = flowListQuery({
			name: String(filters.name ?? ''),
			types: (filters.types as string[] | undefined) ?? defaultOf<string[]>(description, 'types'),
			includeSchemas: filters.includeSchemas === true,
		});
		return (await api.flows.listAll(query, limit, { itemIndex })) as IDataObject[];
	},
});
