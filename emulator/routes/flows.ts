/**
 * GET /api/v2/flows, /flows/{id}, /flows/{id}/versions, /flows/{id}/versions/{versionId}.
 * Deleted flows: GET by id still answers 200 with deleted:true (what Genesys's own deleted flag implies); listings
 * hide them unless deleted=true; launching one answers 410.
 */
import type { CatalogFlow } from '../catalog';
import { dialectOf, flowUri } from '../catalog';
import { ok, type Reply, type RequestContext } from '../context';
import { badRequest, notFound } from '../errors';
import type { EmulatorKnobs } from '../types';

const SORTABLE: Record<string, (f: CatalogFlow) => string> = {
	id: (f) => f.id,
	name: (f) => f.name.toLowerCase(),
	description: (f) => f.description.toLowerCase(),
	type: (f) => f.type,
};

export function listFlowsRoute(ctx: RequestContext): Reply {
	const { query, state } = ctx;
	const knobs = state.knobs;
	const { pageNumber, pageSize } = paging(query, knobs);

	const types = query
		.getAll('type')
		.flatMap((t) => t.split(','))
		.map((t) => t.trim().toUpperCase())
		.filter(Boolean);
	const includeDeleted = bool(query, 'deleted', false);
	const includeSchemas = bool(query, 'includeSchemas', false);
	const name = matcher(query.get('name'), knobs);
	const description = matcher(query.get('description'), knobs);
	const nameOrDescription = matcher(query.get('nameOrDescription'), knobs);
	const publishVersionId = query.get('publishVersionId');
	const ids = new Set(
		query
			.getAll('id')
			.flatMap((t) => t.split(','))
			.filter(Boolean),
	);

	let flows = state.catalog.list.filter(
		(f) =>
			(includeDeleted || !f.deleted) &&
			(types.length === 0 || types.includes(f.type)) &&
			(!name || name(f.name)) &&
			(!description || description(f.description)) &&
			(!nameOrDescription || nameOrDescription(f.name) || nameOrDescription(f.description)) &&
			(!publishVersionId || f.published?.id === publishVersionId) &&
			(ids.size === 0 || ids.has(f.id)),
	);

	const sortBy = query.get('sortBy') ?? 'id';
	const key = SORTABLE[sortBy];
	if (!key)
		throw badRequest(
			`sortBy must be one of ${Object.keys(SORTABLE).join(', ')}; got '${sortBy}'`,
			'sortBy',
			'invalid.value',
		);
	const order = (query.get('sortOrder') ?? 'asc').toLowerCase();
	if (!['asc', 'desc', 'ascending', 'descending'].includes(order))
		throw badRequest(`sortOrder must be asc or desc; got '${order}'`, 'sortOrder', 'invalid.value');
	const direction = order.startsWith('desc') ? -1 : 1;
	flows = [...flows].sort((a, b) =>
		key(a) < key(b) ? -direction : key(a) > key(b) ? direction : 0,
	);

	const page = flows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
	const entities = page.map((f) =>
		includeSchemas ? f.entity[dialectOf(f, knobs.schemaDialect)] : f.entityWithoutSchemas,
	);
	return ok(
		envelope(entities, flows.length, pageNumber, pageSize, '/api/v2/flows', query),
		'FlowEntityListing',
	);
}

export function getFlowRoute(ctx: RequestContext): Reply {
	const flow = findFlow(ctx, ctx.params[0]);
	return ok(flow.entity[dialectOf(flow, ctx.state.knobs.schemaDialect)], 'Flow');
}

/**
 * The SDK's getFlowVersions documents pageNumber, pageSize and deleted (a boolean, "include deleted flows"); a
 * deleted flow's versions are served either way here, so `deleted` is only checked. No order is documented.
 */
export function listVersionsRoute(ctx: RequestContext): Reply {
	const flow = findFlow(ctx, ctx.params[0]);
	const { knobs } = ctx.state;
	const { pageNumber, pageSize } = paging(ctx.query, knobs);
	bool(ctx.query, 'deleted', false);
	// The seed lists versions oldest first.
	const all =
		knobs.versionListOrder === 'newest-first' ? [...flow.versionList].reverse() : flow.versionList;
	const entities = all
		.slice((pageNumber - 1) * pageSize, pageNumber * pageSize)
		.map((v) => v.entity[dialectOf(flow, knobs.schemaDialect)]);
	return ok(
		envelope(entities, all.length, pageNumber, pageSize, `${flowUri(flow.id)}/versions`, ctx.query),
		'FlowVersionEntityListing',
	);
}

export function getVersionRoute(ctx: RequestContext): Reply {
	const flow = findFlow(ctx, ctx.params[0]);
	const version = flow.versions.get(ctx.params[1]);
	if (!version) throw notFound(`Version of flow ${flow.id}`, ctx.params[1]);
	return ok(version.entity[dialectOf(flow, ctx.state.knobs.schemaDialect)], 'FlowVersion');
}

function findFlow(ctx: RequestContext, id: string): CatalogFlow {
	const flow = ctx.state.catalog.get(id);
	if (!flow) throw notFound('Flow', id);
	return flow;
}

function paging(
	query: URLSearchParams,
	knobs: EmulatorKnobs,
): { pageNumber: number; pageSize: number } {
	const pageNumber = positiveInt(query, 'pageNumber', 1);
	const pageSize = positiveInt(query, 'pageSize', 25);
	if (pageSize > knobs.maxPageSize)
		throw badRequest(
			`pageSize must be at most ${knobs.maxPageSize}; got ${pageSize}`,
			'pageSize',
			'invalid.value',
		);
	return { pageNumber, pageSize };
}

function positiveInt(query: URLSearchParams, name: string, fallback: number): number {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1)
		throw badRequest(`${name} must be a whole number >= 1; got '${raw}'`, name, 'invalid.value');
	return n;
}

function bool(query: URLSearchParams, name: string, fallback: boolean): boolean {
	const raw = query.get(name);
	if (raw === null || raw === '') return fallback;
	if (raw.toLowerCase() === 'true') return true;
	if (raw.toLowerCase() === 'false') return false;
	throw badRequest(`${name} must be true or false; got '${raw}'`, name, 'invalid.value');
}

/**
 * Name filters: '*' is a wildcard, matching is case-insensitive over the whole value. Without '*' the value
 * matches exactly, or as a substring when nameFilterWithoutWildcard is 'contains' (real behaviour unverified).
 */
function matcher(
	pattern: string | null,
	knobs: EmulatorKnobs,
): ((value: string) => boolean) | undefined {
	if (pattern === null || pattern === '') return undefined;
	const escaped = pattern
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	const source =
		pattern.includes('*') || knobs.nameFilterWithoutWildcard === 'exact' ? `^${escaped}$` : escaped;
	const re = new RegExp(source, 'is');
	return (value) => re.test(value);
}

function envelope(
	entities: unknown[],
	total: number,
	pageNumber: number,
	pageSize: number,
	base: string,
	query: URLSearchParams,
) {
	const pageCount = Math.ceil(total / pageSize);
	const uri = (n: number) => {
		const q = new URLSearchParams(query);
		q.set('pageSize', String(pageSize));
		q.set('pageNumber', String(n));
		return `${base}?${q.toString()}`;
	};
	return {
		entities,
		pageSize,
		pageNumber,
		total,
		pageCount,
		firstUri: uri(1),
		selfUri: uri(pageNumber),
		...(pageNumber < pageCount && { nextUri: uri(pageNumber + 1) }),
		...(pageNumber > 1 && { previousUri: uri(Math.min(pageNumber - 1, Math.max(pageCount, 1))) }),
		lastUri: uri(Math.max(pageCount, 1)),
	};
}
