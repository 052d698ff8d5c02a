import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { flowListQuery } from '../api/flowListQuery';
import { GenesysApi } from '../api/genesysApi';
import { clientOptionsFrom } from '../actions/common.descriptions';
import { GenesysClient } from '../transport/genesysClient';
import { MAX_PAGE_SIZE } from '../transport/pagination';

/** Where a flow opens in Architect, derived from the API host (api.<domain> → apps.<domain>). */
export function architectUrl(apiBaseUrl: string, flowId: string): string | undefined {
	const match = /^https:\/\/api\.(.+)$/.exec(apiBaseUrl);
	return match ? `https://apps.${match[1]}/architect/#/workflow/${flowId}/latest` : undefined;
}

/**
 * The Flow picker's list: workflows that have a published version (only those launch without a version),
 * one API page per list page, searched with the API's name filter.
 */
export async function searchWorkflows(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const client = await GenesysClient.create(this, clientOptionsFrom({}));
	const pageNumber = Number(paginationToken) > 0 ? Number(paginationToken) : 1;
	const query = {
		...flowListQuery({ name: filter, types: ['workflow'] }),
		pageNumber,
		pageSize: MAX_PAGE_SIZE,
	};
	const page = await new GenesysApi(client).flows.list(query, { action: 'list workflows' });
	const results = (page.entities ?? [])
		.filter((flow) => flow.publishedVersion?.id && !flow.deleted)
		.map((flow) => ({
			name: flow.name,
			value: flow.id,
			url: architectUrl(client.apiBaseUrl, flow.id),
		}));
	const hasMore = (page.pageCount ?? pageNumber) > pageNumber;
	return { results, paginationToken: hasMore ? String(pageNumber + 1) : undefined };
}
