/**
 * The two schema dialects the emulator can serve. The seed is authored in the plain form (`{"type":"integer"}`,
 * `required`, enums); at start-up every plain schema is converted once into the form real orgs send (captured from a
 * real org, quoted in docs/emulator.md, "Schema dialects"): draft-07, `$ref`s into `definitions` holding only the
 * types used, each definition a `oneOf` with a null branch, collections with maxItems 2000, no `required`,
 * additionalProperties false. Only archString and archInteger are captured; every other definition is a guess in the
 * same form (docs/emulator.md says which).
 */
import type { JsonSchemaDoc } from './seed/model';

export type SchemaDialect = 'real' | 'plain';
export type SchemaKind = 'input' | 'output';

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
export const COLLECTION_MAX_ITEMS = 2000;

type Definition = { archDataTypeId: string; oneOf: Record<string, unknown>[] };

const nullBranch = (typeName: string) => ({
	type: 'null',
	description: `A NOT_SET ${typeName} value.`,
});

/** Architect's data type definitions, keyed by definition name. Insertion order is the order used in documents. */
export const ARCH_DEFINITIONS: Record<string, Definition> = {
	// captured
	archString: {
		archDataTypeId: 'str',
		oneOf: [
			nullBranch('String'),
			{ type: 'string', maxLength: 32000, description: 'A String value.' },
		],
	},
	// captured
	archInteger: {
		archDataTypeId: 'int',
		oneOf: [
			nullBranch('Integer'),
			{
				type: 'integer',
				minimum: -999999999999999,
				maximum: 999999999999999,
				description: 'An Integer value.',
			},
			{
				type: 'string',
				minLength: 1,
				maxLength: 16,
				description: 'A string representation of an integral numeric value. Example: "42".',
			},
		],
	},
	// guessed from here on
	archDecimal: {
		archDataTypeId: 'dec',
		oneOf: [
			nullBranch('Decimal'),
			{ type: 'number', description: 'A Decimal value.' },
			{
				type: 'string',
				minLength: 1,
				maxLength: 32,
				description: 'A string representation of a decimal numeric value. Example: "3.14".',
			},
		],
	},
	archBoolean: {
		archDataTypeId: 'bool',
		oneOf: [nullBranch('Boolean'), { type: 'boolean', description: 'A Boolean value.' }],
	},
	archDate: {
		archDataTypeId: 'date',
		oneOf: [
			nullBranch('Date'),
			{
				type: 'string',
				format: 'date',
				description: 'A Date value (YYYY-MM-DD). Example: "2025-01-31".',
			},
		],
	},
	archDateTime: {
		archDataTypeId: 'datetime',
		oneOf: [
			nullBranch('DateTime'),
			{
				type: 'string',
				format: 'date-time',
				description:
					'A DateTime value (ISO 8601 with a time zone). Example: "2025-01-31T09:30:00.000Z".',
			},
		],
	},
	archTime: {
		archDataTypeId: 'time',
		oneOf: [
			nullBranch('Time'),
			{
				type: 'string',
				format: 'time',
				description: 'A Time value (hh:mm:ss). Example: "09:30:00".',
			},
		],
	},
	archDuration: {
		archDataTypeId: 'duration',
		oneOf: [
			nullBranch('Duration'),
			{
				type: 'string',
				format: 'duration',
				description: 'A Duration value (ISO 8601). Example: "PT1H30M".',
			},
		],
	},
	archJson: {
		archDataTypeId: 'json',
		oneOf: [nullBranch('JSON'), { type: 'object', description: 'A JSON value.' }],
	},
};

/** Architect type names for messages ("must be an Integer"). */
export const ARCH_TYPE_NAMES: Record<string, string> = {
	archString: 'String',
	archInteger: 'Integer',
	archDecimal: 'Decimal',
	archBoolean: 'Boolean',
	archDate: 'Date',
	archDateTime: 'DateTime',
	archTime: 'Time',
	archDuration: 'Duration',
	archJson: 'JSON',
};

const DESCRIPTIONS: Record<SchemaKind, string> = {
	input:
		'Property names map to flow-scoped variables marked as flow inputs. An input that is not supplied takes the initial value configured in the flow.',
	output:
		'Property names map to flow-scoped variables marked as flow outputs. An output that is not set by the flow takes the initial value configured in the flow.',
};

/**
 * The Architect definition a plain property maps to. Enums have no Architect type: an enum property is a plain
 * String. Anything unknown is JSON.
 */
export function archTypeOf(plain: Record<string, unknown> | undefined): string {
	const type = Array.isArray(plain?.type)
		? (plain.type as string[]).find((t) => t !== 'null')
		: plain?.type;
	switch (type) {
		case 'string':
			if (plain?.format === 'date') return 'archDate';
			if (plain?.format === 'date-time') return 'archDateTime';
			if (plain?.format === 'time') return 'archTime';
			if (plain?.format === 'duration') return 'archDuration';
			return 'archString';
		case 'integer':
			return 'archInteger';
		case 'number':
			return 'archDecimal';
		case 'boolean':
			return 'archBoolean';
		default:
			return 'archJson';
	}
}

/** Converts one plain schema document to the real dialect. */
export function toRealSchema(plain: JsonSchemaDoc, kind: SchemaKind): JsonSchemaDoc {
	const used = new Set<string>();
	const properties: Record<string, Record<string, unknown>> = {};
	for (const [key, prop] of Object.entries(plain.properties ?? {})) {
		const description =
			typeof prop.description === 'string' ? { description: prop.description } : {};
		if (prop.type === 'array') {
			const itemType = archTypeOf(prop.items as Record<string, unknown> | undefined);
			used.add(itemType);
			properties[key] = {
				...description,
				type: 'array',
				maxItems: COLLECTION_MAX_ITEMS,
				items: { $ref: `#/definitions/${itemType}` },
			};
		} else {
			const type = archTypeOf(prop);
			used.add(type);
			properties[key] = { ...description, $ref: `#/definitions/${type}` };
		}
	}
	const doc: JsonSchemaDoc = {
		$schema: DRAFT_07,
		title: kind === 'input' ? 'Flow input schema' : 'Flow output schema',
		description: DESCRIPTIONS[kind],
		type: 'object',
		properties,
		additionalProperties: false,
	};
	if (used.size) {
		// Only the types used, in the catalogue's order (stable whatever the property order).
		doc.definitions = Object.fromEntries(
			Object.keys(ARCH_DEFINITIONS)
				.filter((name) => used.has(name))
				.map((name) => [name, structuredClone(ARCH_DEFINITIONS[name])]),
		);
	}
	return doc;
}
