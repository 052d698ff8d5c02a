import type { FieldType, ResourceMapperField } from 'n8n-workflow';

import { describeKind, type InputVariable } from './inputVariables';

const FIELD_TYPES: Record<InputVariable['kind'], FieldType | undefined> = {
	string: 'string',
	integer: 'number',
	number: 'number',
	boolean: 'boolean',
	date: 'dateTime',
	dateTime: 'dateTime',
	object: 'object',
	array: 'array',
	any: undefined,
};

// Kinds whose n8n widget does not show the whole type (a number widget takes decimals too).
const TYPE_HINT_KINDS = new Set<InputVariable['kind']>(['integer', 'date', 'array']);

/** Resource-mapper fields carry no description, so the label holds the type hint and the flow's description. */
function label(variable: InputVariable): string {
	const hint = TYPE_HINT_KINDS.has(variable.kind) ? ` (${describeKind(variable).replace(/^an? /, '')})` : '';
	return variable.description ? `${variable.name}${hint} — ${variable.description}` : `${variable.name}${hint}`;
}

/**
 * One Trigger Data field per input variable. Field ids are the names without the Flow. prefix: ids with a
 * dot break n8n's parameter paths, and builders know their variables by these names.
 */
export function toResourceMapperFields(variables: InputVariable[]): ResourceMapperField[] {
	return variables.map((variable) => {
		const enumValues = variable.enum?.filter((value) => typeof value === 'string' || typeof value === 'number');
		const field: ResourceMapperField = {
			id: variable.name,
			displayName: variable.name,
			required: variable.required,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: enumValues?.length ? 'options' : FIELD_TYPES[variable.kind],
		};
		if (enumValues?.length) field.options = enumValues.map((value) => ({ name: String(value), value }));
		field.displayName = label(variable);
		return field;
	});
}
