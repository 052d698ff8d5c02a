/**
 * Checks a launch's inputData against the version's inputSchema and explains each problem in the terms users
 * think in (Architect types, the Flow. prefix, "Input to flow", publishing). Hand-written rather than ajv so the
 * messages name the Flow. key and the likely fix.
 */
import type { JsonSchemaDoc } from './seed/model';

export interface InputProblem {
	fieldName: string;
	errorCode: string;
	message: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

export function validateInputData(
	inputData: Record<string, unknown>,
	schema: JsonSchemaDoc | undefined,
	unknownKeys: 'reject' | 'ignore',
): InputProblem[] {
	const properties = schema?.properties ?? {};
	const required = new Set(schema?.required ?? []);
	const problems: InputProblem[] = [];
	for (const [key, value] of Object.entries(inputData)) {
		const prop = Object.prototype.hasOwnProperty.call(properties, key)
			? properties[key]
			: undefined;
		if (!prop) {
			if (unknownKeys === 'reject') problems.push(unknownInput(key, properties));
			continue;
		}
		if (value === null) {
			if (required.has(key))
				problems.push({
					fieldName: key,
					errorCode: 'required.input.missing',
					message: `${key} is a required input and cannot be null`,
				});
			continue;
		}
		const problem = checkValue(value, prop, key);
		if (problem) problems.push({ fieldName: key, errorCode: 'invalid.value', message: problem });
	}
	for (const key of required) {
		if (!(key in inputData))
			problems.push({
				fieldName: key,
				errorCode: 'required.input.missing',
				message: `${key} is a required input and is missing`,
			});
	}
	return problems;
}

function unknownInput(key: string, properties: Record<string, unknown>): InputProblem {
	const names = Object.keys(properties);
	const base = { fieldName: key, errorCode: 'unknown.input' };
	if (names.includes(`Flow.${key}`))
		return {
			...base,
			message: `Unknown input '${key}': did you mean 'Flow.${key}'? Input keys carry the Flow. prefix`,
		};
	const bare = key.replace(/^flow\./i, '').toLowerCase();
	const nearly = names.find((n) => n.replace(/^Flow\./, '').toLowerCase() === bare);
	if (nearly)
		return {
			...base,
			message: `Unknown input '${key}': did you mean '${nearly}'? Input keys are case-sensitive`,
		};
	const known = names.length
		? `its inputs are ${names.join(', ')}`
		: 'it has no inputs (send inputData {})';
	return {
		...base,
		message: `Unknown input '${key}': ${known}. Only variables marked 'Input to flow' in a published version are accepted; publish the flow again after adding inputs`,
	};
}

function checkValue(value: unknown, schema: Record<string, unknown>, path: string): string | null {
	const types = Array.isArray(schema.type)
		? (schema.type as string[])
		: typeof schema.type === 'string'
			? [schema.type]
			: [];
	if (types.length && !types.some((t) => matchesType(value, t, schema))) {
		return `${path} must be ${expected(schema, types[0])}, got ${describe(value)}`;
	}
	if (Array.isArray(schema.enum) && !schema.enum.some((e) => e === value)) {
		return `${path} must be one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${describe(value)}`;
	}
	if (Array.isArray(value) && schema.items && typeof schema.items === 'object') {
		for (let i = 0; i < value.length; i++) {
			const problem = checkValue(
				value[i],
				schema.items as Record<string, unknown>,
				`${path}[${i}]`,
			);
			if (problem) return problem;
		}
	}
	return null;
}

function matchesType(value: unknown, type: string, schema: Record<string, unknown>): boolean {
	switch (type) {
		case 'string':
			if (typeof value !== 'string') return false;
			if (schema.format === 'date') return isDate(value);
			if (schema.format === 'date-time')
				return DATE_TIME.test(value) && !Number.isNaN(Date.parse(value));
			return true;
		case 'integer':
			return typeof value === 'number' && Number.isInteger(value);
		case 'number':
			return typeof value === 'number' && Number.isFinite(value);
		case 'boolean':
			return typeof value === 'boolean';
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value);
		case 'array':
			return Array.isArray(value);
		case 'null':
			return value === null;
		default:
			return true;
	}
}

export function isDate(value: string): boolean {
	const m = DATE.exec(value);
	if (!m) return false;
	const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
	return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function expected(schema: Record<string, unknown>, type: string): string {
	if (type === 'string' && schema.format === 'date')
		return 'a Date (string YYYY-MM-DD, e.g. "2025-01-31")';
	if (type === 'string' && schema.format === 'date-time')
		return 'a DateTime (ISO 8601 string with a time zone, e.g. "2025-01-31T09:30:00Z")';
	const names: Record<string, string> = {
		string: 'a String',
		integer: 'an Integer (a JSON whole number, not a string)',
		number: 'a Decimal (a JSON number, not a string)',
		boolean: 'a Boolean (true or false, not a string)',
		object: 'a JSON object',
		array: 'a collection (a JSON array)',
	};
	return names[type] ?? `of type ${type}`;
}

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'string')
		return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
	if (typeof value === 'object') return 'an object';
	return `${typeof value} ${String(value)}`;
}
