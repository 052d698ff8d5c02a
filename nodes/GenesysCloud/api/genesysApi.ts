import type { IDataObject } from 'n8n-workflow';

import type { FlowExecutionLaunchRequest } from '../../../schemas/generated/genesys';
import type { Explainer } from '../transport/explainFailure';
import type { GenesysClient } from '../transport/genesysClient';
import { collectPages } from '../transport/pagination';
import {
	ENDPOINTS,
	pathOf,
	type EndpointModels,
	type EndpointName,
	type FlowListQuery,
	type FlowVersionListQuery,
	type PathParams,
} from './endpoints';
import { endpointExplainers } from './explanations';

export interface CallOptions {
	itemIndex?: number;
	/** What is being done, in the user's terms, when the endpoint's own wording is too vague (e.g. the flow's name). */
	action?: string;
	/** The caller's explanations of failures, tried before the endpoint's own. */
	explainers?: Explainer[];
}

interface Call<Name extends EndpointName> {
	params: PathParams<Name>;
	query?: EndpointModels[Name]['query'];
	body?: EndpointModels[Name]['body'];
	/** The endpoint's own wording of what it does. */
	action: string;
	/** The flow the call concerns, for the wording of a 404 or 410. */
	flowId?: string;
}

/** Genesys Cloud as the node uses it: one typed method per endpoint of ENDPOINTS. */
export class GenesysApi {
	constructor(readonly client: GenesysClient) {}

	private async call<Name extends EndpointName>(
		name: Name,
		call: Call<Name>,
		options: CallOptions,
	): Promise<EndpointModels[Name]['response']> {
		const endpoint = ENDPOINTS[name];
		return await this.client.request<EndpointModels[Name]['response']>(
			{
				method: endpoint.method,
				path: pathOf(name, call.params),
				qs: call.query as IDataObject | undefined,
				body: call.body as IDataObject | undefined,
				idempotent: endpoint.idempotent,
			},
			{
				action: options.action ?? call.action,
				itemIndex: options.itemIndex,
				explainers: [...(options.explainers ?? []), ...endpointExplainers(endpoint, call.flowId)],
			},
		);
	}

	readonly flows = {
		list: (query: FlowListQuery, options: CallOptions = {}) =>
			this.call('listFlows', { params: {}, query, action: 'list flows' }, options),

		/** Every flow of the listing, or the first `limit`, walking its pages. */
		listAll: (query: FlowListQuery, limit: number, options: CallOptions = {}) =>
			collectPages(
				(pageNumber, pageSize) => this.flows.list({ ...query, pageNumber, pageSize }, options),
				limit,
			),

		get: (flowId: string, options: CallOptions = {}) =>
			this.call('getFlow', { params: { flowId }, action: `read flow ${flowId}`, flowId }, options),

		listVersions: (flowId: string, query: FlowVersionListQuery, options: CallOptions = {}) =>
			this.call(
				'listVersions',
				{ params: { flowId }, query, action: `list the versions of flow ${flowId}`, flowId },
				options,
			),

		/** The flow's versions, or the first `limit`, walking the listing's pages in the order Genesys sends them. */
		allVersions: (flowId: string, limit: number, options: CallOptions = {}) =>
			collectPages(
				(pageNumber, pageSize) =>
					this.flows.listVersions(flowId, { pageNumber, pageSize }, options),
				limit,
			),

		getVersion: (flowId: string, versionId: string, options: CallOptions = {}) =>
			this.call(
				'getVersion',
				{
					params: { flowId, versionId },
					action: `read version ${versionId} of flow ${flowId}`,
					flowId,
				},
				options,
			),
	};

	readonly executions = {
		launch: (request: FlowExecutionLaunchRequest, options: CallOptions = {}) =>
			this.call(
				'launch',
				{
					params: {},
					body: request,
					action: `launch flow ${request.flowId}`,
					flowId: request.flowId,
				},
				options,
			),

		get: (executionId: string, options: CallOptions = {}) =>
			this.call(
				'getExecution',
				{ params: { flowExecutionId: executionId }, action: `read flow execution ${executionId}` },
				options,
			),
	};
}
