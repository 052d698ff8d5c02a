import {
	describeKind,
	type InputKind,
	type InputVariable,
	type ValueLimits,
} from './inputVariables';

/** unsafeInteger: the value was an integer, but beyond what a number holds exactly (2^53 - 1 either way). */
export type Coerced = { ok: true; value: unknown } | { ok: false; unsafeInteger?: true };

const FAIL: Coerced = { ok: false };
const UNSAFE_INTEGER: Coerced = { ok: false, unsafeInteger: true };

interface DateLike {
	toISO?: () => string | null;
	toISODate?: () => string | null;
	/** Luxon's why, on an invalid DateTime: "unparsable", "the input \"nope\" can't be parsed as ISO 8601". */
	invalidReason?: string | null;
	invalidExplanation?: string | null;
}

function isDateLike(value: unknown): value is DateLike {
	return !!value && typeof value === 'object' && typeof (value as DateLike).toISO === 'function';
}

/** An invalid Luxon DateTime (DateTime.fromISO('nope')) gives null for its ISO text: refused, not sent as null. */
function isoText(text: string | null | undefined): Coerced {
	return typeof text === 'string' ? { ok: true, value: text } : FAIL;
}

function parseJson(value: string): unknown {
	try {
		return JSON.parse(value);
	} catch {
		return undefined;
	}
}

const INTEGER = /^\s*-?\d+\s*$/;
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// The API contract wants a time zone on DateTime inputs, and a local time would be read in an unknown zone anyway.
const ISO_DATE_TIME =
	/^(?<date>\d{4}-\d{2}-\d{2})[T ](?<time>\d{2}:\d{2}(:\d{2}(\.\d+)?)?)(?<zone>Z|[+-]\d{2}:?\d{2})$/i;

/** A real calendar day: Date.parse rolls 2026-02-30 over into March instead of refusing it. */
function isCalendarDate(text: string): boolean {
	const match = ISO_DATE.exec(text);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

function isoDateTime(text: string): string | undefined {
	const parts = ISO_DATE_TIME.exec(text)?.groups;
	if (!parts || !isCalendarDate(parts.date)) return undefined;
	const normalized = `${parts.date}T${parts.time}${parts.zone.toUpperCase()}`;
	return isNaN(Date.parse(normalized)) ? undefined : normalized;
}

/**
 * Converts a value to what the API expects for an input kind, accepting only unambiguous forms: numbers
 * written as strings ("42"), booleans as "true"/"false", dates as Luxon/Date objects or ISO strings, JSON
 * written as text. Anything else is refused, so a wrong value never reaches Genesys Cloud.
 */
export function coerce(kind: InputKind, value: unknown, itemKind?: InputKind): Coerced {
	switch (kind) {
		case 'string':
			if (typeof value === 'string') return { ok: true, value };
			if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
				return { ok: true, value: String(value) };
			}
			if (isDateLike(value)) return isoText(value.toISO?.());
			return FAIL;
		case 'integer': {
			const whole =
				(typeof value === 'string' && INTEGER.test(value)) ||
				typeof value === 'bigint' ||
				(typeof value === 'number' && Number.isInteger(value));
			if (!whole) return FAIL;
			// Past 2^53 a number no longer holds every integer: "12345678901234567890" would reach the flow
			// as 12345678901234567000, so such integers are refused rather than rounded.
			const number = Number(value);
			return Number.isSafeInteger(number) ? { ok: true, value: number } : UNSAFE_INTEGER;
		}
		case 'number': {
			// Number() would also read "0x1A" and "0b11": only plain decimal notation is unambiguous. A BigInt
			// is rounded like a long decimal string is: a decimal is approximate anyway.
			const number =
				(typeof value === 'string' && DECIMAL.test(value)) || typeof value === 'bigint'
					? Number(value)
					: value;
			return typeof number === 'number' && Number.isFinite(number)
				? { ok: true, value: number }
				: FAIL;
		}
		case 'boolean':
			if (typeof value === 'boolean') return { ok: true, value };
			if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
			return FAIL;
		case 'date':
			if (isDateLike(value)) return isoText(value.toISODate?.());
			if (value instanceof Date && !isNaN(value.getTime()))
				return { ok: true, value: value.toISOString().slice(0, 10) };
			return typeof value === 'string' && isCalendarDate(value.trim())
				? { ok: true, value: value.trim() }
				: FAIL;
		case 'dateTime':
			if (isDateLike(value)) return isoText(value.toISO?.());
			if (value instanceof Date && !isNaN(value.getTime()))
				return { ok: true, value: value.toISOString() };
			if (typeof value === 'string') {
				const dateTime = isoDateTime(value.trim());
				if (dateTime) return { ok: true, value: dateTime };
			}
			return FAIL;
		case 'object': {
			const object = typeof value === 'string' ? parseJson(value) : value;
			return object && typeof object === 'object' && !Array.isArray(object)
				? { ok: true, value: object }
				: FAIL;
		}
		case 'array': {
			const list = typeof value === 'string' ? parseJson(value) : value;
			if (!Array.isArray(list)) return FAIL;
			if (!itemKind || itemKind === 'any') return { ok: true, value: list };
			const items: unknown[] = [];
			for (const item of list) {
				const converted = coerce(itemKind, item);
				if (!converted.ok) return converted;
				items.push(converted.value);
			}
			return { ok: true, value: items };
		}
		default:
			return { ok: true, value };
	}
}

const SAFE_RANGE = ` between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER}`;

export type Checked = { ok: true; value: unknown } | { ok: false; problem: string };

/** What breaks a limit of the schema, in the words of an error message; undefined when the value fits. */
function limitProblem(value: unknown, limits: ValueLimits | undefined): string | undefined {
	if (!limits) return undefined;
	if (typeof value === 'number') {
		if (limits.minimum !== undefined && value < limits.minimum)
			return `must be at least ${limits.minimum}`;
		if (limits.maximum !== undefined && value > limits.maximum)
			return `must be at most ${limits.maximum}`;
	}
	if (typeof value === 'string') {
		if (limits.maxLength !== undefined && value.length > limits.maxLength) {
			return `must be at most ${limits.maxLength} characters long`;
		}
		if (limits.minLength !== undefined && value.length < limits.minLength) {
			return `must be at least ${limits.minLength} characters long`;
		}
	}
	if (Array.isArray(value) && limits.maxItems !== undefined && value.length > limits.maxItems) {
		return `must hold at most ${limits.maxItems} items`;
	}
	return undefined;
}

/** "the string of 32001 characters", "the list of 2001 items", or the value itself for short ones. */
function describeSize(value: unknown): string {
	if (typeof value === 'string' && value.length > 80)
		return `a string of ${value.length} characters`;
	if (Array.isArray(value)) return `a list of ${value.length} items`;
	return describeValue(value);
}

/**
 * Converts a value to the variable's type and checks the schema's limits (minimum/maximum, maxLength,
 * maxItems, and each item's), so that nothing reaches Genesys Cloud that its flow would fail on later.
 */
export function coerceVariable(variable: InputVariable, value: unknown): Checked {
	const converted = coerce(variable.kind, value, variable.itemKind);
	if (!converted.ok || (variable.enum && !variable.enum.includes(converted.value as string))) {
		// "must be an integer, but got the string "12345678901234567890"" would read as a contradiction.
		const range = !converted.ok && converted.unsafeInteger && !variable.enum ? SAFE_RANGE : '';
		return {
			ok: false,
			problem: `must be ${describeKind(variable)}${range}, but got ${describeValue(value)}`,
		};
	}
	const problem = limitProblem(converted.value, variable.limits);
	if (problem)
		return { ok: false, problem: `${problem}, but got ${describeSize(converted.value)}` };
	if (Array.isArray(converted.value)) {
		for (const [index, item] of converted.value.entries()) {
			const itemProblem = limitProblem(item, variable.itemLimits);
			if (itemProblem)
				return {
					ok: false,
					problem: `item ${index} ${itemProblem}, but got ${describeSize(item)}`,
				};
		}
	}
	return converted;
}

/** "the string \"abc\"", "the number 4.5", "an empty value" — what a value was, for error messages. */
export function describeValue(value: unknown): string {
	// The refusal this text goes into must reach the user, so describing a value never throws: a value whose
	// toISO() or toJSON() throws still gets a name.
	try {
		return describe(value);
	} catch {
		return `a value of type ${typeof value}`;
	}
}

function describe(value: unknown): string {
	if (value === null || value === undefined || value === '') return 'an empty value';
	if (typeof value === 'bigint') return `the BigInt ${String(value).slice(0, 80)}`;
	if (typeof value === 'function' || typeof value === 'symbol') return `a ${typeof value}`;
	// JSON writes NaN and Infinity as null.
	if (typeof value === 'number') return `the number ${String(value)}`;
	if (Array.isArray(value)) {
		const json = jsonForMessage(value);
		return json === undefined ? `a list of ${value.length} items` : `the list ${json.slice(0, 80)}`;
	}
	if (isDateLike(value)) {
		const iso = value.toISO?.();
		if (typeof iso === 'string') return `the date ${iso}`;
		const why = value.invalidExplanation ?? value.invalidReason;
		return why ? `an invalid date (${why})` : 'an invalid date';
	}
	if (value instanceof Date)
		return isNaN(value.getTime()) ? 'an invalid date' : `the date ${value.toISOString()}`;
	if (typeof value === 'object') {
		const json = jsonForMessage(value);
		return json === undefined ? 'an object' : `the object ${json.slice(0, 80)}`;
	}
	return `the ${typeof value} ${JSON.stringify(value).slice(0, 80)}`;
}

/** Marks a BigInt's digits in JSON text, to be unquoted after: JSON itself refuses BigInts. */
const BIGINT_MARK = '\u0000bigint:';
const MARKED_BIGINT = /"\\u0000bigint:(-?\d+)"/g;

/** JSON text of a value, BigInts written as their digits; undefined for a circular one, or one JSON cannot write. */
function jsonForMessage(value: unknown): string | undefined {
	try {
		const json = JSON.stringify(value, (_key, item: unknown) =>
			typeof item === 'bigint' ? `${BIGINT_MARK}${item}` : item,
		);
		return json?.replace(MARKED_BIGINT, '$1');
	} catch {
		return undefined;
	}
}
