import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
	NodeParameterValueType,
} from 'n8n-workflow';

import type { ClientOptions } from '../transport/genesysClient';
import { runsAsTool } from './asTool';
import { itemParameter, nodeOf } from './itemParameter';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

/** The Flow picker: a searchable list of published workflows, an ID, or the flow's Architect URL. */
export const flowLocator: INodeProperties = {
	displayName: 'Flow',
	name: 'flowId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Genesys Cloud Architect workflow',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a workflow...',
			typeOptions: { searchListMethod: 'searchWorkflows', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 8d3c5e7a-1b2f-4c3d-9e8f-0a1b2c3d4e5f',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^\\s*${UUID}\\s*$`,
						errorMessage: 'A flow ID looks like 8d3c5e7a-1b2f-4c3d-9e8f-0a1b2c3d4e5f',
					},
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder:
				'e.g. https://apps.mypurecloud.com/architect/#/workflow/8d3c5e7a-1b2f-4c3d-9e8f-0a1b2c3d4e5f/latest',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: `^https?://.*${UUID}.*`,
						errorMessage: "Paste the flow's URL from Architect",
					},
				},
			],
			extractValue: { type: 'regex', regex: `^https?://.*?(${UUID})` },
		},
	],
};

/** Options every operation shares: how fast to go and how long to wait on the rate limit. */
export const requestOptions: INodeProperties[] = [
	{
		displayName: 'Max Concurrent Requests',
		name: 'maxConcurrentRequests',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: 10,
		description:
			'How many requests to Genesys Cloud may be under way at once. Items waiting for their flows hold none. How many may start per minute is Requests per Minute.',
	},
	{
		displayName: 'Requests per Minute',
		name: 'requestsPerMinute',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 300,
		description:
			"The request budget of this credential's token, spent evenly and shared by every node and execution using the credential in this n8n: Genesys Cloud allows 300 per minute per token by default, but an org may have another figure. If other integrations use the same OAuth client, give this node less. A 429 still slows the node down.",
	},
	{
		displayName: 'Rate Limit Wait Ceiling (Seconds)',
		name: 'rateLimitWaitCeiling',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 300,
		description:
			'When Genesys Cloud answers 429 Too Many Requests, the node waits as it asks and tries again; an item fails only after waiting this long in total',
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 10 },
		default: 5,
		description:
			'Retries of reads after a temporary failure (5xx, network error), with growing pauses. A launch is retried only when Genesys Cloud certainly did not start the flow.',
	},
];

/**
 * A parameter's default as its description declares it, looked up in collections too: n8n's lint wants the
 * default written in the description, so the code reads it from there rather than keep a second copy.
 */
export function defaultOf<T extends NodeParameterValueType>(
	properties: readonly INodeProperties[],
	name: string,
): T {
	for (const property of properties) {
		if (property.name === name) return property.default as T;
		const nested = (property.options ?? []).filter(
			(option): option is INodeProperties => 'type' in option,
		);
		const found = nested.length ? defaultOf<T>(nested, name) : undefined;
		if (found !== undefined) return found;
	}
	return undefined as T;
}

/** The client's settings from an operation's Options; an option left out keeps the default its field shows. */
export function clientOptionsFrom(options: IDataObject): ClientOptions {
	const value = (name: string) => {
		const given = options[name];
		return given === undefined || given === ''
			? defaultOf<number>(requestOptions, name)
			: Number(given);
	};
	return {
		maxConcurrentRequests: Math.max(1, value('maxConcurrentRequests')),
		requestsPerMinute: value('requestsPerMinute'),
		rateLimitCeilingMs: value('rateLimitWaitCeiling') * 1000,
		maxRetries: value('maxRetries'),
	};
}

export const simplifyOutputOption: INodeProperties = {
	displayName: 'Simplify Output',
	name: 'simplifyOutput',
	type: 'boolean',
	default: true,
	description:
		'Whether to return the main execution fields only, with output variables without the Flow. prefix and of the types their flow declares (Genesys sends integers as strings such as "200"). Off returns the execution and its outputData exactly as Genesys sent them.',
	// A model reads every token of a tool's answer: as a tool, the node always answers simplified.
	displayOptions: { hide: { '@tool': [true] } },
};

/** Whether to simplify an execution's item: always as a tool, else as the option says (on by default). */
export function simplifiedOutput(ctx: IExecuteFunctions, itemIndex: number): boolean {
	const options = itemParameter<IDataObject>(ctx, 'options', itemIndex, {});
	return runsAsTool(nodeOf(ctx)) || options.simplifyOutput !== false;
}

/** An operation's Options: its own options first, then the request options every operation shares. */
export function optionsCollection(
	show: IDisplayOptions['show'],
	own: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: { show },
		options: [...own, ...requestOptions],
	};
}
