/**
 * The six scenarios of issue 11 and the variants each is run with. Everything both the parent (emulator knobs,
 * bounds, targets) and the child (the workflow node it runs) need to know about a run lives here, so the two
 * processes cannot disagree.
 */
import type { INode } from 'n8n-workflow';

import { seedIds } from '../../emulator/seed/ids';
import type { EmulatorKnobsPatch } from '../../emulator/types';

export type ScenarioId = 's1' | 's2' | 's3' | 's4' | 's5' | 's6';
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
	/** Items in all, split evenly between the workflows. */
	items: number;
	/** Workflows run at once in the one n8n process, on one credential. */
	workflows: number;
	flowId: string;
	/** Applied after /__emulator/reset, before each variant. */
	knobs: EmulatorKnobsPatch;
	/** Requests per second the emulator allows per token (the org's real limit), or null when unlimited. */
	ratePerSecond: number | null;
	/** The rate the clients are told: the Genesys node's Requests per Minute ÷ 60, the HTTP node's batches. */
	configuredPerSecond: number | null;
	/** The emulator's window, for "after the first window" figures. */
	windowSeconds?: number;
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
 * Limits are time-scaled so the bench ends in minutes: 50 per second per token stands for Genesys's 300 per
 * minute, with Requests per Minute set to match (3,000). The emulator sends no rate-limit headers (the real
 * dialect), so the node paces by its own budget.
 */
const LIMIT = { requests: 50, windowSeconds: 1 };
/** Where no limit is measured, a budget far above anything the latency allows, so it does not bind. */
const UNBOUND_RPM = 600_000;

const base = { latencyMs: LATENCY_MS, executionDurationScale: 0, validateResponses: false };

export const SCENARIOS: Scenario[] = [
	{
		id: 's1',
		title: '3,000 launches alone, limit 50/s per token (latency 50 ms)',
		items: 3000,
		workflows: 1,
		flowId: seedIds.noInputs,
		knobs: { ...base, rateLimit: LIMIT },
		ratePerSecond: 50,
		configuredPerSecond: 50,
		latencyMs: LATENCY_MS,
		waitForCompletion: false,
		expireTokensAt: [],
		continueOnFail: false,
		variants: ['genesys', 'http', 'httpBatched'],
	},
	{
		id: 's2',
		title: 'two workflows at once on one credential, 2 × 1,500 launches, limit 50/s per token',
		items: 3000,
		workflows: 2,
		flowId: seedIds.noInputs,
		knobs: { ...base, rateLimit: LIMIT },
		ratePerSecond: 50,
		configuredPerSecond: 50,
		latencyMs: LATENCY_MS,
		waitForCompletion: false,
		expireTokensAt: [],
		continueOnFail: false,
		variants: ['genesys', 'httpBatched'],
	},
	{
		id: 's3',
		title:
			"the org's real limit half the configured one: 250 per 10 s (25/s) while the clients are told 50/s, 1,500 launches",
		items: 1500,
		workflows: 1,
		flowId: seedIds.noInputs,
		knobs: { ...base, rateLimit: { requests: 250, windowSeconds: 10 } },
		ratePerSecond: 25,
		configuredPerSecond: 50,
		windowSeconds: 10,
		latencyMs: LATENCY_MS,
		waitForCompletion: false,
		expireTokensAt: [],
		continueOnFail: false,
		variants: ['genesys', 'httpBatched'],
	},
	{
		id: 's4',
		title: '500 launches + Wait for Completion, flows run 2-5 s, limit 50/s per token',
		items: 500,
		workflows: 1,
		flowId: seedIds.randomDuration,
		knobs: { ...base, rateLimit: LIMIT, executionDurationScale: 1 },
		ratePerSecond: 50,
		configuredPerSecond: 50,
		latencyMs: LATENCY_MS,
		waitForCompletion: true,
		expireTokensAt: [],
		continueOnFail: false,
		variants: ['genesys', 'http', 'httpBatched'],
	},
	{
		id: 's5',
		title:
			'fault matrix: 2,000 launches, 5% 503, 1% resets before and 1% after sending, tokens expired twice (no limit)',
		items: 2000,
		workflows: 1,
		flowId: seedIds.noInputs,
		knobs: {
			...base,
			rateLimit: null,
			// Half the resets before the request is processed (nothing started), half after (the flow started).
			faults: { launch: { status503: 0.05, resetBefore: 0.01, resetAfter: 0.01 } },
		},
		ratePerSecond: null,
		configuredPerSecond: null,
		latencyMs: LATENCY_MS,
		waitForCompletion: false,
		expireTokensAt: [1 / 3, 2 / 3],
		continueOnFail: true,
		variants: ['genesys', 'http'],
	},
	{
		id: 's6',
		title: '10,000 launches, no latency, no limit: memory and per-item overhead',
		items: 10_000,
		workflows: 1,
		flowId: seedIds.noInputs,
		knobs: { ...base, latencyMs: 0, rateLimit: null },
		ratePerSecond: null,
		configuredPerSecond: null,
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
 * The launch rate no client can beat: the emulator's rate limit (the org's real one), or with no limit the
 * Genesys node's default concurrency over the latency (each slot completes one request per latency). The HTTP
 * Request node is held to the same bound so the ratios compare, even though it has no concurrency limit of its
 * own. Undefined when there is neither a limit nor latency (scenario 6). With Wait for Completion the bound is
 * in requests: a launch plus one poll each.
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
				options: {
					requestsPerMinute:
						s.configuredPerSecond === null ? UNBOUND_RPM : s.configuredPerSecond * 60,
				},
			},
			credentials: {
				[GENESYS_CREDENTIAL]: { id: 'bench-genesys', name: 'Genesys Cloud (emulator)' },
			},
			...onError,
		};
	}
	// Items per batch = the limit per second the user knows of, one batch per second: the arithmetic n8n leaves
	// to the user (who, like the Genesys node, knows the configured figure, not the org's real one).
	const batching =
		variant === 'httpBatched' && s.configuredPerSecond !== null
			? { batching: { batch: { batchSize: s.configuredPerSecond, batchInterval: 1000 } } }
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
