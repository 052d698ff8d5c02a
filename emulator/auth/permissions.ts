/**
 * The permission Genesys Cloud demands for each API operation the emulator serves, as the Platform API SDK's
 * ArchitectApi documentation states it ("Requires ANY permissions: …", purecloud-platform-client-v2 v259; see the
 * reference's research of 2026-12-03). Stated here from that source, never taken from the node: the node's own
 * table (nodes/GenesysCloud/api/permissions.ts) is tested against this one, so a permission the node names
 * wrongly in a route, a help text or an error hint fails a test instead of agreeing with itself.
 */
export const OPERATION_PERMISSIONS = {
	/** GET /api/v2/flows */
	getFlows: 'architect:flow:view',
	/** GET /api/v2/flows/{flowId} */
	getFlow: 'architect:flow:view',
	/** GET /api/v2/flows/{flowId}/versions */
	getFlowVersions: 'architect:flow:view',
	/** GET /api/v2/flows/{flowId}/versions/{versionId} */
	getFlowVersion: 'architect:flow:view',
	/** POST /api/v2/flows/executions */
	postFlowsExecutions: 'architect:flow:launch',
	/** GET /api/v2/flows/executions/{flowExecutionId} */
	getFlowsExecution: 'architect:flowExecution:view',
} as const;
