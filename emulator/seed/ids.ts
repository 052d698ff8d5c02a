/**
 * Stable ids of the flows in defaultSeed.json. Tests, the demo and docs refer to flows through these names;
 * a test checks that the seed file still contains every one of them.
 */
export const seedIds = {
	allTypes: 'e0ae0000-0000-4000-8000-000000000001',
	noInputs: 'e0ae0000-0000-4000-8000-000000000002',
	delayed: 'e0ae0000-0000-4000-8000-000000000003',
	randomDuration: 'e0ae0000-0000-4000-8000-000000000004',
	failing: 'e0ae0000-0000-4000-8000-000000000005',
	neverEnding: 'e0ae0000-0000-4000-8000-000000000006',
	unpublished: 'e0ae0000-0000-4000-8000-000000000007',
	multiVersion: 'e0ae0000-0000-4000-8000-000000000008',
	deleted: 'e0ae0000-0000-4000-8000-000000000009',
	inboundCall: 'e0ae0000-0000-4000-8000-00000000000a',
	demo: 'e0ae0000-0000-4000-8000-00000000000b',
} as const;

export type SeedFlowKey = keyof typeof seedIds;

/** OAuth clients of defaultSeed.json. */
export const seedClients = {
	demo: { clientId: 'demo-client', clientSecret: 'demo-secret' },
	noLaunch: { clientId: 'no-launch-client', clientSecret: 'no-launch-secret' },
	noExecutionView: {
		clientId: 'no-execution-view-client',
		clientSecret: 'no-execution-view-secret',
	},
	noFlowView: { clientId: 'no-flow-view-client', clientSecret: 'no-flow-view-secret' },
	noFlowExecuteScope: { clientId: 'no-scope-client', clientSecret: 'no-scope-secret' },
} as const;

/** Id of the bulk flow number n (1-based) generated from bulkFlows. */
export function bulkFlowId(n: number): string {
	return `b0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
