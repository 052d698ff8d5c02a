/**
 * Computes a completed execution's outputData from its inputs (see OutputExpr in seed/model.ts). Every output of
 * the outputSchema is present; unset ones are null, and Integer outputs become strings when integerOutputsAsStrings
 * is on, as observed on real Genesys ("200").
 */
import type { JsonSchemaDoc, OutputExpr } from './seed/model';

export function computeOutputs(
	exprs: Record<string, OutputExpr> | undefined,
	outputSchema: JsonSchemaDoc | undefined,
	inputs: Record<string, unknown>,
	integersAsStrings: boolean,
): Record<string, unknown> {
	const properties = outputSchema?.properties ?? {};
	const out: Record<string, unknown> = {};
	for (const key of new Set([...Object.keys(properties), ...Object.keys(exprs ?? {})])) {
		const expr = exprs?.[key];
		const value = expr ? evaluate(expr, inputs) : null;
		out[key] = integersAsStrings ? stringifyIntegers(value, properties[key]) : value;
	}
	return out;
}

function evaluate(expr: OutputExpr, inputs: Record<string, unknown>): unknown {
	const get = (k: string) => (inputs[k] === undefined ? null : inputs[k]);
	if ('template' in expr) return expr.template.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (_, k: string) => String(get(k) ?? ''));
	if ('copy' in expr) return get(expr.copy);
	if ('const' in expr) return expr.const;
	if ('sum' in expr)
		return expr.sum.reduce<number>((acc, term) => acc + (typeof term === 'number' ? term : Number(get(term) ?? 0) || 0), 0);
	if ('length' in expr) {
		const v = get(expr.length);
		return Array.isArray(v) || typeof v === 'string' ? v.length : 0;
	}
	if ('gte' in expr) {
		const v = get(expr.gte[0]);
		return typeof v === 'number' && v >= expr.gte[1];
	}
	if ('present' in expr) return get(expr.present) !== null;
	return null;
}

function stringifyIntegers(value: unknown, schema: Record<string, unknown> | undefined): unknown {
	if (!schema) return value;
	if (schema.type === 'integer' && typeof value === 'number') return String(value);
	if (schema.type === 'array' && Array.isArray(value) && (schema.items as { type?: string } | undefined)?.type === 'integer')
		return value.map((v) => (typeof v === 'number' ? String(v) : v));
	return value;
}
