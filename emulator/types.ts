/**
 * Public types of the emulator: options, knobs, stats and what it records.
 * Knobs exist wherever the real API's behaviour is unverified, so a client can be tested against every variant.
 */
import type { FlowRuntimeExecution } from '../schemas/generated/genesys';

export type RouteKey =
	'token' | 'listFlows' | 'getFlow' | 'listVersions' | 'getVersion' | 'launch' | 'getExecution';
export const ROUTE_KEYS: readonly RouteKey[] = [
	'token',
	'listFlows',
	'getFlow',
	'listVersions',
	'getVersion',
	'launch',
	'getExecution',
];

export interface RouteFaults {
	/** Fractions 0..1 of requests answered with that status, before anything is processed. */
	status500?: number;
	status502?: number;
	status503?: number;
	status504?: number;
	/** Fraction answered 504 after the request was fully processed (a launch DID create its execution). */
	status504After?: number;
	/** Fraction whose socket is destroyed before the request is processed: nothing happens. */
	resetBefore?: number;
	/** Fraction processed completely (a launch creates its execution), then the socket is destroyed without a response. */
	resetAfter?: number;
}

export type FaultKind = 500 | 502 | 503 | 504 | 429 | 'resetBefore' | 'resetAfter' | '504After';

export interface FaultScriptEntry {
	route: RouteKey | '*';
	kind: FaultKind;
	/** How many matching requests this entry hits (default 1). */
	times?: number;
	/** For kind 429: the Retry-After value in seconds (default 1). */
	retryAfterSeconds?: number;
}

export interface RateLimitKnob {
	requests: number;
	/** Window length; may be fractional (e.g. 1 for per-second limits in benchmarks). */
	windowSeconds: number;
}

export type TokenScopePolicy = 'ignore' | 'reject-unknown' | 'grant-allowed';

export interface EmulatorKnobs {
	latencyMs: number;
	jitterMs: number;
	slowResponses: { fraction: number; delayMs: number } | null;
	/** Per access token (fixed window). null = unlimited. */
	rateLimit: RateLimitKnob | null;
	/** Send inin-ratelimit-* headers, as some gateways do; real Genesys removed them in June 2021 (default false). */
	rateLimitHeaders: boolean;
	/** Per OAuth client on POST /oauth/token. null (default) = unlimited. */
	tokenRateLimit: RateLimitKnob | null;
	tokenLifetimeSeconds: number;
	tokenScopePolicy: TokenScopePolicy;
	requireScope: string | null;
	requireScopeFailure: '403' | 'empty400';
	invalidClientStatus: 400 | 401;
	faults: Partial<Record<RouteKey | '*', RouteFaults>>;
	faultScript: FaultScriptEntry[];
	randomSeed: number;
	executionDurationScale: number;
	unknownInputKeys: 'reject' | 'ignore';
	/** A launch body without inputData: 'accept' (default) or 'reject' (400 asking for {}). */
	missingInputData: 'accept' | 'reject';
	integerOutputsAsStrings: boolean;
	/** Decimal outputs as strings ("2.5"); default false (real behaviour unverified). */
	decimalOutputsAsStrings: boolean;
	/** Boolean outputs as strings ("true"); default false (real behaviour unverified). */
	booleanOutputsAsStrings: boolean;
	/** Schemas as real orgs send them ('real', default: draft-07, $ref/definitions/oneOf, no required) or the plain-type form. */
	schemaDialect: 'real' | 'plain';
	/**
	 * 'lenient' (default, as real): launches are accepted whatever inputData holds and a run that lacks a needed input
	 * or got a wrong-typed one ends FAILED; 'strict': the emulator's own 400 invalid.value checks of inputData.
	 */
	launchValidation: 'lenient' | 'strict';
	validateResponses: boolean;
	duplicateWindowSeconds: number;
	maxPageSize: number;
	/** How a name/description filter without '*' matches: 'exact' (default, case-insensitive) or 'contains'. */
	nameFilterWithoutWildcard: 'exact' | 'contains';
	/**
	 * The order of GET /api/v2/flows/{id}/versions: 'newest-first' (default) or 'oldest-first'. Genesys documents
	 * no order and no sort parameter for it (real behaviour unverified).
	 */
	versionListOrder: 'newest-first' | 'oldest-first';
}

/** What configure(), POST /__emulator/config and options.knobs accept: any subset; a route's faults set to null clears them. */
export type EmulatorKnobsPatch = Partial<Omit<EmulatorKnobs, 'faults'>> & {
	faults?: Partial<Record<RouteKey | '*', RouteFaults | null>> | null;
};

export interface EmulatorOptions {
	port?: number;
	host?: string;
	seedFile?: string;
	knobs?: EmulatorKnobsPatch;
}

/** The status set of the real API (schemas/FlowRuntimeExecution.json); the emulator itself never reports UNKNOWN. */
export type ExecutionStatus = FlowRuntimeExecution['status'];

export interface EmulatorExecutionRecord {
	id: string;
	flowId: string;
	/** The version that runs (resolved when the request omitted flowVersion). */
	flowVersion: string;
	/** The flowVersion field exactly as sent (undefined when absent). */
	requestedFlowVersion: string | null | undefined;
	/** The name field exactly as sent (undefined when absent). */
	name: string | undefined;
	/** inputData exactly as sent (undefined when absent). */
	inputData: unknown;
	/** Every input of the version with the value the flow ran with (sent, else initial value, else null / []). */
	runInputs: Record<string, unknown>;
	status: ExecutionStatus;
	clientId: string;
	/** The scope the token was requested with (null when none). */
	tokenScope: string | null;
	dateLaunched: string;
}

/** Every POST /api/v2/flows/executions that reached the handler, accepted or not. */
export interface EmulatorLaunchAttempt {
	correlationId: string;
	status: number;
	body: unknown;
	executionId: string | null;
	errorCode: string | null;
}

export interface TokenRequestRecord {
	clientId: string | null;
	scope: string | null;
	status: number;
}

export interface EmulatorStats {
	tokensIssued: number;
	tokenRequestsTotal: number;
	/** The last 1000 token requests. */
	tokenRequests: TokenRequestRecord[];
	/** Per route key (plus 'unknown'), per HTTP status (or 'reset'). /__emulator calls are not counted. */
	requests: Record<string, Record<string, number>>;
	/** Executions created per flow id. */
	launches: Record<string, number>;
	launchesTotal: number;
	rateLimited: number;
	duplicateLaunches: number;
	resetsInjected: number;
	/** Every injected fault, resets included. */
	faultsInjected: number;
	contractViolations: number;
}
