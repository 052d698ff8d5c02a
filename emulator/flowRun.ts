/**
 * What a launched flow runs with, the way real Architect behaves (captured: a launch with the inputs nested as
 * {"Flow": {...}} was accepted and the run ended FAILED with error.workflow.expression.unexpectedNull):
 * - every input of the version gets a value: the one sent under its exact key, else the initial value the seed
 *   configures (`run.initialValues`), else NOT_SET (null; an empty list for a collection);
 * - keys that are not inputs are ignored;
 * - a value of the wrong type (by the real dialect's rules: an Integer also takes its string form "42") makes the
 *   run fail (code guessed), and so does an input the flow needs (`run.needs`) that ends up NOT_SET (captured code).
 * Valid values are normalised to their JSON type ("42" → 42) so outputs compute from typed inputs.
 */
import { DATE_TIME, isDate } from './inputValidation';
import { ARCH_TYPE_NAMES, COLLECTION_MAX_ITEMS, archTypeOf } from './schemaDialect';
import type { JsonSchemaDoc, SeedRun } from './seed/model';

export interface RunFailure {
	message: string;
	code: string;
	messageWithParams: string;
	messageParams: Record<string, string>;
}

export interface PreparedRun {
	/** Every input of the version with the value the flow runs with. */
	inputs: Record<string, unknown>;
	failure: RunFailure | null;
}

export const UNEXPECTED_NULL = 'error.workflow.expression.unexpectedNull';
/** Guessed: Genesys's code for an input value that cannot be bound to the variable's type is unverified. */
export const INPUT_TYPE_MISMATCH = 'error.workflow.input.typeMismatch';

const INTEGER_STRING = /^[+-]?\d{1,15}$/;
const DECIMAL_STRING = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const TIME = /^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const INTEGER_LIMIT = 999999999999999;

const NOT_USABLE = Symbol('not usable');

export function prepareRun(
	sent: Record<string, unknown>,
	inputSchema: JsonSchemaDoc | undefined,
	run: SeedRun,
): PreparedRun {
	const properties = inputSchema?.properties ?? {};
	const initial = run.initialValues ?? {};
	const inputs: Record<string, unknown> = {};
	let failure: RunFailure | null = null;
	for (const [key, prop] of Object.entries(properties)) {
		const isCollection = prop.type === 'array';
		if (Object.prototype.hasOwnProperty.call(sent, key) && sent[key] !== null) {
			const value = isCollection
				? collection(sent[key], prop.items as Record<string, unknown> | undefined)
				: scalar(sent[key], archTypeOf(prop));
			if (value === NOT_USABLE) {
				failure ??= typeMismatch(
					key,
					isCollection
						? `${typeName(prop.items as Record<string, unknown>)} collection`
						: typeName(prop),
					sent[key],
				);
				inputs[key] = null;
			} else inputs[key] = value;
			continue;
		}
		inputs[key] = Object.prototype.hasOwnProperty.call(initial, key)
			? structuredClone(initial[key])
			: isCollection
				? []
				: null;
	}
	if (!failure) {
		const missing = (run.needs ?? []).find(
			(key) => inputs[key] === null || inputs[key] === undefined,
		);
		if (missing) failure = unexpectedNull(missing);
	}
	return { inputs, failure };
}

function typeName(prop: Record<string, unknown> | undefined): string {
	return ARCH_TYPE_NAMES[archTypeOf(prop)] ?? 'JSON';
}

function collection(value: unknown, items: Record<string, unknown> | undefined): unknown {
	if (!Array.isArray(value) || value.length > COLLECTION_MAX_ITEMS) return NOT_USABLE;
	const type = archTypeOf(items);
	const out: unknown[] = [];
	for (const item of value) {
		const v = item === null ? null : scalar(item, type);
		if (v === NOT_USABLE) return NOT_USABLE;
		out.push(v);
	}
	return out;
}

/** The value normalised to its JSON type, or NOT_USABLE. */
function scalar(value: unknown, archType: string): unknown {
	switch (archType) {
		case 'archString':
			return typeof value === 'string' && value.length <= 32000 ? value : NOT_USABLE;
		case 'archInteger': {
			const n = typeof value === 'string' && INTEGER_STRING.test(value) ? Number(value) : value;
			return typeof n === 'number' && Number.isInteger(n) && Math.abs(n) <= INTEGER_LIMIT
				? n
				: NOT_USABLE;
		}
		case 'archDecimal': {
			const n = typeof value === 'string' && DECIMAL_STRING.test(value) ? Number(value) : value;
			return typeof n === 'number' && Number.isFinite(n) ? n : NOT_USABLE;
		}
		case 'archBoolean':
			return typeof value === 'boolean' ? value : NOT_USABLE;
		case 'archDate':
			return typeof value === 'string' && isDate(value) ? value : NOT_USABLE;
		case 'archDateTime':
			return typeof value === 'string' && DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))
				? value
				: NOT_USABLE;
		case 'archTime':
			return typeof value === 'string' && TIME.test(value) ? value : NOT_USABLE;
		case 'archDuration':
			return typeof value === 'string' && DURATION.test(value) ? value : NOT_USABLE;
		default:
			return typeof value === 'object' && value !== null && !Array.isArray(value)
				? value
				: NOT_USABLE;
	}
}

/** As captured (developer forum, 2023): the flow read a variable that had no value. Texts guessed. */
export function unexpectedNull(expression: string): RunFailure {
	return {
		message: `The expression '${expression}' at position 0 evaluated to NOT_SET where a value is required.`,
		code: UNEXPECTED_NULL,
		messageWithParams:
			"The expression '{expression}' at position {pos} evaluated to NOT_SET where a value is required.",
		messageParams: { expression, pos: '0' },
	};
}

function typeMismatch(expression: string, expectedType: string, value: unknown): RunFailure {
	const actual = Array.isArray(value) ? 'array' : typeof value;
	return {
		message: `The value supplied for the flow input '${expression}' cannot be used as a ${expectedType} (got ${actual}).`,
		code: INPUT_TYPE_MISMATCH,
		messageWithParams:
			"The value supplied for the flow input '{expression}' cannot be used as a {expectedType} (got {actualType}).",
		messageParams: { expression, expectedType, actualType: actual, pos: '0' },
	};
}
