import { describeKind, type InputVariable, type ValueLimits } from './inputVariables';

/**
 * What a flow input becomes when the node is an AI agent's or an MCP client's tool: one `$fromAI()` argument
 * per input, so the model gets a typed, described argument without the builder writing any expression.
 */

/** The $fromAI() argument types n8n 2.x knows; anything else reaches the model as a string. */
export type ArgumentType = 'string' | 'number' | 'boolean' | 'json';

export interface ToolArgument {
	key: string;
	type: ArgumentType;
	description: string;
}

/** n8n refuses any other $fromAI() key (create-node-as-tool.js). */
export const ARGUMENT_KEY = /^[a-zA-Z0-9_-]{1,64}$/;
const MAX_KEY_LENGTH = 64;
/** The editor writes this marker into the overrides it makes, and shows such a value as "defined by the model". */
const OVERRIDE_MARKER = '/*n8n-auto-generated-fromAI-override*/';
/** Long schema descriptions cost the model's context on every call; the first sentences carry the meaning. */
const MAX_DESCRIPTION_LENGTH = 400;

/**
 * Bounds every Architect String and Integer carries (archString, archInteger): they say nothing about this
 * flow, so a description leaves them out and keeps the ones the flow's author set.
 */
const ARCHITECT_MAX_LENGTH = 32000;
const ARCHITECT_INTEGER_BOUND = 999999999999999;

/**
 * The argument key of each variable, in schema order: the name as n8n's editor turns a label into a key
 * (every character outside [a-zA-Z0-9_-] becomes "_", cut to 64), then "_2", "_3"... when two names meet.
 */
export function argumentKeys(variables: readonly InputVariable[]): Map<string, string> {
	const keys = new Map<string, string>();
	const taken = new Set<string>();
	for (const variable of variables) {
		const base = variable.name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, MAX_KEY_LENGTH) || 'input';
		let key = base;
		for (let n = 2; taken.has(key); n++) {
			const suffix = `_${n}`;
			key = `${base.slice(0, MAX_KEY_LENGTH - suffix.length)}${suffix}`;
		}
		taken.add(key);
		keys.set(variable.name, key);
	}
	return keys;
}

function argumentType(variable: InputVariable): ArgumentType {
	if (variable.enum) return typeof variable.enum[0] === 'number' ? 'number' : 'string';
	switch (variable.kind) {
		case 'integer':
		case 'number':
			return 'number';
		case 'boolean':
			return 'boolean';
		case 'object':
		case 'array':
			return 'json';
		default:
			return 'string';
	}
}

const grouped = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 20 });

/** "between 1 and 5", "of at most 20 characters": the bounds the flow's author set, not Architect's own. */
function bounds(limits: ValueLimits | undefined): string {
	const { minimum, maximum, minLength, maxLength } = limits ?? {};
	const min = minimum !== undefined && minimum > -ARCHITECT_INTEGER_BOUND ? minimum : undefined;
	const max = maximum !== undefined && maximum < ARCHITECT_INTEGER_BOUND ? maximum : undefined;
	const parts: string[] = [];
	if (min !== undefined && max !== undefined)
		parts.push(`between ${grouped(min)} and ${grouped(max)}`);
	else if (min !== undefined) parts.push(`of at least ${grouped(min)}`);
	else if (max !== undefined) parts.push(`of at most ${grouped(max)}`);
	const longest =
		maxLength !== undefined && maxLength < ARCHITECT_MAX_LENGTH ? maxLength : undefined;
	if (minLength !== undefined && minLength > 0 && longest !== undefined) {
		parts.push(`of ${grouped(minLength)} to ${grouped(longest)} characters`);
	} else if (longest !== undefined) parts.push(`of at most ${grouped(longest)} characters`);
	else if (minLength !== undefined && minLength > 0) {
		parts.push(`of at least ${grouped(minLength)} characters`);
	}
	return parts.join(' ');
}

/** "Integer between 1 and 5", "A list of up to 2,000 strings", "Date (YYYY-MM-DD)". */
function kindWithLimits(variable: InputVariable): string {
	let kind = describeKind(variable);
	if (variable.kind === 'array') {
		const { maxItems } = variable.limits;
		const upTo = maxItems === undefined ? '' : `up to ${grouped(maxItems)} `;
		const items =
			!variable.itemKind || variable.itemKind === 'any'
				? 'JSON values'
				: kind.replace(/^a list of /, '');
		kind = `a list of ${upTo}${items}`;
		const each = bounds(variable.itemLimits);
		if (each) kind = `${kind}, each ${each}`;
	} else {
		const limits = bounds(variable.limits);
		// "Integer between 1 and 5", but "A list of ...": a list reads wrong without its article.
		kind = `${kind.replace(/^an? /, '')}${limits ? ` ${limits}` : ''}`;
	}
	return `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`;
}

/**
 * What the model reads about an input: its kind and limits, then what the flow's author wrote about it, on one
 * line and free of "{{", "}}" and "${" (the argument lives in a template literal inside an n8n expression).
 */
export function argumentDescription(variable: InputVariable): string {
	const own = (variable.description ?? '')
		.replace(/\s+/g, ' ')
		.replace(/\{\{|\}\}|\$\{/g, (pair) => pair.split('').join(' '))
		.trim();
	const clipped =
		own.length > MAX_DESCRIPTION_LENGTH ? `${own.slice(0, MAX_DESCRIPTION_LENGTH - 1)}…` : own;
	const kind = kindWithLimits(variable);
	return clipped ? `${kind}. ${clipped}` : kind;
}

export function toolArgument(variable: InputVariable, key: string): ToolArgument {
	return { key, type: argumentType(variable), description: argumentDescription(variable) };
}

/**
 * The field value that lets the model define an input, written exactly as n8n's editor writes its own "let the
 * model define this parameter" override (quotes chosen and escaped the same way), so the editor shows it as one
 * and the builder can edit its description or take it back.
 */
export function fromAiExpression({ key, type, description }: ToolArgument): string {
	const quote =
		description.includes('\n') || !description.includes('`')
			? '`'
			: description.includes('"')
				? "'"
				: '"';
	const text = description.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
	return `={{ ${OVERRIDE_MARKER} $fromAI('${key}', ${quote}${text}${quote}, '${type}') }}`;
}
