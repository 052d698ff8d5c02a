/** The kinds of Architect variables, as their JSON Schema reveals them. */
export type InputKind =
	'string' | 'integer' | 'number' | 'boolean' | 'date' | 'dateTime' | 'object' | 'array' | 'any';

/** Bounds a schema puts on a value: numbers, string lengths and collection sizes. */
export interface ValueLimits {
	minimum?: number;
	maximum?: number;
	minLength?: number;
	maxLength?: number;
	maxItems?: number;
}

export interface InputVariable {
	/** The key as the schema spells it and the API expects it in inputData, e.g. "Flow.customerId". */
	key: string;
	/** The name builders see, without the Flow. prefix, e.g. "customerId". */
	name: string;
	kind: InputKind;
	/** For arrays: the kind of their items. */
	itemKind?: InputKind;
	/** Only a plain schema's `required` makes a variable required: the real dialect carries none. */
	required: boolean;
	description?: string;
	enum?: Array<string | number | boolean>;
	limits: ValueLimits;
	/** For arrays: the bounds on each item. */
	itemLimits?: ValueLimits;
	/** Architect's own type id when the schema gives one ("str", "int", "str_coll", ...). */
	archDataTypeId?: string;
}

export const FLOW_PREFIX = 'Flow.';

export function withoutPrefix(key: string): string {
	return key.startsWith(FLOW_PREFIX) ? key.slice(FLOW_PREFIX.length) : key;
}

/**
 * How messages name each kind: a list says "a list of dates (YYYY-MM-DD)", so the plural goes on the noun,
 * before the hint on the form, and the article only on a single value.
 */
const KIND_WORDS: Record<InputKind, { article: string; noun: string; hint?: string }> = {
	string: { article: 'a', noun: 'string' },
	integer: { article: 'an', noun: 'integer' },
	number: { article: 'a', noun: 'decimal number' },
	boolean: { article: 'a', noun: 'boolean', hint: '(true or false)' },
	date: { article: 'a', noun: 'date', hint: '(YYYY-MM-DD)' },
	dateTime: {
		article: 'a',
		noun: 'date-time',
		hint: '(ISO 8601 with a time zone, e.g. 2026-01-31T09:30:00Z)',
	},
	object: { article: 'a', noun: 'JSON object' },
	array: { article: 'a', noun: 'list' },
	any: { article: 'any', noun: 'JSON value' },
};

function kindWords(kind: InputKind, plural: boolean): string {
	const { article, noun, hint } = KIND_WORDS[kind];
	const named = plural ? `${noun}s` : `${article} ${noun}`;
	return hint ? `${named} ${hint}` : named;
}

/** "an integer", "a list of strings", "a list of dates (YYYY-MM-DD)", ... for error messages. */
export function describeKind(variable: Pick<InputVariable, 'kind' | 'itemKind' | 'enum'>): string {
	if (variable.enum)
		return `one of ${variable.enum.map((value) => JSON.stringify(value)).join(', ')}`;
	if (variable.kind === 'array' && variable.itemKind && variable.itemKind !== 'any') {
		return `a list of ${kindWords(variable.itemKind, true)}`;
	}
	return kindWords(variable.kind, false);
}

/** Short type names for field labels: "String", "Integer", "String list". */
const SHORT_LABELS: Record<InputKind, string> = {
	string: 'String',
	integer: 'Integer',
	number: 'Decimal',
	boolean: 'Boolean',
	date: 'Date',
	dateTime: 'DateTime',
	object: 'JSON',
	array: 'List',
	any: 'JSON',
};

export function shortKind(variable: Pick<InputVariable, 'kind' | 'itemKind'>): string {
	if (variable.kind === 'array' && variable.itemKind && variable.itemKind !== 'any') {
		return `${SHORT_LABELS[variable.itemKind]} list`;
	}
	return SHORT_LABELS[variable.kind];
}

/** "customerId (String, required), priority (Integer)", or why there are none, for error descriptions. */
export function describeInputs(variables: InputVariable[]): string {
	return variables.length
		? variables
				.map(
					(variable) =>
						`${variable.name} (${shortKind(variable)}${variable.required ? ', required' : ''})`,
				)
				.join(', ')
		: 'none: this flow takes no inputs';
}
