import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { flowListQuery } from '../api/flowListQuery';
import { GenesysApi } from '../api/genesysApi';
import { clientOptionsFrom } from '../actions/common.descriptions';
import { GenesysClient } from '../transport/genesysClient';
import { MAX_PAGE_SIZE } from '../transport/pagination';
import { versionChoices } from './versionChoices';

/** Versions read for the Flow Version list: ten pages, more than a flow's history usually holds. */
const MAX_VERSIONS_LISTED = 1000;

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

/**
 * The Flow Version list: the chosen flow's versions, the published one first. The whole listing is read (the
 * API sorts and filters nothing), after the flow itself, which says which version is published now.
 */
export async function searchFlowVersions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const flowId = String(
		this.getNodeParameter('flowId', undefined, { extractValue: true }) ?? '',
	).trim();
	if (!flowId) {
		throw new NodeOperationError(this.getNode(), 'Pick a flow first', {
			description: 'The versions listed here are those of the flow chosen in Flow.',
		});
	}
	const api = new GenesysApi(await GenesysClient.create(this, clientOptionsFrom({})));
	// The flow first: a wrong ID or a missing permission is then explained in terms of the flow.
	const flow = await api.flows.get(flowId);
	const versions = await api.flows.allVersions(flowId, MAX_VERSIONS_LISTED);
	return { results: versionChoices(versions, flow.publishedVersion?.id, filter) };
}
