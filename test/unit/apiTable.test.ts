/**
 * The node's API table (nodes/GenesysCloud/api/endpoints.ts) and the emulator's route table must describe the
 * same Genesys Cloud: every endpoint the node calls is a route of the emulator under the same key, method and
 * permission, so a test passing against the emulator exercises the request the node really sends. The
 * permissions are the emulator's (stated from Genesys's SDK documentation), checked against the node's table.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { OPERATION_PERMISSIONS } from '../../emulator/auth/permissions';
import { matchRoute } from '../../emulator/router';
import defaultSeed from '../../emulator/seed/defaultSeed.json';
import {
	ENDPOINTS,
	pathOf,
	type EndpointName,
	type PathParams,
} from '../../nodes/GenesysCloud/api/endpoints';
import { PERMISSIONS } from '../../nodes/GenesysCloud/api/permissions';

/** Sample parameters for every placeholder, with characters that must be URI-encoded. */
const SAMPLE_PARAMS: Record<string, string> = {
	flowId: 'flow 1/a',
	versionId: '2.0',
	flowExecutionId: 'exec#9',
};

function samplePath(name: EndpointName): string {
	const placeholders = [...ENDPOINTS[name].path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
	const params = Object.fromEntries(placeholders.map((key) => [key, SAMPLE_PARAMS[key]]));
	return pathOf(name, params as PathParams<typeof name>);
}

/**
 * Where Genesys Cloud's role editor shows a permission: domain > entity > action, each capitalized and camel
 * case split into words ("architect:flowExecution:view" is "Architect > Flow Execution > View").
 */
function roleLabel(permission: string): string {
	return permission
		.split(':')
		.map((part) => part.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase()))
		.join(' > ');
}

/** Emulator routes the node does not call, each with the reason. */
const EMULATOR_ONLY = {
	token: 'the credential posts to the login host, not through the API table',
};

describe('the API table and the emulator agree', () => {
	for (const name of Object.keys(ENDPOINTS) as EndpointName[]) {
		const endpoint = ENDPOINTS[name];
		test(`${name}: ${endpoint.method} ${endpoint.path} is the emulator's route of the same key and permission`, () => {
			const match = matchRoute(endpoint.method, samplePath(name));
			assert.ok(
				match && 'route' in match,
				`the emulator has no ${endpoint.method} route for ${samplePath(name)}`,
			);
			assert.equal(match.route.key, name);
			assert.equal(match.route.auth, 'bearer');
			assert.equal(match.route.permission, endpoint.permission);
			const placeholders = endpoint.path.match(/\{\w+\}/g) ?? [];
			assert.deepEqual(
				match.params,
				placeholders.map((placeholder) => SAMPLE_PARAMS[placeholder.slice(1, -1)]),
				'path parameters are encoded by the node and decoded by the emulator to the same values',
			);
		});
	}

	test('only the routes listed as emulator-only are missing from the API table', () => {
		const probes: Array<[string, string, string]> = [['token', 'POST', '/oauth/token']];
		for (const [key, method, path] of probes) {
			const match = matchRoute(method, path);
			assert.ok(
				match && 'route' in match && match.route.key === key,
				`${key} is a route of the emulator`,
			);
			assert.ok(key in EMULATOR_ONLY && !(key in ENDPOINTS), `${key} is emulator-only`);
		}
	});

	test('the method of an endpoint is the only one its path accepts (the emulator answers 405 to another)', () => {
		for (const name of Object.keys(ENDPOINTS) as EndpointName[]) {
			const { method } = ENDPOINTS[name];
			const other = method === 'GET' ? 'POST' : 'GET';
			assert.deepEqual(matchRoute(other, samplePath(name)), { allowed: [method] }, name);
		}
	});

	test('idempotency: only the launch is unsafe to repeat', () => {
		const unsafe = (Object.keys(ENDPOINTS) as EndpointName[]).filter(
			(name) => !ENDPOINTS[name].idempotent,
		);
		assert.deepEqual(unsafe, ['launch']);
		assert.ok(
			Object.values(ENDPOINTS).every(
				(endpoint) => endpoint.idempotent === (endpoint.method === 'GET'),
			),
		);
	});

	test('every permission the node names is one Genesys Cloud documents for these operations', () => {
		const documented = new Set<string>(Object.values(OPERATION_PERMISSIONS));
		for (const { name, role } of Object.values(PERMISSIONS)) {
			assert.ok(documented.has(name), `${name} is no permission of the operations the node calls`);
			assert.equal(role, roleLabel(name), `the role editor's label of ${name}`);
		}
		assert.deepEqual(
			new Set(Object.values(PERMISSIONS).map((permission) => permission.name)),
			documented,
			'the node names every permission its operations need',
		);
	});

	test("the seed's launcher role holds exactly the permissions the node needs", () => {
		const needed = new Set(Object.values(ENDPOINTS).map((endpoint) => endpoint.permission));
		assert.deepEqual(
			new Set(Object.values(PERMISSIONS).map((permission) => permission.name)),
			needed,
		);
		assert.deepEqual(new Set(defaultSeed.roles['Flow launcher']), needed);
	});
});
