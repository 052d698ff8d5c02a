/** Genesys's paging envelope (`entities`, `pageNumber`, `pageCount`, ...). */
export interface Page<T> {
	entities?: T[];
	pageNumber?: number;
	pageSize?: number;
	pageCount?: number;
	total?: number;
	nextUri?: string;
}

/** The largest page Genesys's listings serve. */
export const MAX_PAGE_SIZE = 100;

/** One page size for a whole walk: page numbers only line up when it stays the same. */
export function pageSizeFor(limit: number): number {
	return Math.max(1, Math.min(MAX_PAGE_SIZE, limit));
}

/** Whether `page` (number `pageNumber`) ends the listing: empty, or at its page count, or without a next link. */
export function isLastPage(page: Page<unknown>, pageNumber: number): boolean {
	const lastPage = page.pageCount ?? (page.nextUri ? pageNumber + 1 : pageNumber);
	return (page.entities ?? []).length === 0 || pageNumber >= lastPage;
}

/** Reads pages until `limit` entities are collected or the listing ends. */
export async function collectPages<T>(
	readPage: (pageNumber: number, pageSize: number) => Promise<Page<T>>,
	limit = Infinity,
): Promise<T[]> {
	const results: T[] = [];
	const pageSize = pageSizeFor(limit);
	for (let pageNumber = 1; results.length < limit; pageNumber++) {
		const page = await readPage(pageNumber, pageSize);
		results.push(...(page.entities ?? []).slice(0, limit - results.length));
		if (isLastPage(page, pageNumber)) break;
	}
	return results;
}
