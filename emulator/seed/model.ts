/** The seed file format (emulator/seed/defaultSeed.json; `--seed` replaces it). Documented in docs/emulator.md. */

import type { JsonSchemaDocument } from '../../schemas/generated/genesys';

/** A schema document as the API models it (schemas/JsonSchemaDocument.json): seeds author plain ones. */
export type JsonSchemaDoc = JsonSchemaDocument;

/**
 * How an output is computed from the execution's inputData (all keys Flow.-prefixed):
 * {template:"Hello {{Flow.name}}"} | {copy:"Flow.x"} (null when unset) | {const:v} | {sum:["Flow.x", 1000]}
 * (unset counts 0) | {length:"Flow.list"} | {gte:["Flow.x", 3]} (false when unset) | {present:"Flow.x"}
 */
export type OutputExpr =
	| { template: string }
	| { copy: string }
	| { const: unknown }
	| { sum: (string | number)[] }
	| { length: string }
	| { gte: [string, number] }
	| { present: string };

export interface SeedRun {
	/** Run time before the outcome (scaled by executionDurationScale); {min,max} draws from the seeded PRNG. */
	durationMs?: number | { min: number; max: number };
	/** NEVER = RUNNING until POST /__emulator/executions/{id}/terminate. */
	outcome?: 'COMPLETED' | 'ERROR' | 'NEVER';
	outputs?: Record<string, OutputExpr>;
	error?: { message: string; code: string };
	/** Initial values of inputs, used when a launch does not supply them (keys Flow.-prefixed). */
	initialValues?: Record<string, unknown>;
	/** Inputs the flow reads and cannot do without: NOT_SET at run time → the run ends FAILED (unexpectedNull). */
	needs?: string[];
}

export interface SeedVersion {
	id: string;
	name?: string;
	type?: 'PUBLISH' | 'CHECKIN' | 'SAVE';
	dateCreated?: number;
	datePublished?: string;
	inputSchema?: JsonSchemaDoc;
	outputSchema?: JsonSchemaDoc;
	/** Overrides the flow's run for this version. */
	run?: SeedRun;
}

export interface SeedFlow {
	id: string;
	name: string;
	description?: string;
	type: string;
	divisionId?: string;
	active?: boolean;
	deleted?: boolean;
	/** Version id of the published version; absent/null = never published. */
	publishedVersion?: string | null;
	savedVersion?: string;
	checkedInVersion?: string;
	versions: SeedVersion[];
	run?: SeedRun;
	/** Serve this flow's schemas in this dialect whatever the schemaDialect knob says (e.g. "plain"). */
	schemaDialect?: 'real' | 'plain';
}

export interface SeedClient {
	clientId: string;
	clientSecret: string;
	name?: string;
	/** Names of entries in `roles`. */
	roles?: string[];
	/** Permissions granted directly; '*' segments are wildcards (architect:flow:*). */
	permissions?: string[];
	/** Scopes this client may be granted (tokenScopePolicy reject-unknown / grant-allowed). */
	allowedScopes?: string[];
}

export interface SeedBulkFlows {
	count: number;
	divisionId?: string;
	/** Every Nth generated flow is an inbound call flow, every Mth (not already inbound) an inbound chat flow. */
	inboundCallEvery?: number;
	inboundChatEvery?: number;
}

export interface SeedFile {
	divisions: { id: string; name: string }[];
	roles?: Record<string, string[]>;
	clients: SeedClient[];
	flows: SeedFlow[];
	bulkFlows?: SeedBulkFlows;
}
