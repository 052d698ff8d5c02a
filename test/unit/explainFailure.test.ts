import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { DEFAULT_SCOPE } from '../../nodes/GenesysCloud/transport/scope';
import {
	alreadyLaunchedNote,
	launchExplainer,
} from '../../nodes/GenesysCloud/actions/flowExecution/launchErrors';
import { ENDPOINTS } from '../../nodes/GenesysCloud/api/endpoints';
import { endpointExplainers } from '../../nodes/GenesysCloud/api/explanations';
import {
	droppedScopeNote,
	explain,
	explainGeneric,
	failureError,
	fieldsNamed,
	missingPermissions,
	scopeCause,
	scopeGap,
	type Explainer,
	type Explanation,
	type ScopeState,
	type Situation,
} from '../../nodes/GenesysCloud/transport/explainFailure';
import type { HttpFailure } from '../../nodes/GenesysCloud/transport/failure';

/** A failure as readFailure() builds it: every field spelled out, the row's own on top. */
function failure(partial: Partial<HttpFailure> = {}): HttpFailure {
	return {
		headers: {},
		cancelled: false,
		original: undefined,
		status: undefined,
		body: undefined,
		rawBody: undefined,
		networkCode: undefined,
		tokenError: undefined,
		...partial,
	};
}

const NODE: INode = {
	id: '1',
	name: 'Genesys Cloud',
	type: 'n8n-nodes-genesys-cloud.genesysCloud',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** Nothing requested, nothing reported. */
const NO_SCOPE: ScopeState = { requested: '', granted: '', dropped: '' };
/** Everything requested was granted (and more). */
const COVERED: ScopeState = {
	requested: 'users:read',
	granted: 'users:read routing:read',
	dropped: '',
};
/** The token endpoint granted less than was requested. */
const GAP: ScopeState = {
	requested: 'users:read routing:read',
	granted: 'users:read',
	dropped: '',
};
/** The token endpoint refused a scope, so the token was fetched without it. */
const DROPPED: ScopeState = { requested: 'routing:read', granted: '', dropped: 'routing:read' };

const DROPPED_NOTE =
	' The token endpoint refused the scope "routing:read" (invalid_scope), so the node fetched its token without it: Genesys grants client-credentials clients their access by roles, so check the OAuth client\'s roles first.';
const GAP_CAUSE =
	'The token was granted without "routing:read" (the credential requested "users:read routing:read"): ask your Genesys admin to allow that scope for the OAuth client, or clear the Scope field if your org grants access by roles only.';
const DROPPED_CAUSE =
	'The token was granted without "routing:read" (the credential requested "routing:read"): ask your Genesys admin to allow that scope for the OAuth client, or clear the Scope field if your org grants access by roles only.';
const REGION_CHECK =
	"Check that the credential's API base URL and login base URL belong to the same region, and that the OAuth client still exists and is active.";
const NOT_RETRIED =
	'The request was not retried, since it may have taken effect and repeating it could do the work twice. Check in Genesys Cloud before trying again.';
const RATE_LIMIT_ADVICE =
	'The node waited as long as Options > Rate Limit Wait Ceiling allows. Raise that ceiling, lower Requests per Minute (with several n8n workers: the limit divided by their number), or spread the items over time; other integrations using the same OAuth client share its limit.';
const TEMPORARY =
	"This is a temporary problem on Genesys Cloud's side; the node retried where repeating the request was safe. Try again later, or check status.mypurecloud.com.";

describe('explainGeneric: what each failure means, whatever the request', () => {
	// [what the row proves, the failure, the situation (action "list users", scope COVERED unless given), the explanation]
	const table: Array<[string, Partial<HttpFailure>, Partial<Situation>, Explanation]> = [
		// 400 without a body: the scope is the first suspect
		[
			'an empty 400 with no scope requested asks to keep the default scope',
			{ status: 400, rawBody: '' },
			{ scope: NO_SCOPE },
			{
				message: 'Genesys Cloud refused to list users with 400 Bad Request and no explanation',
				description: `Likely cause: The token lacks a scope your org or gateway requires: keep "${DEFAULT_SCOPE}" in the credential's Scope field (it requests no scope now).`,
			},
		],
		[
			'an empty 400 with every scope granted names what the credential requests',
			{ status: 400, rawBody: '' },
			{},
			{
				message: 'Genesys Cloud refused to list users with 400 Bad Request and no explanation',
				description: `Likely cause: The token lacks a scope your org or gateway requires: keep "${DEFAULT_SCOPE}" in the credential's Scope field (it requests "users:read").`,
			},
		],
		[
			'an empty 400 with a scope gap names the scope the token lacks',
			{ status: 400, rawBody: '' },
			{ scope: GAP },
			{
				message: 'Genesys Cloud refused to list users with 400 Bad Request and no explanation',
				description: `Likely cause: ${GAP_CAUSE}`,
			},
		],
		[
			'an empty 400 after a refused scope names it and adds the invalid_scope note',
			{ status: 400, rawBody: '' },
			{ scope: DROPPED },
			{
				message: 'Genesys Cloud refused to list users with 400 Bad Request and no explanation',
				description: `Likely cause: ${DROPPED_CAUSE}${DROPPED_NOTE}`,
			},
		],
		[
			'a 400 whose answer is not JSON (a gateway page) counts as one without explanation',
			{ status: 400, rawBody: '<html>Bad Request</html>' },
			{ scope: GAP },
			{
				message: 'Genesys Cloud refused to list users with 400 Bad Request and no explanation',
				description: `Likely cause: ${GAP_CAUSE}`,
			},
		],

		// 400 with a body
		[
			"a 400 with a message and no fields quotes Genesys's message",
			{ status: 400, body: { message: 'Invalid value', code: 'bad.request' } },
			{},
			{
				message: 'Genesys Cloud rejected the request to list users: Invalid value',
				description: 'Check the IDs and values of the request against Genesys Cloud.',
			},
		],
		[
			'a 400 with fields names them in order, skipping details without a field name',
			{
				status: 400,
				body: {
					message: 'Invalid value',
					details: [{ fieldName: 'pageSize' }, { errorCode: 'x' }, { fieldName: 'divisionId' }],
				},
			},
			{},
			{
				message:
					'Genesys Cloud rejected the request to list users because of pageSize, divisionId: Invalid value',
				description: 'Check pageSize, divisionId (an ID, a version, or an option of this node).',
			},
		],
		[
			'a 400 without a message falls back on its code',
			{ status: 400, body: { code: 'bad.request' } },
			{},
			{
				message: 'Genesys Cloud rejected the request to list users: bad.request',
				description: 'Check the IDs and values of the request against Genesys Cloud.',
			},
		],
		[
			'a blank message counts as none',
			{ status: 400, body: { message: '   ', code: 'bad.request' } },
			{},
			{
				message: 'Genesys Cloud rejected the request to list users: bad.request',
				description: 'Check the IDs and values of the request against Genesys Cloud.',
			},
		],
		[
			'a 400 with an empty body says "bad request", not "no explanation"',
			{ status: 400, body: {} },
			{ scope: GAP },
			{
				message: 'Genesys Cloud rejected the request to list users: bad request',
				description: 'Check the IDs and values of the request against Genesys Cloud.',
			},
		],

		// 401
		[
			'a 401 points at the regions and the OAuth client',
			{ status: 401, body: { message: 'Invalid token' } },
			{},
			{
				message:
					'Genesys Cloud refused the access token (401) when trying to list users, even after renewing it',
				description: REGION_CHECK,
			},
		],
		[
			'a 401 with a scope gap also names the missing scope',
			{ status: 401 },
			{ scope: GAP },
			{
				message:
					'Genesys Cloud refused the access token (401) when trying to list users, even after renewing it',
				description: `${REGION_CHECK} The token was also granted without "routing:read".`,
			},
		],
		[
			'a 401 after a refused scope adds the invalid_scope note',
			{ status: 401 },
			{ scope: DROPPED },
			{
				message:
					'Genesys Cloud refused the access token (401) when trying to list users, even after renewing it',
				description: `${REGION_CHECK} The token was also granted without "routing:read".${DROPPED_NOTE}`,
			},
		],

		// 403
		[
			"a 403 without a scope gap blames the client's roles and quotes Genesys",
			{ status: 403, body: { message: 'You are not authorized' } },
			{},
			{
				message: 'Genesys Cloud refused to list users (403 Forbidden): You are not authorized',
				description:
					"The OAuth client's roles lack a permission this request needs, in the division of what it reads or changes.",
			},
		],
		[
			'a 403 without a body has no quote after the status',
			{ status: 403 },
			{ scope: NO_SCOPE },
			{
				message: 'Genesys Cloud refused to list users (403 Forbidden)',
				description:
					"The OAuth client's roles lack a permission this request needs, in the division of what it reads or changes.",
			},
		],
		[
			'a 403 with a scope gap blames the missing scope first',
			{ status: 403, body: { message: 'You are not authorized' } },
			{ scope: GAP },
			{
				message: 'Genesys Cloud refused to list users (403 Forbidden): You are not authorized',
				description:
					'The token was granted without "routing:read", which this org may require: ask your Genesys admin to allow it for the OAuth client, or give the client\'s roles the permissions.',
			},
		],
		[
			'a 403 after a refused scope adds the invalid_scope note',
			{ status: 403 },
			{ scope: DROPPED },
			{
				message: 'Genesys Cloud refused to list users (403 Forbidden)',
				description: `The token was granted without "routing:read", which this org may require: ask your Genesys admin to allow it for the OAuth client, or give the client's roles the permissions.${DROPPED_NOTE}`,
			},
		],

		// 404, 413, 429
		[
			"a 404 quotes Genesys's message and suspects the ID or the region",
			{ status: 404, body: { message: 'User not found' } },
			{},
			{
				message: 'Genesys Cloud found nothing to list users: User not found',
				description:
					'Likely causes: the ID is wrong, or the credential points at another region than the org that owns it.',
			},
		],
		[
			'a 404 without a body says "not found"',
			{ status: 404 },
			{},
			{
				message: 'Genesys Cloud found nothing to list users: not found',
				description:
					'Likely causes: the ID is wrong, or the credential points at another region than the org that owns it.',
			},
		],
		[
			'a 413 names the size limit and asks for less data',
			{ status: 413, body: { message: 'Payload too large' } },
			{},
			{
				message: 'The request to list users is too large for Genesys Cloud (over 512,000 bytes)',
				description: 'Send less data: pass references (IDs, URLs) instead of large documents.',
			},
		],
		[
			'a 429 that outlasted the wait ceiling points at the rate options',
			{ status: 429, headers: { 'retry-after': '30' } },
			{},
			{
				message: 'Genesys Cloud kept answering 429 Too Many Requests when trying to list users',
				description: RATE_LIMIT_ADVICE,
			},
		],

		// 5xx
		[
			"a 500 quotes Genesys's message and calls the problem temporary",
			{ status: 500, body: { message: 'Internal error' } },
			{},
			{
				message: 'Genesys Cloud failed to list users (HTTP 500): Internal error',
				description: TEMPORARY,
			},
		],
		[
			'a 503 without a body names only the status',
			{ status: 503, rawBody: '<html>Service Unavailable</html>' },
			{},
			{ message: 'Genesys Cloud failed to list users (HTTP 503)', description: TEMPORARY },
		],
		[
			'a status and a network code: the status decides',
			{ status: 502, networkCode: 'ECONNRESET' },
			{},
			{ message: 'Genesys Cloud failed to list users (HTTP 502)', description: TEMPORARY },
		],

		// network
		[
			'a network code without an answer: could not reach, check the region',
			{ networkCode: 'ECONNREFUSED' },
			{ scope: GAP },
			{
				message: 'Could not reach Genesys Cloud to list users',
				description:
					"The connection failed with ECONNREFUSED. Check the credential's region (or custom API base URL) and that n8n can reach it.",
			},
		],

		// other statuses
		[
			'another status is named with its number and message',
			{ status: 409, body: { message: 'Version conflict' } },
			{},
			{
				message: 'Genesys Cloud refused to list users (HTTP 409): Version conflict',
				description: "See the error details for Genesys Cloud's answer.",
			},
		],
		[
			'a 410 is no special case for the transport',
			{ status: 410 },
			{},
			{
				message: 'Genesys Cloud refused to list users (HTTP 410)',
				description: "See the error details for Genesys Cloud's answer.",
			},
		],
		[
			'neither a status nor a network code: a bare refusal',
			{},
			{},
			{
				message: 'Genesys Cloud refused to list users',
				description: "See the error details for Genesys Cloud's answer.",
			},
		],

		// lost answers
		[
			'a lost answer after a 5xx says the request may have taken effect',
			{ status: 500, body: { message: 'Internal error' } },
			{ action: 'create user', lostAnswer: 'Genesys Cloud answered 500' },
			{
				message:
					"Genesys Cloud's answer to the request to create user was lost: Genesys Cloud answered 500",
				description: NOT_RETRIED,
			},
		],
		[
			'a lost answer after a dropped connection names the network error first',
			{ networkCode: 'ECONNRESET' },
			{
				action: 'create user',
				lostAnswer: 'the connection dropped after the request was sent',
			},
			{
				message:
					"Genesys Cloud's answer to the request to create user was lost: the connection dropped after the request was sent",
				description: `Network error: ECONNRESET. ${NOT_RETRIED}`,
			},
		],
		[
			'a lost answer outranks every status reading, even a 400',
			{ status: 400, rawBody: '' },
			{ action: 'create user', lostAnswer: 'Genesys Cloud answered 400', scope: GAP },
			{
				message:
					"Genesys Cloud's answer to the request to create user was lost: Genesys Cloud answered 400",
				description: NOT_RETRIED,
			},
		],
	];

	const situationOf = (more: Partial<Situation>): Situation => ({
		action: 'list users',
		scope: COVERED,
		...more,
	});

	for (const [name, partial, more, expected] of table) {
		test(name, () => {
			assert.deepEqual(explainGeneric(failure(partial), situationOf(more)), expected);
		});
	}

	// The transport explains any request: its words come from the situation, never from a flow.
	const DOMAIN_WORDS = /\bflows?\b|launch|trigger data|architect/i;
	const DOMAIN_ACTION = 'launch flow "Trigger Data in Architect"';
	for (const [name, partial, more] of table) {
		test(`no domain word of its own: ${name}`, () => {
			const { message, description } = explainGeneric(
				failure(partial),
				situationOf({ ...more, action: DOMAIN_ACTION }),
			);
			assert.ok(message.includes(DOMAIN_ACTION), 'the action is interpolated into the message');
			const own = `${message}\n${description}`
				.replaceAll(DOMAIN_ACTION, '')
				// The credential's default scope is named by value in the cause of an unexplained 400.
				.replaceAll(`"${DEFAULT_SCOPE}"`, '');
			assert.doesNotMatch(own, DOMAIN_WORDS);
		});
	}
});

describe('scope and body readers', () => {
	// [what the row proves, scope, the gap scopeGap() reports]
	const gaps: Array<[string, ScopeState, string | undefined]> = [
		['a refused scope is the gap, whatever was granted', { ...COVERED, dropped: 'x:y' }, 'x:y'],
		['nothing requested: no gap', { requested: '', granted: 'a:b', dropped: '' }, undefined],
		[
			'grant not reported: no gap is claimed',
			{ requested: 'a:b', granted: '', dropped: '' },
			undefined,
		],
		['everything granted, and more: no gap', COVERED, undefined],
		[
			'the missing scopes in the order requested, space-separated',
			{ requested: 'c:c a:a b:b', granted: 'a:a', dropped: '' },
			'c:c b:b',
		],
	];
	for (const [name, scope, expected] of gaps) {
		test(`scopeGap: ${name}`, () => assert.equal(scopeGap(scope), expected));
	}

	test('scopeCause: the gap when there is one, else the default scope', () => {
		assert.equal(scopeCause(GAP), GAP_CAUSE);
		assert.equal(scopeCause(DROPPED), DROPPED_CAUSE);
		assert.equal(
			scopeCause(COVERED),
			`The token lacks a scope your org or gateway requires: keep "${DEFAULT_SCOPE}" in the credential's Scope field (it requests "users:read").`,
		);
		assert.match(scopeCause(NO_SCOPE), /\(it requests no scope now\)\.$/);
	});

	test('droppedScopeNote: only after a refused scope', () => {
		assert.equal(droppedScopeNote(DROPPED), DROPPED_NOTE);
		assert.equal(droppedScopeNote(GAP), '');
		assert.equal(droppedScopeNote(NO_SCOPE), '');
	});

	// [what the row proves, failure, the field names fieldsNamed() reads]
	const fields: Array<[string, Partial<HttpFailure>, string[]]> = [
		['no body: no fields', { status: 400 }, []],
		['a body without details: no fields', { status: 400, body: { message: 'x' } }, []],
		[
			'details without a field name are skipped, the rest keep their order',
			{
				status: 400,
				body: {
					details: [{ fieldName: 'b' }, { entityId: '1' }, { fieldName: '' }, { fieldName: 'a' }],
				},
			},
			['b', 'a'],
		],
	];
	for (const [name, partial, expected] of fields) {
		test(`fieldsNamed: ${name}`, () => assert.deepEqual(fieldsNamed(failure(partial)), expected));
	}

	// [what the row proves, failure, the permissions missingPermissions() reads]
	const permissions: Array<[string, Partial<HttpFailure>, string[]]> = [
		['no body: none', { status: 403 }, []],
		['a message without a permission: none', { status: 403, body: { message: 'Forbidden' } }, []],
		[
			'a permission in the message',
			{ status: 403, body: { message: 'Missing permission architect:flow:view.' } },
			['architect:flow:view'],
		],
		[
			'a permission only in messageWithParams',
			{
				status: 403,
				body: { message: 'Forbidden', messageWithParams: 'Needs {perm}: routing:queue:view' },
			},
			['routing:queue:view'],
		],
		[
			'a permission only in the parameters',
			{ status: 403, body: { messageParams: { permissions: ['architect:flowExecution:view'] } } },
			['architect:flowExecution:view'],
		],
		[
			'each permission once, in the order found',
			{
				status: 403,
				body: {
					message: 'Needs b:b:b and a:a:a',
					messageWithParams: 'Needs {0}',
					messageParams: { 0: 'a:a:a', 1: 'c:c:c' },
				},
			},
			['b:b:b', 'a:a:a', 'c:c:c'],
		],
	];
	for (const [name, partial, expected] of permissions) {
		test(`missingPermissions: ${name}`, () =>
			assert.deepEqual(missingPermissions(failure(partial)), expected));
	}
});

describe('explain: the explainers, most specific first, over the generic explanation', () => {
	const says =
		(said: Partial<Explanation>): Explainer =>
		() =>
			said;
	const silent: Explainer = () => undefined;
	const situation: Situation = { action: 'list users', scope: COVERED };
	const notFound = failure({ status: 404 });
	const generic = explainGeneric(notFound, situation);

	// [what the row proves, the explainers, the explanation]
	const table: Array<[string, Explainer[], Explanation]> = [
		['no explainer: the generic explanation', [], generic],
		['a silent explainer keeps the generic explanation', [silent], generic],
		[
			'a partial explanation keeps the generic rest',
			[says({ description: 'd1' })],
			{ message: generic.message, description: 'd1' },
		],
		[
			'the first explainer outranks the later ones',
			[says({ message: 'm1' }), says({ message: 'm2', description: 'd2' })],
			{ message: 'm1', description: 'd2' },
		],
		[
			'a silent first explainer leaves the word to the next',
			[silent, says({ message: 'm2' })],
			{ message: 'm2', description: generic.description },
		],
	];
	for (const [name, explainers, expected] of table) {
		test(name, () => {
			const given = [...explainers];
			assert.deepEqual(explain(notFound, situation, explainers), expected);
			assert.deepEqual(explainers, given, 'the explainers are not reordered');
		});
	}
});

/** Stands for the field of the generic explanation: the explainers leave it alone. */
const GENERIC = Symbol('generic');
type Expected = string | typeof GENERIC;

describe('the endpoint and launch explainers over the generic explanation', () => {
	const FLOW_ID = 'f-1';
	const EXECUTION_NAME = 'n8n item 1';
	const listFlows = endpointExplainers(ENDPOINTS.listFlows);
	const getFlow = endpointExplainers(ENDPOINTS.getFlow, FLOW_ID);
	const getFlowWithoutId = endpointExplainers(ENDPOINTS.getFlow);
	const getVersion = endpointExplainers(ENDPOINTS.getVersion, FLOW_ID);
	const getExecution = endpointExplainers(ENDPOINTS.getExecution);
	// As the launch operation composes them: its own explainer first, then the endpoint's.
	const launch = [
		launchExplainer({ flowId: FLOW_ID, executionName: EXECUTION_NAME }),
		...endpointExplainers(ENDPOINTS.launch, FLOW_ID),
	];
	const LAUNCH = 'launch flow "Greeting"';
	const FLOW_CAUSES =
		'Likely causes: the ID is wrong, the flow was never published (publish it in Architect), the flow version does not exist, or the credential points at another region than the org that owns the flow.';
	const TRIGGER_DATA_CAUSE =
		"The Trigger Data does not match the flow's inputs: names must be the flow's input variables (sent as Flow.<name>), values of their types; republish the flow after adding inputs in Architect.";

	// [what the row proves, explainers, action, failure, scope, lostAnswer, message, description]
	const table: Array<
		[
			string,
			Explainer[],
			string,
			Partial<HttpFailure>,
			ScopeState,
			string | undefined,
			Expected,
			Expected,
		]
	> = [
		// 403: the permission and its role
		[
			'a 403 naming a permission: the permission, its role, the division of the flow',
			getFlow,
			`read flow ${FLOW_ID}`,
			{ status: 403, body: { message: 'Missing permission architect:flow:view' } },
			COVERED,
			undefined,
			`The OAuth client is missing the permission architect:flow:view needed to read flow ${FLOW_ID}`,
			'In Genesys Cloud, open Admin > Roles / Permissions, add architect:flow:view (Architect > Flow > View) to a role, and assign that role to the OAuth client in the division that holds the flow.',
		],
		[
			'a 403 naming a permission in its parameters, of an execution',
			getExecution,
			'read flow execution e-9',
			{
				status: 403,
				body: { messageParams: { permissions: ['architect:flowExecution:view'] } },
			},
			COVERED,
			undefined,
			'The OAuth client is missing the permission architect:flowExecution:view needed to read flow execution e-9',
			'In Genesys Cloud, open Admin > Roles / Permissions, add architect:flowExecution:view (Architect > Flow Execution > View) to a role, and assign that role to the OAuth client in the division that holds the flow.',
		],
		[
			'a 403 naming two permissions: a role for the known one, the bare name for the other',
			launch,
			LAUNCH,
			{ status: 403, body: { message: 'Needs architect:flow:launch and routing:queue:view' } },
			COVERED,
			undefined,
			`The OAuth client is missing the permission architect:flow:launch, routing:queue:view needed to ${LAUNCH}`,
			'In Genesys Cloud, open Admin > Roles / Permissions, add architect:flow:launch (Architect > Flow > Launch) and routing:queue:view to a role, and assign that role to the OAuth client in the division that holds the flow.',
		],
		[
			'a 403 naming a permission outranks a scope gap',
			getFlow,
			`read flow ${FLOW_ID}`,
			{ status: 403, body: { message: 'Missing permission architect:flow:view' } },
			GAP,
			undefined,
			`The OAuth client is missing the permission architect:flow:view needed to read flow ${FLOW_ID}`,
			'In Genesys Cloud, open Admin > Roles / Permissions, add architect:flow:view (Architect > Flow > View) to a role, and assign that role to the OAuth client in the division that holds the flow.',
		],
		[
			"a 403 naming nothing: the generic message, the endpoint's permission and role",
			listFlows,
			'list flows',
			{ status: 403, body: { message: 'Forbidden' } },
			COVERED,
			undefined,
			GENERIC,
			`The OAuth client's roles must hold architect:flow:view (Architect > Flow > View) in the division that holds the flow; if your org requires scopes, keep ${DEFAULT_SCOPE} in the credential's Scope.`,
		],
		[
			"a launch 403 naming nothing: the launch endpoint's permission",
			launch,
			LAUNCH,
			{ status: 403 },
			NO_SCOPE,
			undefined,
			GENERIC,
			`The OAuth client's roles must hold architect:flow:launch (Architect > Flow > Launch) in the division that holds the flow; if your org requires scopes, keep ${DEFAULT_SCOPE} in the credential's Scope.`,
		],
		[
			'a 403 naming nothing with a scope gap stays generic: the scope is the suspect',
			listFlows,
			'list flows',
			{ status: 403, body: { message: 'Forbidden' } },
			GAP,
			undefined,
			GENERIC,
			GENERIC,
		],

		// 404 and 410 of a flow
		[
			'a 404 of a flow keeps the generic message (its action names the flow) and gives the causes of a missing flow',
			getFlow,
			`read flow ${FLOW_ID}`,
			{ status: 404, body: { message: 'Flow not found' } },
			COVERED,
			undefined,
			GENERIC,
			FLOW_CAUSES,
		],
		[
			'a 404 of a flow version without a body: the generic "not found", the causes of a missing flow',
			getVersion,
			`read version 2.0 of flow ${FLOW_ID}`,
			{ status: 404 },
			COVERED,
			undefined,
			GENERIC,
			FLOW_CAUSES,
		],
		[
			'a 410 of a flow says it was deleted',
			getFlow,
			`read flow ${FLOW_ID}`,
			{ status: 410, body: { message: 'Gone' } },
			COVERED,
			undefined,
			`The flow ${FLOW_ID} was deleted in Genesys Cloud`,
			'Pick another workflow in Flow, or restore the flow in Architect.',
		],
		[
			'a 404 of a flow endpoint called without a flow ID stays generic',
			getFlowWithoutId,
			'read a flow',
			{ status: 404 },
			COVERED,
			undefined,
			GENERIC,
			GENERIC,
		],
		[
			'a 404 of the flow listing stays generic',
			listFlows,
			'list flows',
			{ status: 404 },
			COVERED,
			undefined,
			GENERIC,
			GENERIC,
		],

		// 404 of an execution
		[
			'a 404 of an execution keeps the generic message, suspects the execution ID',
			getExecution,
			'read flow execution e-9',
			{ status: 404, body: { message: 'Execution not found' } },
			COVERED,
			undefined,
			GENERIC,
			'Likely causes: the execution ID is wrong, or the credential points at another region than the org that ran the flow.',
		],
		[
			'a 410 of an execution stays generic',
			getExecution,
			'read flow execution e-9',
			{ status: 410 },
			COVERED,
			undefined,
			GENERIC,
			GENERIC,
		],

		// statuses no endpoint explainer reads
		[
			'a 400 of a flow stays generic',
			getFlow,
			`read flow ${FLOW_ID}`,
			{ status: 400, body: { message: 'Bad id', details: [{ fieldName: 'flowId' }] } },
			COVERED,
			undefined,
			GENERIC,
			GENERIC,
		],
		[
			'a 500 of a flow stays generic',
			getFlow,
			`read flow ${FLOW_ID}`,
			{ status: 500 },
			COVERED,
			undefined,
			GENERIC,
			GENERIC,
		],

		// the launch
		[
			'a launch whose answer was lost after a dropped connection may have started the flow',
			launch,
			LAUNCH,
			{ networkCode: 'ECONNRESET' },
			COVERED,
			'the connection dropped after the request was sent',
			"The flow may have started: the connection dropped after the request was sent, so Genesys Cloud's answer to the launch was lost",
			`Network error: ECONNRESET. The launch was not retried, to avoid running the flow twice. Look in Genesys Cloud for an execution named "${EXECUTION_NAME}" of flow ${FLOW_ID} before launching this item again.`,
		],
		[
			'a launch whose answer was lost after a 502 has no network error to name',
			launch,
			LAUNCH,
			{ status: 502 },
			COVERED,
			'Genesys Cloud answered 502',
			"The flow may have started: Genesys Cloud answered 502, so Genesys Cloud's answer to the launch was lost",
			`The launch was not retried, to avoid running the flow twice. Look in Genesys Cloud for an execution named "${EXECUTION_NAME}" of flow ${FLOW_ID} before launching this item again.`,
		],
		[
			'an empty launch 400: the generic message, then the scope and the Trigger Data as causes',
			launch,
			LAUNCH,
			{ status: 400, rawBody: '' },
			{ requested: DEFAULT_SCOPE, granted: '', dropped: '' },
			undefined,
			GENERIC,
			`Likely causes, most likely first: 1. The token lacks a scope your org or gateway requires: keep "${DEFAULT_SCOPE}" in the credential's Scope field (it requests "${DEFAULT_SCOPE}"). 2. ${TRIGGER_DATA_CAUSE}`,
		],
		[
			'an empty launch 400 after a refused scope: the refused scope first, the note last',
			launch,
			LAUNCH,
			{ status: 400, rawBody: '' },
			DROPPED,
			undefined,
			GENERIC,
			`Likely causes, most likely first: 1. ${DROPPED_CAUSE} 2. ${TRIGGER_DATA_CAUSE}${DROPPED_NOTE}`,
		],
		[
			'a launch 400 with Flow. fields and others: Trigger Data for the inputs, the options for the rest',
			launch,
			LAUNCH,
			{
				status: 400,
				body: {
					message: 'Invalid input',
					details: [
						{ fieldName: 'Flow.age' },
						{ fieldName: 'flowVersion' },
						{ fieldName: 'Flow.name' },
					],
				},
			},
			COVERED,
			undefined,
			GENERIC,
			"Fix Flow.age, Flow.name in Trigger Data: it must be one of the flow's input variables, of its type. Check flowVersion (the flow, Flow Version, or a list option of this node).",
		],
		[
			'a launch 400 with only Flow. fields names Trigger Data alone',
			launch,
			LAUNCH,
			{ status: 400, body: { message: 'Invalid input', details: [{ fieldName: 'Flow.age' }] } },
			COVERED,
			undefined,
			GENERIC,
			"Fix Flow.age in Trigger Data: it must be one of the flow's input variables, of its type.",
		],
		[
			'a launch 400 with only other fields names the options alone',
			launch,
			LAUNCH,
			{
				status: 400,
				body: { message: 'Invalid version', details: [{ fieldName: 'flowVersion' }] },
			},
			COVERED,
			undefined,
			GENERIC,
			'Check flowVersion (the flow, Flow Version, or a list option of this node).',
		],
		[
			'a launch 400 without fields asks to check flow, version and Trigger Data',
			launch,
			LAUNCH,
			{ status: 400, body: { message: 'Invalid request' } },
			COVERED,
			undefined,
			GENERIC,
			'Check the flow ID, the flow version and the Trigger Data against the flow in Architect.',
		],
		[
			'a launch 413 asks for less Trigger Data',
			launch,
			LAUNCH,
			{ status: 413 },
			COVERED,
			undefined,
			GENERIC,
			'Send less Trigger Data: pass references (IDs, URLs) instead of large documents.',
		],
		[
			'a launch 429 keeps the generic message and advice',
			launch,
			LAUNCH,
			{ status: 429 },
			COVERED,
			undefined,
			GENERIC,
			GENERIC,
		],
		[
			'a launch 401 stays generic',
			launch,
			LAUNCH,
			{ status: 401 },
			GAP,
			undefined,
			GENERIC,
			GENERIC,
		],
		[
			'a launch 404 is read by the endpoint as a missing flow',
			launch,
			LAUNCH,
			{ status: 404, body: { message: 'Flow not found' } },
			COVERED,
			undefined,
			`Genesys Cloud found nothing to ${LAUNCH} (flow ${FLOW_ID}): Flow not found`,
			FLOW_CAUSES,
		],
		[
			'a launch 503 (not lost, so retried until the end) stays generic',
			launch,
			LAUNCH,
			{ status: 503 },
			COVERED,
			undefined,
			GENERIC,
			GENERIC,
		],
	];

	for (const [
		name,
		explainers,
		action,
		partial,
		scope,
		lostAnswer,
		message,
		description,
	] of table) {
		test(name, () => {
			const theFailure = failure(partial);
			const situation: Situation = { action, scope, lostAnswer };
			const generic = explainGeneric(theFailure, situation);
			const explained = explain(theFailure, situation, explainers);
			for (const [field, expected] of [
				['message', message],
				['description', description],
			] as const) {
				if (expected === GENERIC) {
					assert.equal(explained[field], generic[field], `the ${field} stays generic`);
				} else {
					assert.equal(explained[field], expected);
					assert.notEqual(
						expected,
						generic[field],
						`the ${field} is the explainer's, not the generic one`,
					);
				}
			}
		});
	}
});

describe('alreadyLaunchedNote: the other items whose flows are running', () => {
	// [what the row proves, items launched, the failing item, the note]
	const table: Array<[string, number[], number, string | undefined]> = [
		['nothing launched: no note', [], 0, undefined],
		['only the failing item launched (its wait failed): no note', [3], 3, undefined],
		[
			'the failing item is not counted among the others',
			[0, 1, 2],
			2,
			'2 other item(s) had already been launched in this run; their flows are running in Genesys Cloud.',
		],
		[
			'a failing item that was not launched: all launched items count',
			[0, 1],
			5,
			'2 other item(s) had already been launched in this run; their flows are running in Genesys Cloud.',
		],
	];
	for (const [name, launched, failedItemIndex, expected] of table) {
		test(name, () =>
			assert.equal(alreadyLaunchedNote(new Set(launched), failedItemIndex), expected),
		);
	}
});

describe('failureError: the NodeApiError a failure becomes', () => {
	const explanation: Explanation = {
		message: 'Genesys Cloud found nothing to list users: User not found',
		description: 'Check the ID.',
	};
	interface Made {
		message: string;
		description: string | null | undefined;
		httpCode: string | null;
		errorResponse: unknown;
	}
	// [what the row proves, failure, what the error carries]
	const table: Array<[string, Partial<HttpFailure>, Made]> = [
		[
			"the correlation ID from the body's contextId ends the description",
			{ status: 404, body: { message: 'User not found', contextId: 'ctx-1' } },
			{
				message: explanation.message,
				description: 'Check the ID. Genesys correlation ID: ctx-1.',
				httpCode: '404',
				errorResponse: { message: 'User not found', contextId: 'ctx-1' },
			},
		],
		[
			'the correlation ID from the inin-correlation-id header when the body has none',
			{
				status: 404,
				headers: { 'inin-correlation-id': 'hdr-2' },
				body: { message: 'User not found' },
			},
			{
				message: explanation.message,
				description: 'Check the ID. Genesys correlation ID: hdr-2.',
				httpCode: '404',
				errorResponse: { message: 'User not found' },
			},
		],
		[
			"the body's contextId wins over the header",
			{ status: 404, headers: { 'inin-correlation-id': 'hdr-2' }, body: { contextId: 'ctx-1' } },
			{
				message: explanation.message,
				description: 'Check the ID. Genesys correlation ID: ctx-1.',
				httpCode: '404',
				errorResponse: { contextId: 'ctx-1' },
			},
		],
		[
			'without a correlation ID the description is the explanation',
			{ status: 404 },
			{
				message: explanation.message,
				description: 'Check the ID.',
				httpCode: '404',
				errorResponse: {},
			},
		],
		[
			"a network failure gets no httpCode, so n8n keeps the node's message",
			{ networkCode: 'ECONNREFUSED' },
			{
				message: explanation.message,
				description: 'Check the ID.',
				httpCode: null,
				errorResponse: {},
			},
		],
		[
			'a raw non-JSON body is kept as the response body',
			{
				status: 502,
				rawBody: '<html>Bad Gateway</html>',
				headers: { 'inin-correlation-id': 'hdr-3' },
			},
			{
				message: explanation.message,
				description: 'Check the ID. Genesys correlation ID: hdr-3.',
				httpCode: '502',
				errorResponse: { body: '<html>Bad Gateway</html>' },
			},
		],
		[
			'an empty raw body is kept too',
			{ status: 400, rawBody: '' },
			{
				message: explanation.message,
				description: 'Check the ID.',
				httpCode: '400',
				errorResponse: { body: '' },
			},
		],
		[
			'a token error passes through: its message and description, no status, no correlation ID',
			{
				status: 401,
				headers: { 'inin-correlation-id': 'hdr-4' },
				tokenError: { message: 'The client secret is wrong', description: 'Check the credential.' },
			},
			{
				message: 'The client secret is wrong',
				description: 'Check the credential.',
				httpCode: null,
				errorResponse: { message: 'The client secret is wrong' },
			},
		],
		[
			'a token error without a description gets none (n8n drops one equal to the message)',
			{ tokenError: { message: 'The client secret is wrong' } },
			{
				message: 'The client secret is wrong',
				description: undefined,
				httpCode: null,
				errorResponse: { message: 'The client secret is wrong' },
			},
		],
	];
	for (const [name, partial, expected] of table) {
		test(name, () => {
			const error = failureError(NODE, failure(partial), explanation, 4);
			assert.ok(error instanceof NodeApiError);
			assert.deepEqual(
				{
					message: error.message,
					description: error.description,
					httpCode: error.httpCode,
					errorResponse: error.errorResponse,
				},
				expected,
			);
			assert.equal(error.context.itemIndex, 4);
			assert.equal(error.node, NODE);
		});
	}

	test('the body is copied, not shared', () => {
		const body = { message: 'User not found' };
		const error = failureError(NODE, failure({ status: 404, body }), explanation);
		assert.notEqual(error.errorResponse, body);
		assert.equal(error.context.itemIndex, undefined);
	});
});
