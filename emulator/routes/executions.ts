/**
 * POST /api/v2/flows/executions and GET /api/v2/flows/executions/{id}. Every rejection names the field and the
 * likely fix: these messages are what a user reads in n8n when a launch fails.
 */
import { dialectOf, type CatalogFlow, type CatalogVersion } from '../catalog';
import { ok, type Reply, type RequestContext } from '../context';
import { checkModel } from '../contract';
import { ApiError, badRequest, notFound } from '../errors';
import { executionUri, type Execution } from '../executions';
import { prepareRun } from '../flowRun';
import type { EmulatorState } from '../state';
import { validateInputData } from '../inputValidation';

export const MAX_BODY_BYTES = 512_000;
const LAUNCH_FIELDS = ['flowId', 'flowVersion', 'inputData', 'name'];

export function launchRoute(ctx: RequestContext): Reply {
	const { state, now } = ctx;
	const knobs = state.knobs;
	ctx.launch = { body: undefined, executionId: null };

	if (ctx.bodyTooLarge)
		throw new ApiError(
			413,
			'request.entity.too.large',
			`The request body exceeds the maximum of ${MAX_BODY_BYTES} bytes.`,
		);
	requireScope(ctx);

	let body: unknown;
	try {
		body = JSON.parse(ctx.body.toString('utf8'));
	} catch (error) {
		ctx.launch.body = ctx.body.toString('utf8');
		throw badRequest(`The request body is not valid JSON: ${(error as Error).message}`);
	}
	ctx.launch.body = body;
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		throw badRequest(
			'The request body must be a JSON object: {"flowId": "...", "inputData": {...}}',
		);
	const request = body as Record<string, unknown>;

	for (const field of Object.keys(request)) {
		if (!LAUNCH_FIELDS.includes(field))
			throw badRequest(
				`Unrecognized field '${field}' in the launch request. The only fields are flowId, flowVersion, inputData and name; flow inputs (trigger data) go in inputData, keyed like "Flow.customerId".`,
				field,
			);
	}
	const { flowId, flowVersion, inputData, name } = request;
	if (flowId === undefined || flowId === null || flowId === '')
		throw badRequest('flowId is required.', 'flowId', 'invalid.value');
	if (typeof flowId !== 'string')
		throw badRequest('flowId must be a string (the flow id).', 'flowId', 'invalid.value');
	if (flowVersion !== undefined && flowVersion !== null && typeof flowVersion !== 'string')
		throw badRequest(
			'flowVersion must be a string such as "3.0" (or omitted for the latest published version).',
			'flowVersion',
			'invalid.value',
		);
	if (name !== undefined && typeof name !== 'string')
		throw badRequest('name must be a string.', 'name', 'invalid.value');
	if (
		inputData === null ||
		(inputData !== undefined && (typeof inputData !== 'object' || Array.isArray(inputData)))
	)
		throw badRequest(
			`inputData must be a JSON object keyed by Flow. input names (send {} for a flow without inputs); got ${inputData === null ? 'null' : Array.isArray(inputData) ? 'an array' : typeof inputData}.`,
			'inputData',
			'invalid.value',
		);
	// The schema has the last word: anything the friendlier checks above missed is still refused.
	const schemaProblems = checkModel('FlowExecutionLaunchRequest', request);
	if (schemaProblems !== null)
		throw badRequest(
			`The launch request does not match FlowExecutionLaunchRequest: ${schemaProblems}`,
		);
	if (inputData === undefined && knobs.missingInputData === 'reject')
		throw badRequest(
			'inputData is required; send {} for a flow without inputs.',
			'inputData',
			'invalid.value',
		);

	const flow = state.catalog.get(flowId);
	if (!flow) throw notFound('Flow', flowId);
	if (flow.deleted)
		throw new ApiError(
			410,
			'architect.flow.deleted',
			`Flow '${flow.name}' (${flow.id}) has been deleted and cannot be launched.`,
			{
				entityId: flow.id,
				entityName: flow.name,
			},
		);
	if (flow.type !== 'WORKFLOW')
		throw new ApiError(
			400,
			'bad.request',
			`Flow '${flow.name}' is of type ${flow.type}, which cannot be launched through this API; only WORKFLOW flows can.`,
			{
				entityId: flow.id,
				entityName: flow.name,
				details: [{ errorCode: 'invalid.flow.type', fieldName: 'flowId' }],
			},
		);
	const version = resolveVersion(flow, flowVersion as string | null | undefined);

	// Real Genesys accepts any inputData object and lets the run fail (launchValidation 'lenient', the default);
	// 'strict' keeps the emulator's own friendly 400s, checked against the seed's plain schema (required, enums).
	const sent = (inputData ?? {}) as Record<string, unknown>;
	const problems =
		knobs.launchValidation === 'strict'
			? validateInputData(sent, version.inputSchema, knobs.unknownInputKeys)
			: [];
	if (problems.length)
		throw new ApiError(
			400,
			'invalid.value',
			`Invalid inputData for flow '${flow.name}' (version ${version.id}): ${problems.map((p) => p.message).join('; ')}.`,
			{
				entityId: flow.id,
				entityName: flow.name,
				details: problems.map(({ errorCode, fieldName }) => ({ errorCode, fieldName })),
			},
		);

	const { execution, duplicate } = state.executions.launch(
		{
			flow,
			version,
			sentName: name as string | undefined,
			sentFlowVersion: flowVersion as string | null | undefined,
			sentInputData: inputData,
			prepared: prepareRun(sent, version.inputSchema, version.run),
			clientId: ctx.token!.clientId,
			tokenScope: ctx.token!.requestedScope,
		},
		now,
		knobs.executionDurationScale,
		knobs.duplicateWindowSeconds * 1000,
		state.prng,
	);
	state.stats.launch(flow.id, duplicate);
	ctx.launch.executionId = execution.id;
	return ok(
		{
			id: execution.id,
			name: execution.name,
			flowVersion: version.ref,
			selfUri: executionUri(execution.id),
		},
		'FlowExecutionLaunchResponse',
	);
}

export function getExecutionRoute(ctx: RequestContext): Reply {
	const execution = ctx.state.executions.get(ctx.params[0]);
	if (!execution) throw notFound('Flow execution', ctx.params[0]);
	return ok(viewExecution(ctx.state, execution, ctx.now), 'FlowRuntimeExecution');
}

/** FlowRuntimeExecution in the flow's schema dialect, outputs typed as the knobs say. */
export function viewExecution(
	state: EmulatorState,
	execution: Execution,
	now: number,
): Record<string, unknown> {
	const knobs = state.knobs;
	return state.executions.view(execution, now, dialectOf(execution.flow, knobs.schemaDialect), {
		integersAsStrings: knobs.integerOutputsAsStrings,
		decimalsAsStrings: knobs.decimalOutputsAsStrings,
		booleansAsStrings: knobs.booleanOutputsAsStrings,
	});
}

/** Models orgs/gateways that refuse a launch whose token lacks a scope (e.g. flow:execute); off by default. */
function requireScope(ctx: RequestContext): void {
	const scope = ctx.state.knobs.requireScope;
	if (!scope || ctx.token!.scopes.has(scope)) return;
	if (ctx.state.knobs.requireScopeFailure === 'empty400')
		throw new ApiError(400, '', '', { emptyBody: true });
	throw new ApiError(
		403,
		'missing.permissions',
		`Unable to perform the requested action. The access token does not carry the required scope: [${scope}]. Request a token with scope=${scope}.`,
		{ messageParams: { scope } },
	);
}

/** Omitted/null/empty flowVersion = latest published version (400 when there is none). */
function resolveVersion(flow: CatalogFlow, requested: string | null | undefined): CatalogVersion {
	if (requested === undefined || requested === null || requested === '') {
		if (!flow.published)
			throw new ApiError(
				400,
				'bad.request',
				`Flow '${flow.name}' has no published version. Publish it in Architect (or name a published flowVersion) before launching it.`,
				{
					entityId: flow.id,
					entityName: flow.name,
					details: [{ errorCode: 'flow.not.published', fieldName: 'flowVersion' }],
				},
			);
		return flow.published;
	}
	const version = flow.versions.get(requested);
	if (!version)
		throw new ApiError(
			404,
			'not.found',
			`Flow '${flow.name}' has no version '${requested}'. Its versions are ${flow.versionList.map((v) => v.id).join(', ') || 'none'}.`,
			{
				entityId: flow.id,
				entityName: flow.name,
				details: [{ errorCode: 'not.found', fieldName: 'flowVersion' }],
			},
		);
	if (version.type !== 'PUBLISH')
		throw new ApiError(
			400,
			'bad.request',
			`Version '${requested}' of flow '${flow.name}' is not published (${version.type}); only published versions can be launched.`,
			{
				entityId: flow.id,
				entityName: flow.name,
				details: [{ errorCode: 'flow.not.published', fieldName: 'flowVersion' }],
			},
		);
	return version;
}
