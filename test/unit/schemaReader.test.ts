import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { coerceVariable } from '../../nodes/GenesysCloud/flowInputs/coerceValue';
import { readSchemaVariables } from '../../nodes/GenesysCloud/flowInputs/schemaReader';
import { typedOutputs } from '../../nodes/GenesysCloud/flowInputs/typedOutputs';
import {
	archInteger,
	archString,
	capturedEmptySchema,
	capturedInputSchema,
	capturedOutputData,
	DRAFT_07,
} from '../fixtures/capturedSchemas';

const realDocument = (
	properties: Record<string, unknown>,
	definitions: Record<string, unknown>,
) => ({
	$schema: DRAFT_07,
	type: 'object',
	properties,
	additionalProperties: false,
	definitions,
});

describe('schema reader: the captured real dialect', () => {
	test('reads String, Integer and String collection from $ref + oneOf, none required', () => {
		const variables = readSchemaVariables(capturedInputSchema);
		assert.deepEqual(
			variables.map(({ key, name, kind, itemKind, required, archDataTypeId }) => ({
				key,
				name,
				kind,
				itemKind,
				required,
				archDataTypeId,
			})),
			[
				{
					key: 'Flow.agentId',
					name: 'agentId',
					kind: 'string',
					itemKind: undefined,
					required: false,
					archDataTypeId: 'str',
				},
				{
					key: 'Flow.statusCode',
					name: 'statusCode',
					kind: 'integer',
					itemKind: undefined,
					required: false,
					archDataTypeId: 'int',
				},
				{
					key: 'Flow.skills',
					name: 'skills',
					kind: 'array',
					itemKind: 'string',
					required: false,
					archDataTypeId: 'str_coll',
				},
			],
		);
		assert.deepEqual(variables[0].limits, { maxLength: 32000 });
		assert.deepEqual(variables[1].limits, { minimum: -999999999999999, maximum: 999999999999999 });
		assert.deepEqual(variables[2].limits, { maxItems: 2000 });
		assert.deepEqual(variables[2].itemLimits, { maxLength: 32000 });
		// The property's own description wins over the definition's branch descriptions.
		assert.equal(variables[1].description, 'HTTP status of the lookup.');
	});

	test('a flow without inputs has no variables', () => {
		assert.deepEqual(readSchemaVariables(capturedEmptySchema), []);
		assert.deepEqual(readSchemaVariables(undefined), []);
	});

	const cases: Array<[string, Record<string, unknown>, string, string | undefined]> = [
		[
			'boolean',
			{ archDataTypeId: 'bool', oneOf: [{ type: 'null' }, { type: 'boolean' }] },
			'boolean',
			undefined,
		],
		[
			'decimal',
			{ archDataTypeId: 'dec', oneOf: [{ type: 'null' }, { type: 'number' }, { type: 'string' }] },
			'number',
			undefined,
		],
		[
			'date',
			{ archDataTypeId: 'date', oneOf: [{ type: 'null' }, { type: 'string', format: 'date' }] },
			'date',
			undefined,
		],
		[
			'date-time',
			{
				archDataTypeId: 'datetime',
				oneOf: [{ type: 'null' }, { type: 'string', format: 'date-time' }],
			},
			'dateTime',
			undefined,
		],
		[
			'date hinted by its type id only',
			{ archDataTypeId: 'date', oneOf: [{ type: 'null' }, { type: 'string' }] },
			'date',
			undefined,
		],
		[
			'JSON',
			{ archDataTypeId: 'json', oneOf: [{ type: 'null' }, { type: 'object' }] },
			'object',
			undefined,
		],
		['type id without branches', { archDataTypeId: 'int' }, 'integer', undefined],
		[
			'anyOf instead of oneOf',
			{ anyOf: [{ type: 'null' }, { type: 'boolean' }] },
			'boolean',
			undefined,
		],
		['a type list with null', { type: ['null', 'integer'] }, 'integer', undefined],
		[
			'an unknown Architect type',
			{ archDataTypeId: 'currency', oneOf: [{ type: 'null' }, { description: 'x' }] },
			'any',
			undefined,
		],
	];
	for (const [name, definition, kind] of cases) {
		test(`reads ${name}`, () => {
			const [variable] = readSchemaVariables(
				realDocument({ 'Flow.x': { $ref: '#/definitions/t' } }, { t: definition }),
			);
			assert.equal(variable.kind, kind);
		});
	}

	test('a dangling or looping $ref becomes free JSON with its description', () => {
		const variables = readSchemaVariables(
			realDocument(
				{
					'Flow.a': { $ref: '#/definitions/missing', description: 'Gone.' },
					'Flow.b': { $ref: '#/definitions/loop' },
				},
				{ loop: { $ref: '#/definitions/loop' } },
			),
		);
		assert.deepEqual(
			variables.map((v) => [v.kind, v.description]),
			[
				['any', 'Gone.'],
				['any', undefined],
			],
		);
	});

	test('the plain dialect still reads, with required and enums honoured', () => {
		const variables = readSchemaVariables({
			type: 'object',
			required: ['Flow.id'],
			properties: {
				'Flow.id': { type: 'string', description: 'Id.' },
				'Flow.when': { type: 'string', format: 'date-time' },
				'Flow.colour': { type: 'string', enum: ['red', 'green'] },
				'Flow.counts': { type: 'array', items: { type: 'integer' } },
			},
		});
		assert.deepEqual(
			variables.map(({ name, kind, itemKind, required, enum: values }) => ({
				name,
				kind,
				itemKind,
				required,
				values,
			})),
			[
				{ name: 'id', kind: 'string', itemKind: undefined, required: true, values: undefined },
				{ name: 'when', kind: 'dateTime', itemKind: undefined, required: false, values: undefined },
				{
					name: 'colour',
					kind: 'string',
					itemKind: undefined,
					required: false,
					values: ['red', 'green'],
				},
				{ name: 'counts', kind: 'array', itemKind: 'integer', required: false, values: undefined },
			],
		);
	});
});

describe('value checks against the schema limits', () => {
	const [agentId, statusCode, skills] = readSchemaVariables(capturedInputSchema);
	const table: Array<[string, typeof agentId, unknown, unknown, string | undefined]> = [
		['an integer string becomes a number', statusCode, '200', 200, undefined],
		['a whole number passes', statusCode, 42, 42, undefined],
		[
			'above maximum',
			statusCode,
			1e15,
			undefined,
			'must be at most 999999999999999, but got the number 1000000000000000',
		],
		['below minimum', statusCode, -1e15, undefined, 'must be at least -999999999999999'],
		[
			'a decimal is no integer',
			statusCode,
			4.5,
			undefined,
			'must be an integer, but got the number 4.5',
		],
		['a string at its limit passes', agentId, 'x'.repeat(32000), 'x'.repeat(32000), undefined],
		[
			'a string over maxLength',
			agentId,
			'x'.repeat(32001),
			undefined,
			'must be at most 32000 characters long, but got a string of 32001 characters',
		],
		[
			'a collection over maxItems',
			skills,
			Array(2001).fill('a'),
			undefined,
			'must hold at most 2000 items, but got a list of 2001 items',
		],
		[
			'an item over its maxLength',
			skills,
			['ok', 'y'.repeat(32001)],
			undefined,
			'item 1 must be at most 32000 characters long',
		],
		[
			'an object is no string',
			agentId,
			{ a: 1 },
			undefined,
			'must be a string, but got the object {"a":1}',
		],
	];
	for (const [name, variable, input, expected, problem] of table) {
		test(name, () => {
			const checked = coerceVariable(variable, input);
			if (problem === undefined) {
				assert.deepEqual(checked, { ok: true, value: expected });
			} else {
				assert.equal(checked.ok, false);
				assert.ok(
					!checked.ok && checked.problem.startsWith(problem),
					!checked.ok ? checked.problem : '',
				);
			}
		});
	}
});

describe('typed outputs', () => {
	test('the captured outputData: "200" becomes 200, null and [] stay', () => {
		assert.deepEqual(typedOutputs(capturedOutputData, capturedInputSchema), {
			statusCode: 200,
			agentId: null,
			skills: [],
		});
	});

	test('decimals, booleans and collections convert only where unambiguous', () => {
		const schema = realDocument(
			{
				'Flow.amount': { $ref: '#/definitions/archDecimal' },
				'Flow.ok': { $ref: '#/definitions/archBoolean' },
				'Flow.counts': { type: 'array', items: { $ref: '#/definitions/archInteger' } },
				'Flow.label': { $ref: '#/definitions/archString' },
			},
			{
				archDecimal: { archDataTypeId: 'dec', oneOf: [{ type: 'null' }, { type: 'number' }] },
				archBoolean: { archDataTypeId: 'bool', oneOf: [{ type: 'null' }, { type: 'boolean' }] },
				archInteger,
				archString,
			},
		);
		assert.deepEqual(
			typedOutputs(
				{
					'Flow.amount': '4.50',
					'Flow.ok': 'true',
					'Flow.counts': ['1', null, 'x'],
					'Flow.label': '007',
					'Flow.extra': '5',
				},
				schema,
			),
			{ amount: 4.5, ok: true, counts: [1, null, 'x'], label: '007', extra: '5' },
		);
		assert.deepEqual(
			typedOutputs(
				{ 'Flow.big': '12345678901234567890' },
				realDocument({ 'Flow.big': { $ref: '#/definitions/archInteger' } }, { archInteger }),
			),
			{
				big: '12345678901234567890',
			},
		);
	});
});
