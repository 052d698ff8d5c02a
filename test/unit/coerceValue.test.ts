import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { coerce, coerceVariable } from '../../nodes/GenesysCloud/flowInputs/coerceValue';
import type { InputKind, InputVariable } from '../../nodes/GenesysCloud/flowInputs/inputVariables';
import { readSchemaVariables } from '../../nodes/GenesysCloud/flowInputs/schemaReader';

/** What coerce() reads of a Luxon DateTime (n8n's $now, DateTime.fromISO(...)): toISO and toISODate. */
const luxonLike = (iso: string) => ({ toISO: () => iso, toISODate: () => iso.slice(0, 10) });

/** What Luxon's DateTime.fromISO('nope') shows of itself: null ISO texts, and why it is invalid. */
const invalidLuxon = () => ({
	isValid: false,
	toISO: () => null,
	toISODate: () => null,
	invalidReason: 'unparsable',
	invalidExplanation: 'the input "nope" can\'t be parsed as ISO 8601',
});

/** A list that holds itself: JSON.stringify throws on it. */
const circularList = (): unknown[] => {
	const list: unknown[] = [1];
	list.push(list);
	return list;
};
const circularObject = (): Record<string, unknown> => {
	const object: Record<string, unknown> = { a: 1 };
	object.self = object;
	return object;
};

const variable = (kind: InputKind, more: Partial<InputVariable> = {}): InputVariable => ({
	key: 'Flow.x',
	name: 'x',
	kind,
	required: false,
	limits: {},
	...more,
});

const REFUSED = Symbol('refused');
/** Refused as an integer a number cannot hold exactly, so that the message can name the range. */
const UNSAFE = Symbol('refused as an unsafe integer');

const MAX = Number.MAX_SAFE_INTEGER;

describe('coerce: what each kind accepts and refuses', () => {
	// [what the row proves, kind, input, the converted value or REFUSED, item kind for arrays]
	const table: Array<[string, InputKind, unknown, unknown, InputKind?]> = [
		// string
		['a string stays as written, leading zeros and all', 'string', '007', '007'],
		['a number becomes its text', 'string', 42.5, '42.5'],
		['a boolean becomes its text', 'string', false, 'false'],
		[
			'a Luxon DateTime becomes its ISO text',
			'string',
			luxonLike('2026-01-31T09:30:00.000+01:00'),
			'2026-01-31T09:30:00.000+01:00',
		],
		['an object is no string', 'string', { a: 1 }, REFUSED],
		['null is no string', 'string', null, REFUSED],
		['a JavaScript Date is no string (only Luxon is read)', 'string', new Date(0), REFUSED],
		['an invalid Luxon DateTime is refused, not sent as null', 'string', invalidLuxon(), REFUSED],
		[
			'a BigInt becomes its digits, all of them',
			'string',
			12345678901234567890n,
			'12345678901234567890',
		],

		// integer
		['an integer string becomes a number', 'integer', '42', 42],
		['a negative integer string with spaces around it', 'integer', ' -7 ', -7],
		['a whole number passes', 'integer', 42, 42],
		['4.0 is the number 4, so it passes', 'integer', 4.0, 4],
		['a decimal number is no integer', 'integer', 4.5, REFUSED],
		['a decimal string is no integer', 'integer', '4.5', REFUSED],
		['"4.0" is refused: only digits are an integer string', 'integer', '4.0', REFUSED],
		['a leading plus is refused', 'integer', '+42', REFUSED],
		['exponent notation is refused', 'integer', '1e3', REFUSED],
		['hexadecimal is refused', 'integer', '0x1A', REFUSED],
		['an empty string is refused, not read as 0', 'integer', '', REFUSED],
		['a boolean is no integer', 'integer', true, REFUSED],
		['NaN is no integer', 'integer', NaN, REFUSED],
		['Infinity is no integer', 'integer', Infinity, REFUSED],
		['the largest safe integer passes', 'integer', String(MAX), MAX],
		['the smallest safe integer passes', 'integer', String(-MAX), -MAX],
		[
			'one past the largest safe integer is refused, not rounded',
			'integer',
			String(MAX + 1),
			UNSAFE,
		],
		[
			'a 20-digit integer string is refused, not rounded',
			'integer',
			'12345678901234567890',
			UNSAFE,
		],
		['a negative 20-digit integer string is refused', 'integer', '-12345678901234567890', UNSAFE],
		['400 digits are an unsafe integer, not Infinity', 'integer', '1'.repeat(400), UNSAFE],
		['a number past the safe integers is refused', 'integer', 1e21, UNSAFE],
		['2^53 is refused: 2^53 + 1 would arrive as it too', 'integer', 2 ** 53, UNSAFE],
		['a safe BigInt becomes a number', 'integer', 10n, 10],
		['a negative safe BigInt becomes a number', 'integer', -BigInt(MAX), -MAX],
		['an unsafe BigInt is refused', 'integer', 12345678901234567890n, UNSAFE],

		// number (Architect's Decimal)
		['a decimal string becomes a number', 'number', '4.50', 4.5],
		['a leading-dot negative decimal', 'number', '-.5', -0.5],
		['a trailing dot', 'number', '1.', 1],
		['exponent notation is plain decimal notation', 'number', '1e3', 1000],
		['spaces around a decimal are ignored', 'number', ' 2.5 ', 2.5],
		['a number passes', 'number', 7, 7],
		['hexadecimal is refused though Number() reads it', 'number', '0x1A', REFUSED],
		['binary is refused though Number() reads it', 'number', '0b11', REFUSED],
		['a decimal comma is refused', 'number', '1,5', REFUSED],
		['the text Infinity is refused', 'number', 'Infinity', REFUSED],
		['a decimal that overflows to Infinity is refused', 'number', '1e400', REFUSED],
		['an empty string is refused, not read as 0', 'number', '', REFUSED],
		['NaN is refused', 'number', NaN, REFUSED],
		['a boolean is no number', 'number', true, REFUSED],
		['a BigInt becomes a number', 'number', 10n, 10],
		['a BigInt too large for a number is refused', 'number', 10n ** 400n, REFUSED],

		// boolean
		['true stays true', 'boolean', true, true],
		['"true" becomes true', 'boolean', 'true', true],
		['"false" becomes false', 'boolean', 'false', false],
		['"TRUE" is refused: only the lower-case words', 'boolean', 'TRUE', REFUSED],
		['"yes" is refused', 'boolean', 'yes', REFUSED],
		['" true" with a space is refused', 'boolean', ' true', REFUSED],
		['1 is refused', 'boolean', 1, REFUSED],
		['0 is refused', 'boolean', 0, REFUSED],

		// date
		['an ISO date passes', 'date', '2025-01-31', '2025-01-31'],
		['spaces around a date are trimmed', 'date', ' 2025-01-31 ', '2025-01-31'],
		['29 February of a leap year passes', 'date', '2024-02-29', '2024-02-29'],
		['29 February of a common year is refused', 'date', '2025-02-29', REFUSED],
		['30 February is refused, not rolled into March', 'date', '2025-02-30', REFUSED],
		['31 April is refused', 'date', '2025-04-31', REFUSED],
		['month 13 is refused', 'date', '2025-13-01', REFUSED],
		['month 00 is refused', 'date', '2025-00-10', REFUSED],
		['an unpadded date is refused', 'date', '2025-1-5', REFUSED],
		['a date-time is no date', 'date', '2025-01-31T00:00:00Z', REFUSED],
		[
			'a JavaScript Date gives its UTC day',
			'date',
			new Date(Date.UTC(2025, 0, 31, 12)),
			'2025-01-31',
		],
		['an invalid JavaScript Date is refused', 'date', new Date(NaN), REFUSED],
		[
			'a Luxon DateTime gives its own day',
			'date',
			luxonLike('2025-01-31T23:30:00.000-05:00'),
			'2025-01-31',
		],
		['a number is no date', 'date', 20250131, REFUSED],
		['an invalid Luxon DateTime is refused, not sent as null', 'date', invalidLuxon(), REFUSED],
		[
			'a date-like without toISODate is refused, not sent as undefined',
			'date',
			{ toISO: () => '2025-01-31T00:00:00Z' },
			REFUSED,
		],

		// dateTime
		['an ISO date-time in UTC passes', 'dateTime', '2026-01-31T09:30:00Z', '2026-01-31T09:30:00Z'],
		[
			'lower-case t and z are normalized',
			'dateTime',
			'2026-01-31t09:30:00z',
			'2026-01-31T09:30:00Z',
		],
		[
			'a space separator becomes T',
			'dateTime',
			'2026-01-31 09:30:00+01:00',
			'2026-01-31T09:30:00+01:00',
		],
		['minutes without seconds pass', 'dateTime', '2026-01-31T09:30Z', '2026-01-31T09:30Z'],
		[
			'fractions of a second and a negative offset pass',
			'dateTime',
			'2026-01-31T09:30:00.123-05:00',
			'2026-01-31T09:30:00.123-05:00',
		],
		[
			'spaces around a date-time are trimmed',
			'dateTime',
			' 2026-01-31T09:30:00Z ',
			'2026-01-31T09:30:00Z',
		],
		['a date-time without a zone is refused', 'dateTime', '2026-01-31T09:30:00', REFUSED],
		['30 February is refused in a date-time too', 'dateTime', '2026-02-30T09:30:00Z', REFUSED],
		['hour 25 is refused', 'dateTime', '2026-01-31T25:00:00Z', REFUSED],
		['an offset of 25 hours is refused', 'dateTime', '2026-01-31T09:30:00+25:00', REFUSED],
		['a bare date is no date-time', 'dateTime', '2026-01-31', REFUSED],
		[
			'a JavaScript Date becomes its ISO text in UTC',
			'dateTime',
			new Date(Date.UTC(2026, 0, 31, 9, 30)),
			'2026-01-31T09:30:00.000Z',
		],
		['an invalid JavaScript Date is refused', 'dateTime', new Date(NaN), REFUSED],
		[
			'a Luxon DateTime keeps its offset',
			'dateTime',
			luxonLike('2026-01-31T09:30:00.000+01:00'),
			'2026-01-31T09:30:00.000+01:00',
		],
		['epoch milliseconds are refused', 'dateTime', 1769851800000, REFUSED],
		['an invalid Luxon DateTime is refused, not sent as null', 'dateTime', invalidLuxon(), REFUSED],

		// object (Architect's JSON)
		['an object passes', 'object', { a: { b: [1] } }, { a: { b: [1] } }],
		['JSON text of an object is parsed', 'object', '{"a":1}', { a: 1 }],
		['JSON text of a list is no object', 'object', '[1]', REFUSED],
		['a list is no object', 'object', [1], REFUSED],
		['JSON null is no object', 'object', 'null', REFUSED],
		['null is no object', 'object', null, REFUSED],
		['text that is not JSON is refused', 'object', '{a:1}', REFUSED],
		['a JSON string is no object', 'object', '"text"', REFUSED],
		['a number is no object', 'object', 42, REFUSED],

		// array
		['a list of anything passes as it is', 'array', [1, 'a', null], [1, 'a', null]],
		['JSON text of a list is parsed', 'array', '[1,"a"]', [1, 'a']],
		['an empty list passes', 'array', [], []],
		['JSON text of an object is no list', 'array', '{"a":1}', REFUSED],
		['comma-separated text is no list', 'array', 'a,b', REFUSED],
		['a single value is not wrapped into a list', 'array', 'a', REFUSED],
		['integer items are converted one by one', 'array', ['1', 2], [1, 2], 'integer'],
		['one bad integer item refuses the list', 'array', ['1', 'x'], REFUSED, 'integer'],
		[
			'an unsafe integer item refuses the list as unsafe',
			'array',
			['1', '12345678901234567890'],
			UNSAFE,
			'integer',
		],
		[
			'an unsafe integer in JSON text is caught after parsing',
			'array',
			'[12345678901234567890]',
			UNSAFE,
			'integer',
		],
		[
			'the first bad item decides why the list is refused',
			'array',
			['x', '12345678901234567890'],
			REFUSED,
			'integer',
		],
		[
			'an invalid Luxon DateTime item refuses the list',
			'array',
			[luxonLike('2025-01-31T00:00:00Z'), invalidLuxon()],
			REFUSED,
			'date',
		],
		['boolean items from JSON text', 'array', '["true",false]', [true, false], 'boolean'],
		[
			'an impossible date item refuses the list',
			'array',
			['2025-01-31', '2025-02-30'],
			REFUSED,
			'date',
		],
		['string items: numbers and booleans become text', 'array', [1, true], ['1', 'true'], 'string'],
		['a null string item refuses the list', 'array', ['a', null], REFUSED, 'string'],
		['items of kind any pass as they are', 'array', [{ a: 1 }, 2], [{ a: 1 }, 2], 'any'],

		// any
		['any: text passes as it is, not parsed', 'any', '{"a":1}', '{"a":1}'],
		['any: an object passes', 'any', { a: [1] }, { a: [1] }],
		['any: null passes', 'any', null, null],
	];
	for (const [name, kind, input, expected, itemKind] of table) {
		test(`${kind}${itemKind ? ` of ${itemKind}` : ''}: ${name}`, () => {
			const coerced = coerce(kind, input, itemKind);
			if (expected === REFUSED) assert.deepEqual(coerced, { ok: false });
			else if (expected === UNSAFE) assert.deepEqual(coerced, { ok: false, unsafeInteger: true });
			else assert.deepEqual(coerced, { ok: true, value: expected });
		});
	}
});

describe('coerceVariable: a refusal names what is expected and what came', () => {
	// [what the row proves, variable, input, the problem text]
	const table: Array<[string, InputVariable, unknown, RegExp]> = [
		[
			'an object for a string',
			variable('string'),
			{ a: 1 },
			/^must be a string, but got the object \{"a":1\}$/,
		],
		[
			'null for a string is an empty value',
			variable('string'),
			null,
			/^must be a string, but got an empty value$/,
		],
		[
			'an empty string for an integer is an empty value',
			variable('integer'),
			'',
			/^must be an integer, but got an empty value$/,
		],
		[
			'a decimal string for an integer',
			variable('integer'),
			'4.5',
			/^must be an integer, but got the string "4\.5"$/,
		],
		[
			'a decimal number for an integer',
			variable('integer'),
			4.5,
			/^must be an integer, but got the number 4\.5$/,
		],
		[
			'hexadecimal for a decimal',
			variable('number'),
			'0x1A',
			/^must be a decimal number, but got the string "0x1A"$/,
		],
		[
			'"yes" for a boolean',
			variable('boolean'),
			'yes',
			/^must be a boolean \(true or false\), but got the string "yes"$/,
		],
		[
			'an impossible date',
			variable('date'),
			'2025-02-30',
			/^must be a date \(YYYY-MM-DD\), but got the string "2025-02-30"$/,
		],
		[
			'a date-time without a zone asks for the zone',
			variable('dateTime'),
			'2026-01-31T09:30:00',
			/^must be a date-time \(ISO 8601 with a time zone, e\.g\. 2026-01-31T09:30:00Z\), but got the string "2026-01-31T09:30:00"$/,
		],
		[
			'a Luxon DateTime for an integer is described as a date',
			variable('integer'),
			luxonLike('2026-01-31T09:30:00.000Z'),
			/^must be an integer, but got the date 2026-01-31T09:30:00\.000Z$/,
		],
		[
			'a list for a JSON object',
			variable('object'),
			[1],
			/^must be a JSON object, but got the list \[1\]$/,
		],
		['text for a list', variable('array'), 'a,b', /^must be a list, but got the string "a,b"$/],
		[
			'a bad item for a list of integers',
			variable('array', { itemKind: 'integer' }),
			['1', 'x'],
			/^must be a list of integers, but got the list \["1","x"\]$/,
		],
		[
			'a bad item for a list of strings',
			variable('array', { itemKind: 'string' }),
			[{}],
			/^must be a list of strings, but got the list \[\{\}\]$/,
		],
		[
			'a bad item for a list of decimals',
			variable('array', { itemKind: 'number' }),
			['x'],
			/^must be a list of decimal numbers, but got/,
		],
		[
			'a bad item for a list of JSON objects',
			variable('array', { itemKind: 'object' }),
			[1],
			/^must be a list of JSON objects, but got/,
		],
		// The plural goes on the noun, before the hint on the form.
		[
			'a bad item for a list of dates names the date format',
			variable('array', { itemKind: 'date' }),
			['2025-02-30'],
			/^must be a list of dates \(YYYY-MM-DD\), but got the list \["2025-02-30"\]$/,
		],
		[
			'a bad item for a list of booleans names true and false',
			variable('array', { itemKind: 'boolean' }),
			['yes'],
			/^must be a list of booleans \(true or false\), but got the list \["yes"\]$/,
		],
		[
			'a bad item for a list of date-times names the zone',
			variable('array', { itemKind: 'dateTime' }),
			['2026-01-31T09:30:00'],
			/^must be a list of date-times \(ISO 8601 with a time zone, e\.g\. 2026-01-31T09:30:00Z\), but got the list \["2026-01-31T09:30:00"\]$/,
		],
		[
			'a bad item for a list of lists',
			variable('array', { itemKind: 'array' }),
			[1],
			/^must be a list of lists, but got the list \[1\]$/,
		],
		[
			'a list of items of any kind is just a list',
			variable('array', { itemKind: 'any' }),
			'a,b',
			/^must be a list, but got the string "a,b"$/,
		],

		// Invalid dates
		[
			'an invalid Luxon DateTime for a date says why it is invalid',
			variable('date'),
			invalidLuxon(),
			/^must be a date \(YYYY-MM-DD\), but got an invalid date \(the input "nope" can't be parsed as ISO 8601\)$/,
		],
		[
			'an invalid Luxon DateTime for a string',
			variable('string'),
			invalidLuxon(),
			/^must be a string, but got an invalid date \(the input "nope" can't be parsed as ISO 8601\)$/,
		],
		[
			'an invalid Luxon DateTime for a date-time',
			variable('dateTime'),
			invalidLuxon(),
			/^must be a date-time \(.*\), but got an invalid date \(the input "nope"/,
		],
		[
			'an invalid date-like without a reason',
			variable('date'),
			{ toISO: () => null },
			/^must be a date \(YYYY-MM-DD\), but got an invalid date$/,
		],
		[
			'an invalid JavaScript Date',
			variable('dateTime'),
			new Date(NaN),
			/^must be a date-time \(.*\), but got an invalid date$/,
		],
		[
			'a JavaScript Date is described as a date, not as its JSON',
			variable('string'),
			new Date(0),
			/^must be a string, but got the date 1970-01-01T00:00:00\.000Z$/,
		],

		// Integers a number cannot hold exactly
		[
			'a 20-digit integer string names the safe range',
			variable('integer'),
			'12345678901234567890',
			/^must be an integer between -9007199254740991 and 9007199254740991, but got the string "12345678901234567890"$/,
		],
		[
			'1e21 names the safe range',
			variable('integer'),
			1e21,
			/^must be an integer between -9007199254740991 and 9007199254740991, but got the number 1e\+21$/,
		],
		[
			'an unsafe BigInt names the safe range',
			variable('integer'),
			12345678901234567890n,
			/^must be an integer between -9007199254740991 and 9007199254740991, but got the BigInt 12345678901234567890$/,
		],
		[
			'an unsafe integer item names the safe range for the list',
			variable('array', { itemKind: 'integer' }),
			['1', '12345678901234567890'],
			/^must be a list of integers between -9007199254740991 and 9007199254740991, but got the list \["1","12345678901234567890"\]$/,
		],
		[
			'an enum names its values, not the range',
			variable('integer', { enum: [1, 2] }),
			'12345678901234567890',
			/^must be one of 1, 2, but got the string "12345678901234567890"$/,
		],
		[
			'an unsafe integer for a date is just not a date',
			variable('date'),
			'12345678901234567890',
			/^must be a date \(YYYY-MM-DD\), but got the string "12345678901234567890"$/,
		],

		// Values JSON cannot write are still described, not thrown on
		[
			'a BigInt for a boolean',
			variable('boolean'),
			10n,
			/^must be a boolean \(true or false\), but got the BigInt 10$/,
		],
		[
			'a BigInt inside a list shows its digits',
			variable('array', { itemKind: 'boolean' }),
			[10n, -20n],
			/^must be a list of booleans \(true or false\), but got the list \[10,-20\]$/,
		],
		[
			'a BigInt inside an object shows its digits',
			variable('string'),
			{ a: 10n },
			/^must be a string, but got the object \{"a":10\}$/,
		],
		[
			'a self-referencing object',
			variable('string'),
			circularObject(),
			/^must be a string, but got an object$/,
		],
		[
			'a self-referencing list',
			variable('integer'),
			circularList(),
			/^must be an integer, but got a list of 2 items$/,
		],
		[
			'a self-referencing list for a list of booleans',
			variable('array', { itemKind: 'boolean' }),
			circularList(),
			/^must be a list of booleans \(true or false\), but got a list of 2 items$/,
		],
		[
			'an object whose toJSON throws',
			variable('integer'),
			{
				toJSON: () => {
					throw new Error('no');
				},
			},
			/^must be an integer, but got an object$/,
		],
		[
			'a date-like whose toISO throws',
			variable('integer'),
			{
				toISO: () => {
					throw new Error('no');
				},
			},
			/^must be an integer, but got a value of type object$/,
		],
		[
			'an object whose toJSON gives nothing',
			variable('integer'),
			{ toJSON: () => undefined },
			/^must be an integer, but got an object$/,
		],
		['a function', variable('string'), () => 1, /^must be a string, but got a function$/],
		['a symbol', variable('string'), Symbol('x'), /^must be a string, but got a symbol$/],
		[
			'NaN is named, not written as JSON null',
			variable('integer'),
			NaN,
			/^must be an integer, but got the number NaN$/,
		],
		[
			'a value outside the enum lists the allowed ones',
			variable('string', { enum: ['red', 'green'] }),
			'blue',
			/^must be one of "red", "green", but got the string "blue"$/,
		],
		[
			'an integer enum is checked after conversion',
			variable('integer', { enum: [1, 2] }),
			'3',
			/^must be one of 1, 2, but got the string "3"$/,
		],
		[
			'a long value is cut to 80 characters in the message',
			variable('integer'),
			'x'.repeat(200),
			new RegExp(`^must be an integer, but got the string "${'x'.repeat(79)}$`),
		],
	];
	for (const [name, input, value, problem] of table) {
		test(name, () => {
			const checked = coerceVariable(input, value);
			assert.equal(checked.ok, false, `expected a refusal, got ${JSON.stringify(checked)}`);
			assert.match(!checked.ok ? checked.problem : '', problem);
		});
	}

	test('integers up to the safe limit pass, BigInts among them', () => {
		assert.deepEqual(coerceVariable(variable('integer'), '9007199254740991'), {
			ok: true,
			value: 9007199254740991,
		});
		assert.deepEqual(coerceVariable(variable('integer'), -9007199254740991n), {
			ok: true,
			value: -9007199254740991,
		});
		assert.deepEqual(coerceVariable(variable('array', { itemKind: 'integer' }), [10n, '-3']), {
			ok: true,
			value: [10, -3],
		});
	});

	test('a value inside the enum passes, converted', () => {
		assert.deepEqual(coerceVariable(variable('integer', { enum: [1, 2] }), '2'), {
			ok: true,
			value: 2,
		});
		assert.deepEqual(coerceVariable(variable('string', { enum: ['red', 'green'] }), 'red'), {
			ok: true,
			value: 'red',
		});
	});
});

describe('coerceVariable: the schema limits', () => {
	const [count, ratio, code, long, tags, scores] = readSchemaVariables({
		type: 'object',
		properties: {
			'Flow.count': { type: 'integer', minimum: 1, maximum: 10 },
			'Flow.ratio': { type: 'number', minimum: -1.5, maximum: 1.5 },
			'Flow.code': { type: 'string', minLength: 2, maxLength: 5 },
			'Flow.long': { type: 'string', maxLength: 80 },
			'Flow.tags': { type: 'array', maxItems: 2, items: { type: 'string', maxLength: 3 } },
			'Flow.scores': { type: 'array', items: { type: 'integer', minimum: 0, maximum: 5 } },
		},
	});

	// [what the row proves, variable, input, the converted value when it fits, or the problem text]
	const table: Array<[string, InputVariable, unknown, { value: unknown } | RegExp]> = [
		['an integer at its minimum passes', count, 1, { value: 1 }],
		['an integer string at its maximum passes', count, '10', { value: 10 }],
		['an integer below its minimum', count, 0, /^must be at least 1, but got the number 0$/],
		[
			'an integer string above its maximum is checked as a number',
			count,
			'11',
			/^must be at most 10, but got the number 11$/,
		],
		['a decimal at its minimum passes', ratio, -1.5, { value: -1.5 }],
		[
			'a decimal string above its maximum',
			ratio,
			'1.6',
			/^must be at most 1\.5, but got the number 1\.6$/,
		],
		['a decimal below its minimum', ratio, -2, /^must be at least -1\.5, but got the number -2$/],
		['a string at its maxLength passes', code, 'abcde', { value: 'abcde' }],
		['a string at its minLength passes', code, 'ab', { value: 'ab' }],
		[
			'a string over its maxLength',
			code,
			'abcdef',
			/^must be at most 5 characters long, but got the string "abcdef"$/,
		],
		[
			'a string under its minLength',
			code,
			'a',
			/^must be at least 2 characters long, but got the string "a"$/,
		],
		[
			'a number is measured as the text it becomes',
			code,
			123456,
			/^must be at most 5 characters long, but got the string "123456"$/,
		],
		[
			'a string of more than 80 characters is described by its size',
			long,
			'x'.repeat(81),
			/^must be at most 80 characters long, but got a string of 81 characters$/,
		],
		['a list at its maxItems passes', tags, ['a', 'bc'], { value: ['a', 'bc'] }],
		[
			'a list over its maxItems',
			tags,
			['a', 'b', 'c'],
			/^must hold at most 2 items, but got a list of 3 items$/,
		],
		[
			'JSON text of a list is counted after parsing',
			tags,
			'["a","b","c"]',
			/^must hold at most 2 items, but got a list of 3 items$/,
		],
		[
			'an item over its maxLength is named by its index',
			tags,
			['abc', 'abcd'],
			/^item 1 must be at most 3 characters long, but got the string "abcd"$/,
		],
		[
			'maxItems is reported before the items',
			tags,
			['abcd', 'b', 'c'],
			/^must hold at most 2 items/,
		],
		['converted integer items within their limits pass', scores, ['0', 5], { value: [0, 5] }],
		[
			'an integer item above its maximum',
			scores,
			[1, '6'],
			/^item 1 must be at most 5, but got the number 6$/,
		],
		[
			'an integer item below its minimum',
			scores,
			[-1],
			/^item 0 must be at least 0, but got the number -1$/,
		],
		[
			'a list without maxItems takes any length',
			scores,
			Array(3000).fill(1),
			{ value: Array(3000).fill(1) },
		],
	];
	for (const [name, input, value, expected] of table) {
		test(name, () => {
			const checked = coerceVariable(input, value);
			if (expected instanceof RegExp) {
				assert.equal(checked.ok, false, `expected a refusal, got ${JSON.stringify(checked)}`);
				assert.match(!checked.ok ? checked.problem : '', expected);
			} else {
				assert.deepEqual(checked, { ok: true, value: expected.value });
			}
		});
	}

	test('the schema reader gave the limits these rows rely on', () => {
		assert.deepEqual(count.limits, { minimum: 1, maximum: 10 });
		assert.deepEqual(code.limits, { minLength: 2, maxLength: 5 });
		assert.deepEqual(
			[tags.kind, tags.itemKind, tags.limits, tags.itemLimits],
			['array', 'string', { maxItems: 2 }, { maxLength: 3 }],
		);
		assert.deepEqual([scores.itemKind, scores.itemLimits], ['integer', { minimum: 0, maximum: 5 }]);
	});
});
