import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { Flow } from '../../../../schemas/generated/genesys';
import { collectPages } from '../../transport/pagination';
import { optionsCollection } from '../common.descriptions';
import type { RunContext } from '../runContext';

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
				description: 'Flow name; * matches any text. Without *, names containing the text are returned.',
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
				description: 'Whether to include each flow\'s input and output schema',
			},
		],
	},
	optionsCollection(show),
];

/** Genesys matches names exactly unless they hold '*': a plain word is turned into a "contains" search. */
export function nameFilter(name: string): string | undefined {
	const trimmed = name.trim();
	if (!trimmed) return undefined;
	return trimmed.includes('*') ? trimmed : `*${trimmed}*`;
}

export async function execute(this: IExecuteFunctions, run: RunContext, itemIndex: number): Promise<IDataObject[]> {
	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll ? Infinity : (this.getNodeParameter('limit', itemIndex, 50) as number);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const types = (filters.types as string[] | undefined) ?? ['workflow'];
	const qs: IDataObject = { sortBy: 'name', sortOrder: 'asc', includeSchemas: filters.includeSchemas === true };
	if (types.length) qs.type = types;
	const name = nameFilter(String(filters.name ?? ''));
	if (name) qs.name = name;
	const flows = await collectPages<Flow>(run.client, '/api/v2/flows', qs, { action: 'list flows', itemIndex }, limit);
	return flows as IDataObject[];
}
