/** Maps method + path to a route. Segment matching by hand: a regex table costs more per request. */
import { OPERATION_PERMISSIONS as REQUIRES } from './auth/permissions';
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

const TOKEN: RouteDef = { key: 'token', auth: 'basic', handler: tokenRoute };
const LIST_FLOWS = bearer('listFlows', REQUIRES.getFlows, listFlowsRoute);
const GET_FLOW = bearer('getFlow', REQUIRES.getFlow, getFlowRoute);
const LIST_VERSIONS = bearer('listVersions', REQUIRES.getFlowVersions, listVersionsRoute);
const GET_VERSION = bearer('getVersion', REQUIRES.getFlowVersion, getVersionRoute);
const LAUNCH = bearer('launch', REQUIRES.postFlowsExecutions, launchRoute);
const GET_EXECUTION = bearer('getExecution', REQUIRES.getFlowsExecution, getExecutionRoute);

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
