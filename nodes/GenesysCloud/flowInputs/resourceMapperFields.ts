import type { FieldType, ResourceMapperField } from 'n8n-workflow';

import { argumentKeys, fromAiExpression, toolArgument } from './fromAiFields';
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
 *
 * As a tool, the label is the bare name: the editor's "let the model define this parameter" button makes its
 * $fromAI() key from the label ("priority (Integer)" would become "priority__Integer_"), and the type is then
 * shown where the model reads it, in the argument's description.
 */
function label(variable: InputVariable, asTool: boolean): string {
	return asTool ? variable.name : `${variable.name} (${shortKind(variable)})`;
}

/**
 * A tool's fields also carry the flow's name. The editor saves the fields as given, and a tool description
 * expression can read them, where n8n's expression engine (vm) gives `$parameter.flowId` as the bare ID and
 * offers no way to the name the flow picker cached.
 */
type ToolField = ResourceMapperField & { flowName?: string };

/**
 * One Trigger Data field per input variable. Field ids are the names without the Flow. prefix: ids with a
 * dot break n8n's parameter paths, and builders know their variables by these names. As a tool, each field
 * comes pre-filled with the $fromAI() argument for its input, which the editor saves as the field's value.
 */
export function toResourceMapperFields(
	variables: InputVariable[],
	{ asTool = false, flowName }: { asTool?: boolean; flowName?: string } = {},
): ToolField[] {
	const keys = asTool ? argumentKeys(variables) : undefined;
	return variables.map((variable) => {
		const enumValues = variable.enum?.filter(
			(value) => typeof value === 'string' || typeof value === 'number',
		);
		const field: ToolField = {
			id: variable.name,
			displayName: label(variable, asTool),
			required: variable.required,
			defaultMatch: false,
			canBeUsedToMatch: false,
			display: true,
			type: enumValues?.length ? 'options' : FIELD_TYPES[variable.kind],
		};
		if (enumValues?.length)
			field.options = enumValues.map((value) => ({ name: String(value), value }));
		if (keys) {
			field.defaultValue = fromAiExpression(toolArgument(variable, keys.get(variable.name)!));
			if (flowName) field.flowName = flowName;
		}
		return field;
	});
}
