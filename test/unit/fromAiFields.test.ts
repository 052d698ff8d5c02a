/**
 * The $fromAI() arguments a flow's inputs become as a tool: keys n8n accepts, types, descriptions, and the
 * expression text, read back with n8n-workflow's own $fromAI() parser (the one n8n builds the tool schema with).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { extractFromAICalls, generateZodSchema } from 'n8n-workflow';

import {
	ARGUMENT_KEY,
	argumentDescription,
	argumentKeys,
	fromAiExpression,
	toolArgument,
} from '../../nodes/GenesysCloud/flowInputs/fromAiFields';
import type { InputVariable } from '../../nodes/GenesysCloud/flowInputs/inputVariables';

function variable(name: string, extra: Partial<InputVariable> = {}): InputVariable {
	return { key: `Flow.${name}`, name, kind: 'string', required: false, limits: {}, ...extra };
}

describe('argument keys', () => {
	const cases: Array<[string, string[], string[]]> = [
		['plain names stay', ['customerId', 'priority_2', 'a-b'], ['customerId', 'priority_2', 'a-b']],
		[
			'other characters become "_"',
			['e-mail address', 'café', 'x.y'],
			['e-mail_address', 'caf_', 'x_y'],
		],
		['names that meet get _2, _3', ['a b', 'a_b', 'a.b'], ['a_b', 'a_b_2', 'a_b_3']],
		['an empty name becomes "input"', [''], ['input']],
		[
			'long names are cut to 64, suffix included',
			['x'.repeat(70), `${'x'.repeat(64)}y`],
			['x'.repeat(64), `${'x'.repeat(62)}_2`],
		],
	];
	for (const [what, names, keys] of cases) {
		test(what, () => {
			const found = argumentKeys(names.map((name) => variable(name)));
			assert.deepEqual([...found.values()], keys);
			for (const key of keys) assert.match(key, ARGUMENT_KEY);
		});
	}
});

describe('argument types and descriptions', () => {
	const cases: Array<[string, Partial<InputVariable>, string, string]> = [
		['String', {}, 'string', 'String'],
		[
			'String with an author-set length',
			{ limits: { maxLength: 20 } },
			'string',
			'String of at most 20 characters',
		],
		[
			"Architect's own String bound is left out",
			{ limits: { maxLength: 32000 } },
			'string',
			'String',
		],
		[
			'Integer',
			{ kind: 'integer', limits: { minimum: -999999999999999, maximum: 999999999999999 } },
			'number',
			'Integer',
		],
		[
			'Integer between bounds',
			{ kind: 'integer', limits: { minimum: 1, maximum: 5 } },
			'number',
			'Integer between 1 and 5',
		],
		[
			'Decimal with a floor',
			{ kind: 'number', limits: { minimum: 0.5 } },
			'number',
			'Decimal number of at least 0.5',
		],
		['Boolean', { kind: 'boolean' }, 'boolean', 'Boolean (true or false)'],
		['Date', { kind: 'date' }, 'string', 'Date (YYYY-MM-DD)'],
		[
			'DateTime',
			{ kind: 'dateTime' },
			'string',
			'Date-time (ISO 8601 with a time zone, e.g. 2026-01-31T09:30:00Z)',
		],
		['JSON object', { kind: 'object' }, 'json', 'JSON object'],
		[
			'String list',
			{ kind: 'array', itemKind: 'string', limits: { maxItems: 2000 } },
			'json',
			'A list of up to 2,000 strings',
		],
		[
			'Date list',
			{ kind: 'array', itemKind: 'date', limits: { maxItems: 2000 } },
			'json',
			'A list of up to 2,000 dates (YYYY-MM-DD)',
		],
		[
			'list of anything',
			{ kind: 'array', itemKind: 'any', limits: { maxItems: 10 } },
			'json',
			'A list of up to 10 JSON values',
		],
		[
			'list with item bounds',
			{ kind: 'array', itemKind: 'integer', limits: {}, itemLimits: { minimum: 0, maximum: 9 } },
			'json',
			'A list of integers, each between 0 and 9',
		],
		['unknown schema', { kind: 'any' }, 'string', 'Any JSON value'],
		['enum of strings', { enum: ['red', 'blue'] }, 'string', 'One of "red", "blue"'],
		['enum of numbers', { kind: 'integer', enum: [1, 2] }, 'number', 'One of 1, 2'],
	];
	for (const [what, extra, type, description] of cases) {
		test(what, () => {
			const argument = toolArgument(variable('v', extra), 'v');
			assert.equal(argument.type, type);
			assert.equal(argument.description, description);
		});
	}

	test("the schema's own description follows the type, on one line, clipped, without expression braces", () => {
		assert.equal(
			argumentDescription(variable('v', { description: 'Where\n  to   send {{ it }} and ${x}.' })),
			'String. Where to send { { it } } and $ {x}.',
		);
		const long = argumentDescription(variable('v', { description: 'w'.repeat(1000) }));
		assert.equal(long.length, 'String. '.length + 400);
		assert.ok(long.endsWith('…'));
	});
});

describe('the $fromAI() expression', () => {
	const descriptions = [
		'plain text',
		'with `backticks` inside',
		'with `backticks` and "double quotes"',
		"it's a single quote",
		'a back\\slash and a `tick`',
		'`"\'` all three',
	];
	for (const description of descriptions) {
		test(`reads back through n8n's parser: ${description}`, () => {
			const expression = fromAiExpression({ key: 'note', type: 'string', description });
			assert.match(
				expression,
				/^=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('note', /,
			);
			assert.match(expression, / }}$/);
			const [call] = extractFromAICalls(expression);
			assert.deepEqual(
				{ key: call.key, type: call.type, description: call.description },
				{ key: 'note', type: 'string', description },
			);
		});
	}

	test('each type becomes the zod type n8n gives the model', () => {
		for (const [type, accepts, refuses] of [
			['number', 3, '3'],
			['boolean', true, 'true'],
			['json', ['a'], 'a'],
			['string', 'a', 3],
		] as const) {
			const [call] = extractFromAICalls(fromAiExpression({ key: 'k', type, description: 'd' }));
			const schema = generateZodSchema(call);
			assert.equal(schema.safeParse(accepts).success, true, `${type} accepts ${String(accepts)}`);
			assert.equal(schema.safeParse(refuses).success, false, `${type} refuses ${String(refuses)}`);
		}
	});
});
