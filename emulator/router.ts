/** Maps method + path to a route. Segment matching by hand: a regex table costs more per request. */
import { PERMISSIONS } from '../nodes/GenesysCloud/api/permissions';
import type { Handler } from './context';
import { getExecutionRoute, launchRoute } from './routes/executions';
import { getFlowRoute, getVersionRoute, listFlowsRoute, listVersionsRoute } from './routes/flows';
import { tokenRoute } from './routes/oauth';
import type { RouteKey } from './types';

export interface RouteDef {
	key: RouteKey;
	auth: 'basic' | 'bearer';
	permission?: string;
	handler: Handler;
}

export type RouteMatch = { route: RouteDef; params: string[] } | { allowed: string[] } | undefined;

const bearer = (key: RouteKey, permission: string, handler: Handler): RouteDef => ({
	key,
	auth: 'bearer',
	permission,
	handler,
});

const { flowView, flowLaunch, flowExecutionView } = PERMISSIONS;
const TOKEN: RouteDef = { key: 'token', auth: 'basic', handler: tokenRoute };
const LIST_FLOWS = bearer('listFlows', flowView.name, listFlowsRoute);
const GET_FLOW = bearer('getFlow', flowView.name, getFlowRoute);
const LIST_VERSIONS = bearer('listVersions', flowView.name, listVersionsRoute);
const GET_VERSION = bearer('getVersion', flowView.name, getVersionRoute);
const LAUNCH = bearer('launch', flowLaunch.name, launchRoute);
const GET_EXECUTION = bearer('getExecution', flowExecutionView.name, getExecutionRoute);

function only(method: string, wanted: string, route: RouteDef, params: string[]): RouteMatch {
	return method === wanted ? { route, params } : { allowed: [wanted] };
}

export function matchRoute(method: string, path: string): RouteMatch {
	if (path === '/oauth/token') return only(method, 'POST', TOKEN, []);
	if (!path.startsWith('/api/v2/flows')) return undefined;
	const rest = path.slice('/api/v2/flows'.length);
	if (rest === '') return only(method, 'GET', LIST_FLOWS, []);
	if (rest[0] !== '/') return undefined;
	const seg = rest.slice(1).split('/').map(decode);
	if (seg.some((s) => s === undefined || s === '')) return undefined;
	const s = seg as string[];
	if (s[0] === 'executions') {
		if (s.length === 1) return only(method, 'POST', LAUNCH, []);
		if (s.length === 2) return only(method, 'GET', GET_EXECUTION, [s[1]]);
		return undefined;
	}
	if (s.length === 1) return only(method, 'GET', GET_FLOW, [s[0]]);
	if (s[1] !== 'versions') return undefined;
	if (s.length === 2) return only(method, 'GET', LIST_VERSIONS, [s[0]]);
	if (s.length === 3) return only(method, 'GET', GET_VERSION, [s[0], s[2]]);
	return undefined;
}

function decode(segment: string): string | undefined {
	try {
		return decodeURIComponent(segment);
	} catch {
		return undefined;
	}
}
