import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { versionChoices } from '../../nodes/GenesysCloud/methods/versionChoices';
import type { FlowVersion } from '../../schemas/generated/genesys';

const v = (id: string, extra: Partial<FlowVersion> = {}): FlowVersion => ({
	id,
	name: id,
	type: 'PUBLISH',
	...extra,
});

describe('versionChoices: the published version first and marked, then newest first', () => {
	// [what the row proves, versions as listed, published id, filter, names in the list]
	const table: Array<[string, FlowVersion[], string | undefined, string, string[]]> = [
		['no versions, no choices', [], '1.0', '', []],
		[
			'the published one first even when a newer one exists',
			[v('1.0'), v('2.0'), v('3.0', { type: 'CHECKIN' })],
			'2.0',
			'',
			['2.0 (published)', '3.0 (checked in, not published)', '1.0'],
		],
		[
			'versions compare as numbers: 12.0 is newer than 9.0',
			[v('9.0'), v('12.0'), v('10.0'), v('9.1')],
			'10.0',
			'',
			['10.0 (published)', '12.0', '9.1', '9.0'],
		],
		[
			'a flow without a published version marks none',
			[v('1.0', { type: 'SAVE' })],
			undefined,
			'',
			['1.0 (saved, not published)'],
		],
		[
			'a version listed twice (a page shifted under the walk) is listed once',
			[v('2.0'), v('1.0'), v('1.0')],
			'2.0',
			'',
			['2.0 (published)', '1.0'],
		],
		[
			'ids that are not numbers come after, newest created first',
			[v('draft-a', { dateCreated: 1 }), v('1.0'), v('draft-b', { dateCreated: 2 })],
			'1.0',
			'',
			['1.0 (published)', 'draft-b', 'draft-a'],
		],
		[
			'a version shows its name when it has one',
			[v('4.0', { name: 'Release 4' })],
			'4.0',
			'',
			['Release 4 (published)'],
		],
		[
			'the filter keeps names containing it, ignoring case and spaces around it',
			[v('1.0', { name: 'Alpha' }), v('2.0', { name: 'beta' }), v('3.0', { name: 'ALPHABET' })],
			'2.0',
			'  alpha ',
			['ALPHABET', 'Alpha'],
		],
		[
			'the filter looks at names, not at the marks',
			[v('1.0'), v('2.0', { type: 'SAVE' })],
			'1.0',
			'published',
			[],
		],
	];
	for (const [name, versions, published, filter, expected] of table) {
		test(name, () =>
			assert.deepEqual(
				versionChoices(versions, published, filter).map((choice) => choice.name),
				expected,
			),
		);
	}

	test('each choice carries the version id as its value', () => {
		assert.deepEqual(versionChoices([v('1.0', { name: 'First' })], undefined), [
			{ name: 'First', value: '1.0' },
		]);
	});
});
