import type { FieldType, ResourceMapperField } from 'n8n-workflow';

import { shortKind, type InputVariable } from './inputVariables';

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

/**
 * The label names the variable and its Architect type: n8n's widgets do not show it (a number widget takes
 * decimals too, a JSON editor takes any value). Resource-mapper fields carry no description in n8n 2.41, and a
 * description packed into the label was cut off in the editor, so descriptions are read by Flow > Get instead.
 */
function label(variable: InputVariable): string {
	return `${variable.name} (${shortKind(variable)})`;
}

/**
 * One Trigger Data field per input variable. Field ids are the names without the Flow. prefix: ids with a
 * dot break n8n's parameter paths, and builders know their variables by these names.
 */
export function toResourceMapperFields(variables: InputVariable[]): ResourceMapperField[] {
	return variables.map((variable) => {
		const enumValues = variable.enum?.filter(
			(value) => typeof value === 'string' || typeof value === 'number',
		);
		const field: ResourceMapperField = {
			id: variable.name,
			displayName: label(variable),
			required: variable.required,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: enumValues?.length ? 'options' : FIELD_TYPES[variable.kind],
		};
		if (enumValues?.length)
			field.options = enumValues.map((value) => ({ name: String(value), value }));
		return field;
	});
}
