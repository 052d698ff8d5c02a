import type { IDataObject } from 'n8n-workflow';

import type { RequestContext } from './apiErrors';
import type { GenesysClient } from './genesysClient';

/** Genesys's paging envelope (`entities`, `pageNumber`, `pageCount`, ...). */
export interface Page<T> {
	entities?: T[];
	pageNumber?: number;
	pageSize?: number;
	pageCount?: number;
	total?: number;
	nextUri?: string;
}

export const MAX_PAGE_SIZE = 100;

/** Reads pages until `limit` entities are collected or the listing ends. */
export async function collectPages<T>(
	client: GenesysClient,
	path: string,
	qs: IDataObject,
	context: RequestContext,
	limit = Infinity,
): Promise<T[]> {
	const results: T[] = [];
	// One page size for the whole walk: page numbers only line up when it stays the same.
	const pageSize = Math.max(1, Math.min(MAX_PAGE_SIZE, limit));
	for (let pageNumber = 1; results.length < limit; pageNumber++) {
		const page = await client.request<Page<T>>(
			{ method: 'GET', path, qs: { ...qs, pageNumber, pageSize } },
			context,
		);
		const entities = page.entities ?? [];
		results.push(...entities.slice(0, limit - results.length));
		const lastPage = page.pageCount ?? (page.nextUri ? pageNumber + 1 : pageNumber);
		if (entities.length === 0 || pageNumber >= lastPage) break;
	}
	return results;
}
