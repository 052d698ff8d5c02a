import type { IHttpRequestMethods } from 'n8n-workflow';

import type {
	Flow,
	FlowEntityListing,
	FlowExecutionLaunchRequest,
	FlowExecutionLaunchResponse,
	FlowRuntimeExecution,
	FlowVersion,
	FlowVersionEntityListing,
} from '../../../schemas/generated/genesys';
import { PERMISSIONS, type PermissionName } from './permissions';

export interface Endpoint {
	method: IHttpRequestMethods;
	/** With `{name}` placeholders, filled (URI-encoded) from the call's parameters. */
	path: string;
	/** Whether sending it twice is harmless, so that a lost answer may be retried. */
	idempotent: boolean;
	permission: PermissionName;
	/** What the endpoint acts on, for the errors' wording: a flow, a flow version, an execution. */
	subject: 'flow' | 'flowVersion' | 'execution';
}

/**
 * Every Genesys Cloud endpoint the node calls, declared once. The keys are the emulator's route keys: a test
 * checks that both tables agree on method, path and permission.
 */
export const ENDPOINTS = {
	listFlows: {
		method: 'GET',
		path: '/api/v2/flows',
		idempotent: true,
		permission: PERMISSIONS.flowView.name,
		subject: 'flow',
	},
	getFlow: {
		method: 'GET',
		path: '/api/v2/flows/{flowId}',
		idempotent: true,
		permission: PERMISSIONS.flowView.name,
		subject: 'flow',
	},
	listVersions: {
		method: 'GET',
		path: '/api/v2/flows/{flowId}/versions',
		idempotent: true,
		permission: PERMISSIONS.flowView.name,
		subject: 'flowVersion',
	},
	getVersion: {
		method: 'GET',
		path: '/api/v2/flows/{flowId}/versions/{versionId}',
		idempotent: true,
		permission: PERMISSIONS.flowView.name,
		subject: 'flowVersion',
	},
	// The launch API takes no idempotency key: a launch whose answer was lost may have started the flow.
	launch: {
		method: 'POST',
		path: '/api/v2/flows/executions',
		idempotent: false,
		permission: PERMISSIONS.flowLaunch.name,
		subject: 'execution',
	},
	getExecution: {
		method: 'GET',
		path: '/api/v2/flows/executions/{flowExecutionId}',
		idempotent: true,
		permission: PERMISSIONS.flowExecutionView.name,
		subject: 'execution',
	},
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

/** Query of GET /api/v2/flows as the node sends it (Genesys takes `type` repeated). */
export interface FlowListQuery {
	type?: string[];
	name?: string;
	sortBy?: 'name';
	sortOrder?: 'asc' | 'desc';
	includeSchemas?: boolean;
	pageNumber?: number;
	pageSize?: number;
}

/**
 * Query of GET /api/v2/flows/{flowId}/versions: Genesys's SDK (ArchitectApi.getFlowVersions) documents only
 * these, with no sort or name filter, so the node orders and searches the versions itself.
 */
export interface FlowVersionListQuery {
	pageNumber?: number;
	pageSize?: number;
}

/** The generated model types of each endpoint's request and answer. */
export interface EndpointModels {
	listFlows: { query: FlowListQuery; body: never; response: FlowEntityListing };
	getFlow: { query: never; body: never; response: Flow };
	listVersions: {
		query: FlowVersionListQuery;
		body: never;
		response: FlowVersionEntityListing;
	};
	getVersion: { query: never; body: never; response: FlowVersion };
	launch: { query: never; body: FlowExecutionLaunchRequest; response: FlowExecutionLaunchResponse };
	getExecution: { query: never; body: never; response: FlowRuntimeExecution };
}

type Placeholders<Path extends string> = Path extends `${string}{${infer Name}}${infer Rest}`
	? Name | Placeholders<Rest>
	: never;

export type PathParams<Name extends EndpointName> = Record<
	Placeholders<(typeof ENDPOINTS)[Name]['path']>,
	string
>;

export function pathOf<Name extends EndpointName>(name: Name, params: PathParams<Name>): string {
	const values = params as Record<string, string>;
	return ENDPOINTS[name].path.replace(/\{(\w+)\}/g, (_, key: string) =>
		encodeURIComponent(values[key]),
	);
}
