import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { itemParameter } from '../itemParameter';

const DESCRIPTION =
	'Version of the flow to launch. Leave empty for the latest published version at launch time; a version picked here stays pinned when the flow is published again.';

/**
 * Flow Version in each node version. Node version 1 stored it as a plain string ("3.0"); version 2 picks it from
 * the flow's versions, a resource locator whose value is an object. Saved workflows keep their node version, so
 * a stored "3.0" stays a v1 string parameter and runs as before.
 */
export function flowVersionParameters(show: IDisplayOptions['show']): INodeProperties[] {
	return [
		{
			displayName: 'Flow Version',
			name: 'flowVersion',
			type: 'string',
			default: '',
			placeholder: 'e.g. 3.0',
			description: 'Version of the flow to launch. Leave empty for the latest published version.',
			displayOptions: { show: { ...show, '@version': [1] } },
		},
		{
			displayName: 'Flow Version',
			name: 'flowVersion',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			description: DESCRIPTION,
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					placeholder: 'Latest published version',
					typeOptions: { searchListMethod: 'searchFlowVersions', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 3.0',
				},
			],
			displayOptions: { show: { ...show, '@version': [{ _cnd: { gte: 2 } }] } },
		},
	];
}

/** The version an item asks for, "" for the latest published one: a v1 string or a v2 locator's value. */
export function flowVersionOf(ctx: IExecuteFunctions, itemIndex: number): string {
	return String(
		itemParameter(ctx, 'flowVersion', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
}
