/**
 * The five scenarios of issue 6 and the variants each is run with. Everything both the parent (emulator knobs,
 * bounds, targets) and the child (the workflow node it runs) need to know about a run lives here, so the two
 * processes cannot disagree.
 */
import type { INode } from 'n8n-workflow';

import { seedIds } from '../../emulator/seed/ids';
import type { EmulatorKnobsPatch } from '../../emulator/types';

export type ScenarioId = 's1' | 's2' | 's3' | 's4' | 's5';
export type VariantId = 'genesys' | 'http' | 'httpBatched';

export const VARIANT_LABELS: Record<VariantId, string> = {
	genesys: 'Genesys Cloud node',
	http: 'HTTP Request (defaults)',
	httpBatched: 'HTTP Request (batched)',
};

/** The node's own default (router.ts): the concurrency bound is computed from it. */
export const GENESYS_DEFAULT_CONCURRENCY = 10;
/** The node's default poll interval (launch.operation.ts), in seconds. */
export const GENESYS_DEFAULT_POLL_SECONDS = 5;

export interface Scenario {
	id: ScenarioId;
	title: string;
	items: number;
	flowId: string;
	/** Applied after /__emulator/reset, before each variant. */
	knobs: EmulatorKnobsPatch;
	/** Requests per second the emulator allows, or null when unlimited. */
	ratePerSecond: number | null;
	latencyMs: number;
	waitForCompletion: boolean;
	/** Token expiries the parent triggers, as fractions of the items launched so far. */
	expireTokensAt: number[];
	/**
	 * Faults make single items fail by design: every variant then runs with "On Error: Continue (regular
	 * output)", or the first failure would stop the run and nothing per item could be counted.
	 */
	continueOnFail: boolean;
	variants: VariantId[];
}

const LATENCY_MS = 50;

/**
 * The HTTP Request node's batching only means something against a rate limit, so its batched variant runs
 * where there is one (scenarios 2 and 3); in the unlimited scenarios it would only add idle seconds.
 */
export const SCENARIOS: Scenario[] = [
	{
		id: 's1',
		title: '3,000 launches, latency 50 ms, no rate limit',
		items: 3000,
		flowId: seedIds.noInputs,
		knobs: { latencyMs: LATENCY_MS, rateLimit: null, executionDurationScale: 0, validateResponses: false },
		ratePerSecond: null,
		latencyMs: LATENCY_MS,
		waitForCompletion: false,
		expireTokensAt: [],
		continueOnFail: false,
		variants: ['genesys', 'http'],
	},
	{
		id: 's2',
		title: '3,000 launches, rate limit 50/s (latency 50 ms)',
		items: 3000,
		flowId: seedIds.noInputs,
		knobs: {
			latencyMs: LATENCY_MS,
			rateLimit: { requests: 50, windowSeconds: 1 },
			executionDurationScale: 0,
			validateResponses: false,
		},
		ratePerSecond: 50,
		latencyMs: LATENCY_MS,
		waitForCompletion: false,
		expireTokensAt: [],
		continueOnFail: false,
		variants: ['genesys', 'http', 'httpBatched'],
	},
	{
		id: 's3',
		title: '500 launches + Wait for Completion, flows run 2-5 s, rate limit 50/s',
		items: 500,
		flowId: seedIds.randomDuration,
		knobs: {
			latencyMs: LATENCY_MS,
			rateLimit: { requests: 50, windowSeconds: 1 },
			executionDurationScale: 1,
			validateResponses: false,
		},
		ratePerSecond: 50,
		latencyMs: LATENCY_MS,
		waitForCompletion: true,
		expireTokensAt: [],
		continueOnFail: false,
		variants: ['genesys', 'http', 'httpBatched'],
	},
	{
		id: 's4',
		title: '2,000 launches, 5% 503, 2% resets, tokens expired twice (latency 50 ms)',
		items: 2000,
		flowId: seedIds.noInputs,
		knobs: {
			latencyMs: LATENCY_MS,
			rateLimit: null,
			executionDurationScale: 0,
			validateResponses: false,
			// Half the resets before the request is processed (nothing started), half after (the flow started).
			faults: { launch: { status503: 0.05, resetBefore: 0.01, resetAfter: 0.01 } },
		},
		ratePerSecond: null,
		latencyMs: LATENCY_MS,
		waitForCompletion: false,
		expireTokensAt: [1 / 3, 2 / 3],
		continueOnFail: true,
		variants: ['genesys', 'http'],
	},
	{
		id: 's5',
		title: '10,000 launches, no latency: memory and per-item overhead',
		items: 10_000,
		flowId: seedIds.noInputs,
		knobs: { latencyMs: 0, rateLimit: null, executionDurationScale: 0, validateResponses: false },
		ratePerSecond: null,
		latencyMs: 0,
		waitForCompletion: false,
		expireTokensAt: [],
		continueOnFail: false,
		variants: ['genesys', 'http'],
	},
];

export function scenario(id: ScenarioId): Scenario {
	const found = SCENARIOS.find((s) => s.id === id);
	if (!found) throw new Error(`Unknown scenario ${id}`);
	return found;
}

/**
 * The launch rate no client can beat: the emulator's rate limit, or with no limit the Genesys node's default
 * concurrency over the latency (each slot completes one request per latency). The HTTP Request node is held
 * to the same bound so the ratios compare, even though it has no concurrency limit of its own. Undefined
 * when there is neither a limit nor latency (scenario 5).
 */
export function launchBound(s: Scenario): number | undefined {
	if (s.ratePerSecond !== null) return s.ratePerSecond;
	if (s.latencyMs > 0) return GENESYS_DEFAULT_CONCURRENCY / (s.latencyMs / 1000);
	return undefined;
}

export const GENESYS_TYPE = 'n8n-nodes-genesys-cloud.genesysCloud';
export const GENESYS_CREDENTIAL = 'genesysCloudOAuth2Api';
export const HTTP_TYPE = 'n8n-nodes-base.httpRequest';
/** n8n 2.41's default (newest) HTTP Request version. */
export const HTTP_VERSION = 4.5;

/** The node under test: the Genesys Cloud node at its defaults, or the HTTP Request node doing the same POSTs. */
export function benchNode(s: Scenario, variant: VariantId, apiBaseUrl: string): INode {
	const onError = s.continueOnFail ? { onError: 'continueRegularOutput' as const } : {};
	if (variant === 'genesys') {
		return {
			id: 'bench-genesys',
			name: 'Genesys Cloud',
			type: GENESYS_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: {
				resource: 'flowExecution',
				operation: 'launch',
				flowId: { __rl: true, mode: 'id', value: s.flowId },
				triggerDataMode: 'json',
				triggerDataJson: '{}',
				waitForCompletion: s.waitForCompletion,
				options: {},
			},
			credentials: { [GENESYS_CREDENTIAL]: { id: 'bench-genesys', name: 'Genesys Cloud (emulator)' } },
			...onError,
		};
	}
	// Items per batch = the limit per second, one batch per second: the arithmetic n8n leaves to the user.
	const batching =
		variant === 'httpBatched' && s.ratePerSecond !== null
			? { batching: { batch: { batchSize: s.ratePerSecond, batchInterval: 1000 } } }
			: {};
	return {
		id: `bench-${variant}`,
		name: 'HTTP Request',
		type: HTTP_TYPE,
		typeVersion: HTTP_VERSION,
		position: [0, 0],
		parameters: {
			method: 'POST',
			url: `${apiBaseUrl}/api/v2/flows/executions`,
			authentication: 'genericCredentialType',
			genericAuthType: 'httpHeaderAuth',
			sendBody: true,
			specifyBody: 'json',
			// A unique name per item, as the Genesys node's default name is: the emulator flags identical
			// flowId + name + inputData as duplicates.
			jsonBody: `={{ JSON.stringify({ flowId: '${s.flowId}', inputData: {}, name: 'bench item ' + $json.n }) }}`,
			options: { ...batching },
		},
		credentials: { httpHeaderAuth: { id: 'bench-http', name: 'Genesys bearer token' } },
		...onError,
	};
}
