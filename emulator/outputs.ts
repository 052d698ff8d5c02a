/**
 * Computes a completed execution's outputData from the inputs it ran with (see OutputExpr in seed/model.ts), as
 * real Genesys sends it (captured): every output of the (plain, authoring) outputSchema is present, unset ones are
 * null and unset collections [], and Integer outputs are strings ("200") when integerOutputsAsStrings is on.
 * Decimal and Boolean outputs as strings are unverified: knobs, off by default.
 */
import type { JsonSchemaDoc, OutputExpr } from './seed/model';

export interface OutputOptions {
	integersAsStrings: boolean;
	decimalsAsStrings: boolean;
	booleansAsStrings: boolean;
}

export function computeOutputs(
	exprs: Record<string, OutputExpr> | undefined,
	outputSchema: JsonSchemaDoc | undefined,
	inputs: Record<string, unknown>,
	options: OutputOptions,
): Record<string, unknown> {
	const properties = outputSchema?.properties ?? {};
	const out: Record<string, unknown> = {};
	for (const key of new Set([...Object.keys(properties), ...Object.keys(exprs ?? {})])) {
		const expr = exprs?.[key];
		const schema = properties[key];
		let value = expr ? evaluate(expr, inputs) : null;
		if (value === null && schema?.type === 'array') value = [];
		out[key] = stringify(value, schema, options);
	}
	return out;
}

function evaluate(expr: OutputExpr, inputs: Record<string, unknown>): unknown {
	const get = (k: string) => (inputs[k] === undefined ? null : inputs[k]);
	if ('template' in expr)
		return expr.template.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, k: string) => String(get(k) ?? ''));
	if ('copy' in expr) return get(expr.copy);
	if ('const' in expr) return expr.const;
	if ('sum' in expr)
		return expr.sum.reduce<number>(
			(acc, term) => acc + (typeof term === 'number' ? term : Number(get(term) ?? 0) || 0),
			0,
		);
	if ('length' in expr) {
		const v = get(expr.length);
		return Array.isArray(v) || typeof v === 'string' ? v.length : 0;
	}
	if ('gte' in expr) {
		const v = get(expr.gte[0]);
		return typeof v === 'number' && v >= expr.gte[1];
	}
	if ('present' in expr) {
		const v = get(expr.present);
		return v !== null && !(Array.isArray(v) && v.length === 0);
	}
	return null;
}

function stringify(
	value: unknown,
	schema: Record<string, unknown> | undefined,
	options: OutputOptions,
): unknown {
	if (!schema) return value;
	if (schema.type === 'array' && Array.isArray(value)) {
		const items = schema.items as Record<string, unknown> | undefined;
		return value.map((v) => stringify(v, items, options));
	}
	if (schema.type === 'integer' && typeof value === 'number' && options.integersAsStrings)
		return String(value);
	if (schema.type === 'number' && typeof value === 'number' && options.decimalsAsStrings)
		return String(value);
	if (schema.type === 'boolean' && typeof value === 'boolean' && options.booleansAsStrings)
		return String(value);
	return value;
}
