import type { InputKind, InputVariable } from './inputVariables';

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

export function coerceVariable(variable: InputVariable, value: unknown): Coerced {
	const converted = coerce(variable.kind, value, variable.itemKind);
	if (!converted.ok || !variable.enum) return converted;
	return variable.enum.includes(converted.value as string) ? converted : FAIL;
}

/** "the string \"abc\"", "the number 4.5", "an empty value" — what a value was, for error messages. */
export function describeValue(value: unknown): string {
	if (value === null || value === undefined || value === '') return 'an empty value';
	if (Array.isArray(value)) return `the list ${JSON.stringify(value).slice(0, 80)}`;
	if (isDateLike(value)) return `the date ${value.toISO?.()}`;
	if (typeof value === 'object') return `the object ${JSON.stringify(value).slice(0, 80)}`;
	return `the ${typeof value} ${JSON.stringify(value).slice(0, 80)}`;
}
