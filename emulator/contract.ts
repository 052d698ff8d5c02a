/**
 * The API contract: the JSON Schemas in schemas/, compiled once with ajv. The emulator checks its own responses
 * against them so that it can never silently drift from the types the node is generated from.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SCHEMAS_DIR = path.resolve(__dirname, '..', 'schemas');

export type ModelName =
	| 'DomainEntityRef'
	| 'ErrorBody'
	| 'ErrorDetail'
	| 'RateLimit'
	| 'Flow'
	| 'FlowVersion'
	| 'FlowEntityListing'
	| 'FlowVersionEntityListing'
	| 'FlowExecutionLaunchRequest'
	| 'FlowExecutionLaunchResponse'
	| 'FlowRuntimeExecution'
	| 'JsonSchemaDocument'
	| 'TokenResponse'
	| 'TokenErrorResponse';

export class ContractViolation extends Error {
	constructor(
		readonly model: ModelName,
		readonly errors: string,
	) {
		super(`Emulator contract violation: the body does not match schemas/${model}.json: ${errors}`);
	}
}

let validators: Map<string, ValidateFunction> | undefined;

function compile(): Map<string, ValidateFunction> {
	const ajv = new Ajv({
		allErrors: true,
		strict: true,
		strictRequired: false,
		allowUnionTypes: true,
	});
	addFormats(ajv);
	for (const file of fs.readdirSync(SCHEMAS_DIR)) {
		if (!file.endsWith('.json')) continue;
		ajv.addSchema(JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')));
	}
	const map = new Map<string, ValidateFunction>();
	for (const file of fs.readdirSync(SCHEMAS_DIR)) {
		if (!file.endsWith('.json')) continue;
		const fn = ajv.getSchema(file);
		if (!fn) throw new Error(`schemas/${file} has no $id equal to its file name`);
		map.set(file.slice(0, -'.json'.length), fn);
	}
	return map;
}

function validator(model: ModelName): ValidateFunction {
	validators ??= compile();
	const fn = validators.get(model);
	if (!fn) throw new Error(`No schema schemas/${model}.json`);
	return fn;
}

/** Human-readable ajv errors, or null when `value` matches the model. */
export function checkModel(model: ModelName, value: unknown): string | null {
	const fn = validator(model);
	if (fn(value)) return null;
	return (fn.errors ?? [])
		.map(
			(e) =>
				`${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`,
		)
		.join('; ');
}

export function assertModel(model: ModelName, value: unknown): void {
	const errors = checkModel(model, value);
	if (errors !== null) throw new ContractViolation(model, errors);
}

/** Compiles every schema now, so a broken schema fails at start-up instead of on the first request. */
export function loadContract(): void {
	validators ??= compile();
}
