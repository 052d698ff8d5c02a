import type { FlowListQuery } from './endpoints';

/** Genesys matches names exactly unless they hold '*': a plain word is turned into a "contains" search. */
export function nameFilter(name: string): string | undefined {
	const trimmed = name.trim();
	if (!trimmed) return undefined;
	return trimmed.includes('*') ? trimmed : `*${trimmed}*`;
}

/** The query of a flow listing as the node shows it: sorted by name, filtered by name and types. */
export function flowListQuery(filters: {
	name?: string;
	types?: string[];
	includeSchemas?: boolean;
}): FlowListQuery {
	const query: FlowListQuery = {
		sortBy: 'name',
		sortOrder: 'asc',
		includeSchemas: filters.includeSchemas === true,
	};
	if (filters.types?.length) query.type = filters.types;
	const name = nameFilter(filters.name ?? '');
	if (name) query.name = name;
	return query;
}
