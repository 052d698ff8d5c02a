import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { FlowListQuery } from '../../nodes/GenesysCloud/api/endpoints';
import { flowListQuery, nameFilter } from '../../nodes/GenesysCloud/api/flowListQuery';

describe('nameFilter: a plain word becomes a "contains" search', () => {
	// [what the row proves, the Name field, the name filter sent]
	const table: Array<[string, string, string | undefined]> = [
		['an empty name filters nothing', '', undefined],
		['a blank name filters nothing', '  ', undefined],
		['tabs and newlines are blank too', '\t\n', undefined],
		['a plain word is searched inside names', 'abc', '*abc*'],
		['spaces around a plain word are trimmed before wrapping', '  abc ', '*abc*'],
		['spaces inside a name are kept', 'two words', '*two words*'],
		['a name with a wildcard is sent as written', 'a*c', 'a*c'],
		['a trailing wildcard is not wrapped: "starts with"', 'Greet*', 'Greet*'],
		['a name with a wildcard is trimmed', ' a*c ', 'a*c'],
		['a lone wildcard is sent as it is', '*', '*'],
	];
	for (const [name, input, expected] of table) {
		test(name, () => assert.equal(nameFilter(input), expected));
	}
});

describe('flowListQuery: sorted by name, filtered by name and types', () => {
	const sorted = { sortBy: 'name', sortOrder: 'asc' } as const;
	// [what the row proves, the filters, the query]
	const table: Array<[string, Parameters<typeof flowListQuery>[0], FlowListQuery]> = [
		[
			'no filters: sorted by name ascending, without schemas',
			{},
			{ ...sorted, includeSchemas: false },
		],
		['an empty type list sends no type', { types: [] }, { ...sorted, includeSchemas: false }],
		[
			'types are sent when there are some',
			{ types: ['inboundcall', 'workflow'] },
			{ ...sorted, includeSchemas: false, type: ['inboundcall', 'workflow'] },
		],
		[
			'includeSchemas true asks for schemas',
			{ includeSchemas: true },
			{ ...sorted, includeSchemas: true },
		],
		[
			'includeSchemas false is false',
			{ includeSchemas: false },
			{ ...sorted, includeSchemas: false },
		],
		[
			'includeSchemas "true" as text is not true',
			{ includeSchemas: 'true' as unknown as boolean },
			{ ...sorted, includeSchemas: false },
		],
		[
			'includeSchemas 1 is not true',
			{ includeSchemas: 1 as unknown as boolean },
			{ ...sorted, includeSchemas: false },
		],
		[
			'a plain name is searched inside names',
			{ name: 'greet' },
			{ ...sorted, includeSchemas: false, name: '*greet*' },
		],
		[
			'a name with a wildcard is sent as written',
			{ name: 'Greet*' },
			{ ...sorted, includeSchemas: false, name: 'Greet*' },
		],
		['a blank name sends no name', { name: '   ' }, { ...sorted, includeSchemas: false }],
		[
			'all filters together',
			{ name: ' greet ', types: ['workflow'], includeSchemas: true },
			{ ...sorted, includeSchemas: true, type: ['workflow'], name: '*greet*' },
		],
	];
	for (const [name, filters, expected] of table) {
		test(name, () => assert.deepEqual(flowListQuery(filters), expected));
	}
});
