import { describeKind, type InputKind, type InputVariable, type ValueLimits } from './inputVariables';

export type Coerced = { ok: true; value: unknown } | { ok: false };

const FAIL: Coerced = { ok: false };

interface DateLike {
	toISO?: () => string | null;
	toISODate?: () => string | null;
}

function isDateLike(value: unknown): value is DateLike {
	return !!value && typeof value === 'object' && typeof (value as DateLike).toISO === 'function';
}

function parseJson(value: string): unknown {
	try {
		return JSON.parse(value);
	} catch {
		return undefined;
	}
}

const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// The API contract wants a time zone on DateTime inputs, and a local time would be read in an unknown zone anyway.
const ISO_DATE_TIME = /^(?<date>\d{4}-\d{2}-\d{2})[T ](?<time>\d{2}:\d{2}(:\d{2}(\.\d+)?)?)(?<zone>Z|[+-]\d{2}:?\d{2})$/i;

/** A real calendar day: Date.parse rolls 2026-02-30 over into March instead of refusing it. */
function isCalendarDate(text: string): boolean {
	const match = ISO_DATE.exec(text);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
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
			if (typeof value === 'number' || typeof value === 'boolean') return { ok: true, value: String(value) };
			if (isDateLike(value)) return { ok: true, value: value.toISO?.() };
			return FAIL;
		case 'integer': {
			const number = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
			return typeof number === 'number' && Number.isInteger(number) ? { ok: true, value: number } : FAIL;
		}
		case 'number': {
			// Number() would also read "0x1A" and "0b11": only plain decimal notation is unambiguous.
			const number = typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value;
			return typeof number === 'number' && Number.isFinite(number) ? { ok: true, value: number } : FAIL;
		}
		case 'boolean':
			if (typeof value === 'boolean') return { ok: true, value };
			if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
			return FAIL;
		case 'date':
			if (isDateLike(value)) return { ok: true, value: value.toISODate?.() };
			if (value instanceof Date && !isNaN(value.getTime())) return { ok: true, value: value.toISOString().slice(0, 10) };
			return typeof value === 'string' && isCalendarDate(value.trim()) ? { ok: true, value: value.trim() } : FAIL;
		case 'dateTime':
			if (isDateLike(value)) return { ok: true, value: value.toISO?.() };
			if (value instanceof Date && !isNaN(value.getTime())) return { ok: true, value: value.toISOString() };
			if (typeof value === 'string') {
				const dateTime = isoDateTime(value.trim());
				if (dateTime) return { ok: true, value: dateTime };
			}
			return FAIL;
		case 'object': {
			const object = typeof value === 'string' ? parseJson(value) : value;
			return object && typeof object === 'object' && !Array.isArray(object) ? { ok: true, value: object } : FAIL;
		}
		case 'array': {
			const list = typeof value === 'string' ? parseJson(value) : value;
			if (!Array.isArray(list)) return FAIL;
			if (!itemKind || itemKind === 'any') return { ok: true, value: list };
			const items: unknown[] = [];
			for (const item of list) {
				const converted = coerce(itemKind, item);
				if (!converted.ok) return FAIL;
				items.push(converted.value);
			}
			return { ok: true, value: items };
		}
		default:
			return { ok: true, value };
	}
}

export type Checked = { ok: true; value: unknown } | { ok: false; problem: string };

/** What breaks a limit of the schema, in the words of an error message; undefined when the value fits. */
function limitProblem(value: unknown, limits: ValueLimits | undefined): string | undefined {
	if (!limits) return undefined;
	if (typeof value === 'number') {
		if (limits.minimum !== undefined && value < limits.minimum) return `must be at least ${limits.minimum}`;
		if (limits.maximum !== undefined && value > limits.maximum) return `must be at most ${limits.maximum}`;
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
	if (typeof value === 'string' && value.length > 80) return `a string of ${value.length} characters`;
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
		return { ok: false, problem: `must be ${describeKind(variable)}, but got ${describeValue(value)}` };
	}
	const problem = limitProblem(converted.value, variable.limits);
	if (problem) return { ok: false, problem: `${problem}, but got ${describeSize(converted.value)}` };
	if (Array.isArray(converted.value)) {
		for (const [index, item] of converted.value.entries()) {
			const itemProblem = limitProblem(item, variable.itemLimits);
			if (itemProblem) return { ok: false, problem: `item ${index} ${itemProblem}, but got ${describeSize(item)}` };
		}
	}
	return converted;
}

/** "the string \"abc\"", "the number 4.5", "an empty value" — what a value was, for error messages. */
export function describeValue(value: unknown): string {
	if (value === null || value === undefined || value === '') return 'an empty value';
	if (Array.isArray(value)) return `the list ${JSON.stringify(value).slice(0, 80)}`;
	if (isDateLike(value)) return `the date ${value.toISO?.()}`;
	if (typeof value === 'object') return `the object ${JSON.stringify(value).slice(0, 80)}`;
	return `the ${typeof value} ${JSON.stringify(value).slice(0, 80)}`;
}
