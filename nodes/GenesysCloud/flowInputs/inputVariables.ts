import type { JsonSchemaDocument } from '../../../schemas/generated/genesys';

/** The kinds of Architect input variables, as their JSON Schema reveals them. */
export type InputKind =
	| 'string'
	| 'integer'
	| 'number'
	| 'boolean'
	| 'date'
	| 'dateTime'
	| 'object'
	| 'array'
	| 'any';

export interface InputVariable {
	/** The key as the schema spells it and the API expects it in inputData, e.g. "Flow.customerId". */
	key: string;
	/** The name builders see, without the Flow. prefix, e.g. "customerId". */
	name: string;
	kind: InputKind;
	/** For arrays: the kind of their items. */
	itemKind?: InputKind;
	required: boolean;
	description?: string;
	enum?: Array<string | number | boolean>;
}

export const FLOW_PREFIX = 'Flow.';

export function withoutPrefix(key: string): string {
	return key.startsWith(FLOW_PREFIX) ? key.slice(FLOW_PREFIX.length) : key;
}

type PropertySchema = Record<string, unknown>;

function kindOf(property: PropertySchema): InputKind {
	// Schemas may give type as a list (e.g. ["string", "null"]): the first non-null one decides.
	const declared = Array.isArray(property.type)
		? (property.type as unknown[]).find((type) => type !== 'null')
		: property.type;
	switch (declared) {
		case 'string':
			if (property.format === 'date') return 'date';
			if (property.format === 'date-time') return 'dateTime';
			return 'string';
		case 'integer':
			return 'integer';
		case 'number':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'object':
			return 'object';
		case 'array':
			return 'array';
		default:
			return 'any';
	}
}

/** The input variables of a flow version, read defensively: unknown shapes become free JSON ("any"). */
export function readInputVariables(schema: JsonSchemaDocument | undefined): InputVariable[] {
	const properties = schema?.properties ?? {};
	const required = new Set(Array.isArray(schema?.required) ? schema.required : []);
	return Object.entries(properties).map(([key, raw]) => {
		const property = (raw && typeof raw === 'object' ? raw : {}) as PropertySchema;
		const kind = kindOf(property);
		const variable: InputVariable = { key, name: withoutPrefix(key), kind, required: required.has(key) };
		if (kind === 'array' && property.items && typeof property.items === 'object') {
			variable.itemKind = kindOf(property.items as PropertySchema);
		}
		if (typeof property.description === 'string' && property.description) variable.description = property.description;
		if (Array.isArray(property.enum) && property.enum.length) {
			variable.enum = property.enum as Array<string | number | boolean>;
		}
		return variable;
	});
}

const KIND_LABELS: Record<InputKind, string> = {
	string: 'a string',
	integer: 'an integer',
	number: 'a decimal number',
	boolean: 'a boolean (true or false)',
	date: 'a date (YYYY-MM-DD)',
	dateTime: 'a date-time (ISO 8601 with a time zone, e.g. 2026-01-31T09:30:00Z)',
	object: 'a JSON object',
	array: 'a list',
	any: 'any JSON value',
};

/** "an integer", "a list of strings", ... for error messages. */
export function describeKind(variable: Pick<InputVariable, 'kind' | 'itemKind' | 'enum'>): string {
	if (variable.enum) return `one of ${variable.enum.map((value) => JSON.stringify(value)).join(', ')}`;
	if (variable.kind === 'array' && variable.itemKind && variable.itemKind !== 'any') {
		return `a list of ${KIND_LABELS[variable.itemKind].replace(/^an? /, '')}s`.replace('(YYYY-MM-DD)s', 's (YYYY-MM-DD)');
	}
	return KIND_LABELS[variable.kind];
}
