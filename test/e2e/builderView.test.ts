/**
 * What a workflow builder sees in the real n8n (2.41.1) editor, asserted through n8n's own REST API with the
 * server running against the emulator: the Flow picker's list, the Trigger Data fields of a chosen flow (names
 * without `Flow.`, types, required flags), the notice of a flow without inputs, and the credential's Test button.
 *
 * One n8n instance and one server for the file; the credentials are created through the REST API (as the
 * credential dialog does), so no extra n8n CLI start is needed. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { startEmulator, type RunningEmulator } from '../../emulator';
import { selectedLine } from '../../scripts/n8nRuntime';
import {
	GENESYS_CREDENTIAL_TYPE,
	GENESYS_NODE_TYPE,
	emulatorCredential,
	seedClients,
	seedIds,
} from './fixtures/genesys';
import { installProject } from './support/installPackage';
import { createN8nHome, type N8nHome } from './support/n8nProcess';
import {
	N8nRestError,
	type N8nRestClient,
	type ResourceMapperFieldsResult,
} from './support/n8nRest';
import { ownerClient, startN8nServer, type N8nServer } from './support/n8nServer';

interface StoredCredential {
	id: string;
	name: string;
}

describe('What the builder sees in the real n8n (REST API)', { timeout: 10 * 60_000 }, () => {
	let emu: RunningEmulator;
	let home: N8nHome;
	let server: N8nServer;
	let client: N8nRestClient;
	let demo: StoredCredential;
	let noFlowView: StoredCredential;
	let wrongSecret: StoredCredential;

	/** Adds the server's last log lines to a failure inside `fn`. */
	async function withLogs<T>(fn: () => Promise<T>): Promise<T> {
		try {
			return await fn();
		} catch (error) {
			const tail = server?.logs().split('\n').slice(-30).join('\n');
			if (error instanceof Error) error.message += `\n--- n8n server log (tail)\n${tail}`;
			throw error;
		}
	}

	async function createCredential(
		name: string,
		client_: { clientId: string; clientSecret: string },
	) {
		const { type, data } = emulatorCredential(emu.url, 'unused', name, client_);
		const created = await client.post<{ id: string; name: string }>('/rest/credentials', {
			name,
			type,
			data,
		});
		assert.ok(created.id, `n8n stored the credential "${name}"`);
		return { id: created.id, name: created.name };
	}

	function base(credential: StoredCredential, parameters: Record<string, unknown> = {}) {
		return {
			nodeTypeAndVersion: { name: GENESYS_NODE_TYPE, version: 1 },
			credentials: { [GENESYS_CREDENTIAL_TYPE]: credential },
			currentNodeParameters: {
				resource: 'flowExecution',
				operation: 'launch',
				flowId: { __rl: true, mode: 'list', value: '' },
				flowVersion: '',
				triggerDataMode: 'fields',
				triggerData: { mappingMode: 'defineBelow', value: null },
				...parameters,
			},
		};
	}

	function triggerDataFields(
		flowId: string,
		credential = demo,
	): Promise<ResourceMapperFieldsResult> {
		return withLogs(() =>
			client.resourceMapperFields({
				...base(credential, { flowId: { __rl: true, mode: 'list', value: flowId } }),
				path: 'parameters.triggerData',
				methodName: 'getTriggerDataFields',
			}),
		);
	}

	before(async () => {
		emu = await startEmulator({ port: 0 });
		home = await createN8nHome({ prefix: 'genesys-builder' });
		await installProject(home.nodesDir);
		server = await startN8nServer(home);
		client = await ownerClient(server);
		demo = await createCredential('Genesys Cloud (local emulator)', seedClients.demo);
		noFlowView = await createCredential('Genesys Cloud (no flow view)', seedClients.noFlowView);
		wrongSecret = await createCredential('Genesys Cloud (wrong secret)', {
			clientId: seedClients.demo.clientId,
			clientSecret: 'not-the-secret',
		});
	});

	after(async () => {
		await server?.stop();
		home?.cleanup();
		await emu?.close();
	});

	test('the editor knows the node and its credential under their production names', async () => {
		const nodeTypes = await client.knownNodeTypes();
		const node = nodeTypes.find((t) => t.name === GENESYS_NODE_TYPE);
		assert.ok(node, `${GENESYS_NODE_TYPE} is listed`);
		assert.equal(node.displayName, 'Genesys Cloud');
		const credentialTypes = await client.knownCredentialTypes();
		assert.ok(credentialTypes.some((t) => t.name === GENESYS_CREDENTIAL_TYPE));
	});

	test('the Flow list shows published workflows by name, page by page, and its search filters them', async () => {
		const search = (filter?: string, paginationToken?: string) =>
			withLogs(() =>
				client.resourceLocatorResults({
					...base(demo),
					path: 'parameters.flowId',
					methodName: 'searchWorkflows',
					...(filter !== undefined ? { filter } : {}),
					...(paginationToken !== undefined ? { paginationToken } : {}),
				}),
			);

		// Without a search: every published workflow, sorted by name, one API page (100) per list page.
		const pages = [await search()];
		while (pages.at(-1)!.paginationToken !== undefined && pages.length < 10) {
			pages.push(await search(undefined, String(pages.at(-1)!.paginationToken)));
		}
		assert.equal(pages.length, 2, "the seed's 112 published workflows fill two pages");
		assert.equal(pages[0].results.length, 100);
		const results = pages.flatMap((p) => p.results);
		const names = results.map((r) => r.name);
		assert.equal(new Set(names).size, names.length, 'pages do not repeat flows');
		assert.deepEqual(
			[...names].sort((a, b) => a.localeCompare(b)),
			names,
			'sorted by name',
		);
		for (const shown of [
			'All input types',
			'Customer follow-up',
			'No inputs',
			'Bulk workflow 001',
		]) {
			assert.ok(names.includes(shown), `the list holds "${shown}"`);
		}
		assert.equal(
			results.find((r) => r.name === 'Customer follow-up')?.value,
			seedIds.demo,
			'the value is the flow id',
		);
		for (const hidden of [
			'Main IVR',
			'Unpublished workflow',
			'Deleted workflow',
			'Bulk inbound call 010',
		]) {
			assert.ok(!names.includes(hidden), `"${hidden}" cannot be launched and is not listed`);
		}

		// The search box: a part of the name, any case.
		const searched = await search('FOLLOW');
		assert.deepEqual(
			searched.results.map((r) => [r.name, r.value]),
			[['Customer follow-up', seedIds.demo]],
		);
		assert.equal(searched.paginationToken, undefined);
		const bulk = await search('bulk workflow 00');
		assert.deepEqual(
			bulk.results.map((r) => r.name),
			['001', '002', '003', '004', '005', '006', '007', '008', '009'].map(
				(n) => `Bulk workflow ${n}`,
			),
		);
		assert.deepEqual((await search('no such flow')).results, []);
	});

	test('the Trigger Data fields of "Customer follow-up" (real dialect) have names without Flow., types, none required', async () => {
		const { fields } = await triggerDataFields(seedIds.demo);
		assert.deepEqual(
			fields.map((f) => [f.id, f.type, f.required]),
			[
				['customerId', 'string', false],
				['customerName', 'string', false],
				['email', 'string', false],
				['priority', 'number', false],
				['tags', 'array', false],
			],
		);
		for (const field of fields) {
			assert.ok(
				!field.id.includes('Flow.') && !field.displayName.includes('Flow.'),
				`no Flow. prefix: ${field.displayName}`,
			);
			assert.ok(
				field.displayName.startsWith(field.id),
				`the label starts with the variable name: ${field.displayName}`,
			);
			assert.equal(field.display, true);
		}
		assert.equal(fields.find((f) => f.id === 'priority')!.displayName, 'priority (Integer)');
		assert.equal(fields.find((f) => f.id === 'tags')!.displayName, 'tags (String list)');
	});

	test('the Trigger Data fields of "All input types" (real dialect) map every Architect type', async () => {
		const { fields } = await triggerDataFields(seedIds.allTypes);
		const byId = new Map(fields.map((f) => [f.id, f]));
		const expected: Array<[string, string, boolean]> = [
			['stringInput', 'string', false],
			['integerInput', 'number', false],
			['decimalInput', 'number', false],
			['booleanInput', 'boolean', false],
			['dateInput', 'dateTime', false],
			['dateTimeInput', 'dateTime', false],
			['jsonInput', 'object', false],
			['stringCollection', 'array', false],
			['integerCollection', 'array', false],
			// Architect has no enum type: in the real dialect an enum-like input is a plain String.
			['colour', 'string', false],
		];
		assert.deepEqual(
			[...byId.keys()].sort(),
			expected.map(([id]) => id).sort(),
			'one field per input variable, named without Flow.',
		);
		for (const [id, type, required] of expected) {
			const field = byId.get(id)!;
			assert.equal(field.type, type, `${id} is a ${type} field`);
			assert.equal(field.required, required, `${id} required: ${required}`);
		}
	});

	test('node version 2: the Flow Version list, published first and marked, searchable; the fields follow the version', async () => {
		const listed = (await client.knownNodeTypes()).find((t) => t.name === GENESYS_NODE_TYPE);
		assert.deepEqual(listed?.version, [1, 2], 'both node versions are known to the editor');
		const multiVersion = { __rl: true, mode: 'list', value: seedIds.multiVersion };
		const atVersion = (version: number, flowVersion: unknown) => ({
			...base(demo, { flowId: multiVersion, flowVersion }),
			nodeTypeAndVersion: { name: GENESYS_NODE_TYPE, version },
		});
		const versions = (filter?: string) =>
			withLogs(() =>
				client.resourceLocatorResults({
					...atVersion(2, { __rl: true, mode: 'list', value: '' }),
					path: 'parameters.flowVersion',
					methodName: 'searchFlowVersions',
					...(filter !== undefined ? { filter } : {}),
				}),
			);
		const list = await versions();
		assert.deepEqual(list.results, [
			{ name: '3.0 (published)', value: '3.0' },
			{ name: '2.0', value: '2.0' },
			{ name: '1.0', value: '1.0' },
		]);
		assert.equal(list.paginationToken, undefined);
		assert.deepEqual(
			(await versions('2')).results.map((r) => r.value),
			['2.0'],
		);

		const fieldsOf = (version: number, flowVersion: unknown) =>
			withLogs(() =>
				client.resourceMapperFields({
					...atVersion(version, flowVersion),
					path: 'parameters.triggerData',
					methodName: 'getTriggerDataFields',
				}),
			);
		const picked = await fieldsOf(2, {
			__rl: true,
			mode: 'list',
			value: '2.0',
			cachedResultName: '2.0',
		});
		assert.deepEqual(
			picked.fields.map((f) => f.id),
			['v2Number'],
		);
		// A workflow saved with node version 1 keeps Flow Version as text.
		const saved = await fieldsOf(1, '1.0');
		assert.deepEqual(
			saved.fields.map((f) => f.id),
			['v1Text'],
		);
	});

	test('a flow without inputs gives no fields and a notice saying so', async () => {
		const result = await triggerDataFields(seedIds.noInputs);
		assert.deepEqual(result.fields, []);
		assert.match(String(result.emptyFieldsNotice), /"No inputs" has no input variables/);
	});

	test('the credential Test button: OK for the demo client, clear messages for a missing permission and a wrong secret', async () => {
		assert.deepEqual(await withLogs(() => client.testStoredCredential(demo.id)), {
			status: 'OK',
			message: 'Connection successful!',
		});

		const noView = await withLogs(() => client.testStoredCredential(noFlowView.id));
		assert.equal(noView.status, 'Error');
		if (selectedLine().name === '1.x') {
			// n8n 1.x drops the HTTP answer before it checks the credential's response-code rules (README:
			// Supported n8n versions); the node's own errors still name the permission (next test).
			assert.equal(noView.message, 'Forbidden - perhaps check your credentials?');
		} else {
			assert.match(noView.message, /architect:flow:view/);
		}

		const wrong = await withLogs(() => client.testStoredCredential(wrongSecret.id));
		assert.equal(wrong.status, 'Error');
		assert.match(wrong.message, /Client ID or Client Secret/);
		assert.ok(
			wrong.message.includes(emu.url),
			`the message names the login host ${emu.url}: ${wrong.message}`,
		);
		assert.ok(!wrong.message.includes('not-the-secret'), 'the message never shows the secret');
	});

	test('a dynamic-parameter call with a credential that cannot read flows fails with n8n’s error', async () => {
		await assert.rejects(
			client.resourceLocatorResults({
				...base(noFlowView),
				path: 'parameters.flowId',
				methodName: 'searchWorkflows',
			}),
			(error: unknown) => {
				assert.ok(error instanceof N8nRestError, String(error));
				assert.ok(error.status >= 400, `status ${error.status}`);
				assert.match(error.message, /architect:flow:view|permission/i);
				return true;
			},
		);
	});
});
