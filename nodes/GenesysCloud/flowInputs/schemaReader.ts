import {
	withoutPrefix,
	type InputKind,
	type InputVariable,
	type ValueLimits,
} from './inputVariables';

/**
 * The one reader of flow input and output schemas. Real orgs send draft-07 documents whose properties are
 * `$ref`s into `definitions` (`archString`, `archInteger`, ...), each a `oneOf` with a null branch, and no
 * `required`; older gateways and the SDK model allow plain `{"type": "string"}` properties with `required`.
 * Both read to the same variables; anything unrecognised becomes free JSON ("any") with its description.
 */

type Schema = Record<string, unknown>;

/** A schema document as the API sends it: only the parts this reader looks at. */
export interface SchemaDocument {
	properties?: Record<string, unknown>;
	required?: unknown;
	definitions?: Record<string, unknown>;
	$defs?: Record<string, unknown>;
	[key: string]: unknown;
}

const MAX_REF_DEPTH = 8;

/** Architect type ids (exported flows name variable types this way) to the kinds they hold. */
const ARCH_TYPE_KINDS: Record<string, InputKind> = {
	str: 'string',
	int: 'integer',
	dec: 'number',
	bool: 'boolean',
	date: 'date',
	datetime: 'dateTime',
	json: 'object',
};

function isSchema(value: unknown): value is Schema {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Follows a local `$ref` ("#/definitions/archString"); the referring schema's own keys (description) win. */
function resolve(schema: Schema, document: SchemaDocument, depth = 0): Schema {
	const ref = schema.$ref;
	if (typeof ref !== 'string' || depth >= MAX_REF_DEPTH) return schema;
	const match = /^#\/(definitions|\$defs)\/(.+)$/.exec(ref);
	const target = match ? document[match[1]] : undefined;
	const definition = isSchema(target) ? target[decodeURIComponent(match![2])] : undefined;
	if (!isSchema(definition)) return schema;
	const own: Schema = { ...schema };
	delete own.$ref;
	return { ...resolve(definition, document, depth + 1), ...own };
}

function declaredType(schema: Schema): string | undefined {
	const type = Array.isArray(schema.type)
		? (schema.type as unknown[]).find((t) => t !== 'null')
		: schema.type;
	return typeof type === 'string' && type !== 'null' ? type : undefined;
}

/**
 * The branch that decides the kind: the schema itself when it has a type, else the first typed non-null
 * branch of its oneOf/anyOf. The other branches (archInteger's string form) only widen what is accepted,
 * and coercion accepts integer strings anyway.
 */
function decidingBranch(schema: Schema, document: SchemaDocument): Schema | undefined {
	if (declaredType(schema)) return schema;
	for (const keyword of ['oneOf', 'anyOf']) {
		const branches = schema[keyword];
		if (!Array.isArray(branches)) continue;
		for (const branch of branches) {
			if (!isSchema(branch)) continue;
			const resolved = resolve(branch, document);
			if (declaredType(resolved)) return resolved;
		}
	}
	return undefined;
}

function kindOfType(type: string | undefined, format: unknown): InputKind | undefined {
	switch (type) {
		case 'string':
			if (format === 'date') return 'date';
			if (format === 'date-time') return 'dateTime';
			return 'string';
		case 'integer':
		case 'number':
		case 'boolean':
		case 'object':
		case 'array':
			return type;
		default:
			return undefined;
	}
}

function limitsOf(schema: Schema | undefined): ValueLimits {
	const limits: ValueLimits = {};
	for (const name of ['minimum', 'maximum', 'minLength', 'maxLength', 'maxItems'] as const) {
		const value = schema?.[name];
		if (typeof value === 'number' && Number.isFinite(value)) limits[name] = value;
	}
	return limits;
}

interface ReadValue {
	kind: InputKind;
	limits: ValueLimits;
	archDataTypeId?: string;
	enum?: Array<string | number | boolean>;
	items?: ReadValue;
}

function readValue(raw: unknown, document: SchemaDocument): ReadValue {
	const schema = isSchema(raw) ? resolve(raw, document) : {};
	const archDataTypeId =
		typeof schema.archDataTypeId === 'string' ? schema.archDataTypeId : undefined;
	const branch = decidingBranch(schema, document);
	const hinted = archDataTypeId ? ARCH_TYPE_KINDS[archDataTypeId.replace(/_coll$/, '')] : undefined;
	let kind =
		kindOfType(declaredType(branch ?? {}), branch?.format ?? schema.format) ?? hinted ?? 'any';
	// A type id can say more than the JSON type: a "date" variable whose branch is a bare string is a date.
	if (kind === 'string' && (hinted === 'date' || hinted === 'dateTime')) kind = hinted;
	const read: ReadValue = {
		kind,
		limits: { ...limitsOf(schema), ...limitsOf(branch) },
		archDataTypeId,
	};
	const values = Array.isArray(branch?.enum) ? branch.enum : schema.enum;
	if (Array.isArray(values)) {
		const usable = values.filter((value) => ['string', 'number', 'boolean'].includes(typeof value));
		if (usable.length) read.enum = usable as Array<string | number | boolean>;
	}
	if (kind === 'array') read.items = readValue(branch?.items ?? schema.items, document);
	return read;
}

/** The variables a flow schema declares, in schema order. */
export function readSchemaVariables(document: SchemaDocument | undefined): InputVariable[] {
	if (!document || !isSchema(document.properties)) return [];
	const required = new Set(Array.isArray(document.required) ? document.required : []);
	return Object.entries(document.properties).map(([key, raw]) => {
		const value = readValue(raw, document);
		const variable: InputVariable = {
			key,
			name: withoutPrefix(key),
			kind: value.kind,
			required: required.has(key),
			limits: value.limits,
		};
		const description = isSchema(raw)
			? (raw.description ?? resolve(raw, document).description)
			: undefined;
		if (typeof description === 'string' && description.trim())
			variable.description = description.trim();
		if (value.archDataTypeId) variable.archDataTypeId = value.archDataTypeId;
		if (value.enum) variable.enum = value.enum;
		if (value.items) {
			variable.itemKind = value.items.kind;
			variable.itemLimits = value.items.limits;
			if (!variable.archDataTypeId && value.items.archDataTypeId)
				variable.archDataTypeId = `${value.items.archDataTypeId}_coll`;
		}
		return variable;
	});
}
