import type { IDataObject } from 'n8n-workflow';

import { withoutPrefix, type InputKind, type InputVariable } from './inputVariables';
import { readSchemaVariables, type SchemaDocument } from './schemaReader';

const INTEGER = /^\s*-?\d+\s*$/;
const DECIMAL = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/**
 * Genesys sends Integer outputs as strings ("200"), and may do so for other scalars: a string becomes the
 * output's JSON type only when it can mean nothing else. Unset values (null, []) stay as they are.
 */
function typed(kind: InputKind | undefined, value: unknown): unknown {
	if (typeof value !== 'string') return value;
	switch (kind) {
		case 'integer': {
			const number = INTEGER.test(value) ? Number(value) : NaN;
			return Number.isSafeInteger(number) ? number : value;
		}
		case 'number':
			return DECIMAL.test(value) && Number.isFinite(Number(value)) ? Number(value) : value;
		case 'boolean':
			return value === 'true' ? true : value === 'false' ? false : value;
		default:
			return value;
	}
}

function typedValue(variable: InputVariable | undefined, value: unknown): unknown {
	if (variable?.kind === 'array' && Array.isArray(value))
		return value.map((item) => typed(variable.itemKind, item));
	return typed(variable?.kind, value);
}

/**
 * Output variables without the Flow. prefix, converted by the version's output schema (embedded in every
 * execution). Outputs the schema does not describe keep the value Genesys sent.
 */
export function typedOutputs(
	outputData: IDataObject | undefined,
	outputSchema: SchemaDocument | undefined,
): IDataObject {
	const variables = new Map(
		readSchemaVariables(outputSchema).map((variable) => [variable.key, variable]),
	);
	const outputs: IDataObject = {};
	for (const [key, value] of Object.entries(outputData ?? {})) {
		outputs[withoutPrefix(key)] = typedValue(variables.get(key), value) as IDataObject[string];
	}
	return outputs;
}
