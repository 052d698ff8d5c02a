import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import {
	collectPages,
	isLastPage,
	MAX_PAGE_SIZE,
	pageSizeFor,
	type Page,
} from '../../nodes/GenesysCloud/transport/pagination';

describe('pageSizeFor: one page size for the whole walk', () => {
	// [what the row proves, limit, page size]
	const table: Array<[string, number, number]> = [
		['a limit of 1 reads pages of 1', 1, 1],
		['a limit under the maximum is the page size', 50, 50],
		['a limit at the maximum is the page size', 100, 100],
		['a limit over the maximum reads the largest pages', 250, MAX_PAGE_SIZE],
		['no limit reads the largest pages', Infinity, MAX_PAGE_SIZE],
		['a limit of 0 still asks for pages of at least 1', 0, 1],
		['a negative limit still asks for pages of at least 1', -5, 1],
	];
	for (const [name, limit, expected] of table) {
		test(name, () => assert.equal(pageSizeFor(limit), expected));
	}

	test('the largest page is 100', () => assert.equal(MAX_PAGE_SIZE, 100));
});

describe('isLastPage: whether a page ends the listing', () => {
	// [what the row proves, page, its number, whether it is the last]
	const table: Array<[string, Page<number>, number, boolean]> = [
		[
			'pageCount given: a page before the count is not the last',
			{ entities: [1], pageCount: 3 },
			2,
			false,
		],
		[
			'pageCount given: the page at the count is the last',
			{ entities: [1], pageCount: 3 },
			3,
			true,
		],
		[
			'pageCount given: a page past the count is the last',
			{ entities: [1], pageCount: 3 },
			4,
			true,
		],
		[
			'pageCount outranks a next link',
			{ entities: [1], pageCount: 1, nextUri: '/api/v2/x?pageNumber=2' },
			1,
			true,
		],
		['a pageCount of 0 ends the listing at once', { entities: [1], pageCount: 0 }, 1, true],
		[
			'nextUri only: a next link means more',
			{ entities: [1], nextUri: '/api/v2/x?pageNumber=3' },
			2,
			false,
		],
		['neither pageCount nor nextUri: the page is the last', { entities: [1, 2] }, 1, true],
		['neither, on a later page: still the last', { entities: [1] }, 5, true],
		[
			'empty entities end the listing whatever the count says',
			{ entities: [], pageCount: 10 },
			1,
			true,
		],
		[
			'empty entities end the listing despite a next link',
			{ entities: [], nextUri: '/api/v2/x?pageNumber=2' },
			1,
			true,
		],
		['a page without entities ends the listing', { pageCount: 10 }, 1, true],
	];
	for (const [name, page, pageNumber, expected] of table) {
		test(name, () => assert.equal(isLastPage(page, pageNumber), expected));
	}
});

/** How the fake listing describes its pages. */
type Style =
	/** Genesys's envelope: the true page count. */
	| 'pageCount'
	/** A page count larger than the data: pages past the data come back empty. */
	| 'lyingPageCount'
	/** A next link while more entities remain, no page count. */
	| 'nextUri'
	/** A next link on every page, even the last one with data. */
	| 'alwaysNextUri'
	/** Neither a page count nor a next link. */
	| 'bare';

/** An in-memory listing of the entities 1..total, recording the pages asked for. */
function listing(total: number, style: Style) {
	const calls: Array<[number, number]> = [];
	const readPage = async (pageNumber: number, pageSize: number): Promise<Page<number>> => {
		calls.push([pageNumber, pageSize]);
		const start = (pageNumber - 1) * pageSize;
		const entities = Array.from(
			{ length: Math.max(0, Math.min(pageSize, total - start)) },
			(_, index) => start + index + 1,
		);
		const pageCount = Math.ceil(total / pageSize);
		const page: Page<number> = { entities, pageNumber, pageSize, total };
		if (style === 'pageCount') page.pageCount = pageCount;
		if (style === 'lyingPageCount') page.pageCount = pageCount + 5;
		if ((style === 'nextUri' && start + pageSize < total) || style === 'alwaysNextUri')
			page.nextUri = `/api/v2/x?pageNumber=${pageNumber + 1}&pageSize=${pageSize}`;
		return page;
	};
	return { calls, readPage };
}

const oneTo = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe('collectPages: reads pages until the limit or the end of the listing', () => {
	// [what the row proves, entities in the listing, its style, limit (none when undefined), entities collected, pages asked for as [pageNumber, pageSize]]
	const table: Array<[string, number, Style, number | undefined, number, Array<[number, number]>]> =
		[
			[
				'no limit collects all, in pages of 100',
				250,
				'pageCount',
				undefined,
				250,
				[
					[1, 100],
					[2, 100],
					[3, 100],
				],
			],
			[
				'a listing that fills its last page exactly ends at its page count',
				200,
				'pageCount',
				undefined,
				200,
				[
					[1, 100],
					[2, 100],
				],
			],
			[
				'a limit of 120 collects exactly 120, cutting the second page',
				250,
				'pageCount',
				120,
				120,
				[
					[1, 100],
					[2, 100],
				],
			],
			['a limit of 100 stops after one full page', 250, 'pageCount', 100, 100, [[1, 100]]],
			['a limit of 50 reads one page of 50', 250, 'pageCount', 50, 50, [[1, 50]]],
			['a limit of 1 reads one page of 1', 250, 'pageCount', 1, 1, [[1, 1]]],
			[
				'a limit over 100 keeps the page size at 100 on every page',
				1000,
				'pageCount',
				250,
				250,
				[
					[1, 100],
					[2, 100],
					[3, 100],
				],
			],
			['a limit larger than the listing collects all', 30, 'pageCount', 500, 30, [[1, 100]]],
			['a limit of 0 reads nothing', 250, 'pageCount', 0, 0, []],
			['an empty listing reads one page', 0, 'pageCount', undefined, 0, [[1, 100]]],
			[
				'a lying page count: the first empty page ends the walk',
				150,
				'lyingPageCount',
				undefined,
				150,
				[
					[1, 100],
					[2, 100],
					[3, 100],
				],
			],
			[
				'a lying page count and a limit the data cannot fill: the empty page ends the walk',
				5,
				'lyingPageCount',
				10,
				5,
				[
					[1, 10],
					[2, 10],
				],
			],
			[
				'a lying page count on a short listing costs one empty page, not pageCount pages',
				5,
				'lyingPageCount',
				Infinity,
				5,
				[
					[1, 100],
					[2, 100],
				],
			],
			[
				'next links only: follows them to the page without one',
				250,
				'nextUri',
				undefined,
				250,
				[
					[1, 100],
					[2, 100],
					[3, 100],
				],
			],
			[
				'a next link on the last page with data: the empty page after it ends the walk',
				200,
				'alwaysNextUri',
				undefined,
				200,
				[
					[1, 100],
					[2, 100],
					[3, 100],
				],
			],
			[
				'neither page count nor next link: the first page is all',
				250,
				'bare',
				undefined,
				100,
				[[1, 100]],
			],
		];
	for (const [name, total, style, limit, collected, pages] of table) {
		test(name, async () => {
			const { calls, readPage } = listing(total, style);
			const entities = await collectPages(readPage, limit);
			assert.deepEqual(entities, oneTo(collected));
			assert.deepEqual(calls, pages);
		});
	}

	test('a page without entities ends the walk', async () => {
		const calls: number[] = [];
		const entities = await collectPages<number>(async (pageNumber) => {
			calls.push(pageNumber);
			return pageNumber === 1 ? { entities: [1, 2], pageCount: 9 } : { pageCount: 9 };
		});
		assert.deepEqual(entities, [1, 2]);
		assert.deepEqual(calls, [1, 2]);
	});
});
