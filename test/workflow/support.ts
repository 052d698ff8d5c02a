import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';

import type {
	IDataObject,
	INode,
	INodeParameters,
	ResourceMapperField,
	ResourceMapperFields,
	ResourceMapperValue,
} from 'n8n-workflow';

import {
	startEmulator,
	seedClients,
	type EmulatorKnobs,
	type RouteKey,
	type RunningEmulator,
} from '../../emulator';
import { N8nHarness, type RunOptions, type RunResult } from '../harness/harness';

export const NODE_TYPE = 'n8n-nodes-genesys-cloud.genesysCloud';
export const CREDENTIAL_TYPE = 'genesysCloudOAuth2Api';

export interface Bench {
	harness: N8nHarness;
	emulator: RunningEmulator;
	close(): Promise<void>;
}

/** A harness with the built package loaded and an emulator on a free port, tokens issued instantly. */
export async function setUp(knobs: Partial<EmulatorKnobs> = {}): Promise<Bench> {
	const emulator = await startEmulator({
		port: 0,
		knobs: { executionDurationScale: 0.01, ...knobs },
	});
	const harness = await N8nHarness.load();
	return { harness, emulator, close: () => emulator.close() };
}

/**
 * One bench for a describe block: started with a stored credential before its tests, the emulator reset before
 * each test, closed after them. `ready` receives the bench and the credential id once they exist.
 */
export function useBench(
	ready: (bench: Bench, credentialId: string) => void,
	knobs: Partial<EmulatorKnobs> = {},
): void {
	let bench: Bench | undefined;
	before(async () => {
		bench = await setUp(knobs);
		ready(bench, saveCredential(bench));
	});
	beforeEach(() => bench?.emulator.reset());
	after(async () => await bench?.close());
}

let credentialCounter = 0;

/** Stores a credential pointing at the emulator (Custom region) and returns its id. */
export function saveCredential(bench: Bench, data: IDataObject = {}): string {
	const id = `cred-${++credentialCounter}`;
	bench.harness.saveCredential({
		id,
		name: `Genesys Cloud (emulator ${id})`,
		type: CREDENTIAL_TYPE,
		data: {
			region: 'custom',
			apiBaseUrl: bench.emulator.url,
			loginBaseUrl: bench.emulator.url,
			...seedClients.demo,
			scope: 'flow:execute',
			accessToken: '',
			grantedScope: '',
			...data,
		},
	});
	return id;
}

/** The node version the editor gives a new node; workflows saved before it keep version 1. */
export const NODE_VERSION = 2;

export function genesysNode(
	credentialId: string,
	parameters: INodeParameters,
	name = 'Genesys Cloud',
	typeVersion = NODE_VERSION,
): INode {
	return {
		id: `node-${name}`,
		name,
		type: NODE_TYPE,
		typeVersion,
		position: [0, 0],
		parameters,
		credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: 'Genesys Cloud' } },
	};
}

export function flowRef(flowId: string) {
	return { __rl: true, mode: 'id', value: flowId };
}

/** Flow Version as node version 2 stores it when given by ID (or an expression); "" is the latest published. */
export function versionRef(version: string, mode: 'id' | 'list' = 'id') {
	return { __rl: true, mode, value: version };
}

/** Trigger Data without a schema: n8n then passes the values through unchecked and unconverted. */
export function fields(value: IDataObject): ResourceMapperValue {
	return mappedFields([], value);
}

/** Runs a single Genesys Cloud node over the given items. */
export async function runNode(
	bench: Bench,
	node: INode,
	input: IDataObject[] = [{}],
	options: Omit<RunOptions, 'input'> = {},
) {
	const result = await bench.harness.run({ nodes: [node] }, { ...options, input });
	return { ...result, items: result.output(node.name) };
}

/** The parameters of a Launch node for a flow; `extra` adds or overrides any of them. */
export function launchParameters(flowId: string, extra: INodeParameters = {}): INodeParameters {
	return { resource: 'flowExecution', operation: 'launch', flowId: flowRef(flowId), ...extra };
}

/** The Trigger Data fields the editor loads for a Launch node of this flow (and version), through n8n's real context. */
export async function loadTriggerDataFields(
	bench: Bench,
	credentialId: string,
	flowId: string,
	flowVersion = '',
): Promise<ResourceMapperFields> {
	const node = genesysNode(
		credentialId,
		launchParameters(flowId, { flowVersion: versionRef(flowVersion), triggerDataMode: 'fields' }),
	);
	return await bench.harness.resourceMapperFields(node, 'getTriggerDataFields');
}

/**
 * Trigger Data as the editor stores it: the values plus the schema it loaded. n8n validates and converts the
 * values against that schema only when it is there, so tests that want n8n's behaviour must pass it.
 */
export function mappedFields(
	schema: ResourceMapperField[],
	value: IDataObject | null,
	mappingMode: 'defineBelow' | 'autoMapInputData' = 'defineBelow',
): ResourceMapperValue {
	return {
		mappingMode,
		value: value as ResourceMapperValue['value'],
		matchingColumns: [],
		schema,
		attemptToConvertTypes: false,
		convertFieldsToString: false,
	};
}

/**
 * Requests the emulator answered on one route, e.g. 'launch', 'getFlow', 'getVersion': all of them, or only
 * those answered with `status` (after emulator.reset() the stored token is unknown, so a 401 comes first).
 */
export function requestCount(bench: Bench, route: RouteKey, status?: number): number {
	const byStatus = bench.emulator.stats().requests[route] ?? {};
	if (status !== undefined) return byStatus[status] ?? 0;
	return Object.values(byStatus).reduce((sum, count) => sum + count, 0);
}

/** What a failed run reports, in the shape the editor shows it. */
export function failureOf(result: { error: RunResult['error'] }) {
	const error = result.error as
		| (RunResult['error'] & { description?: string; httpCode?: string; context?: IDataObject })
		| undefined;
	assert.ok(error, 'the run was expected to fail');
	return {
		message: error.message,
		description: String(error.description ?? ''),
		httpCode: error.httpCode,
		itemIndex: error.context?.itemIndex,
		name: error.name,
	};
}
