/**
 * Tests of the real-n8n toolkit itself (test/e2e/support), against the selected n8n (the pinned 2.x unless
 * N8N_E2E_LINE says otherwise: scripts/n8nRuntime.ts) with stock nodes and a
 * tiny probe package installed the way n8n installs community packages. The first run installs n8n
 * (~5 min, see scripts/n8nRuntime.ts); afterwards the suite takes about 1.5–2 minutes.
 *
 * One n8n instance for the whole file: CLI commands first, then one server for the REST and editor tests.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { n8nVersion, selectedLine } from '../../scripts/n8nRuntime';
import { Editor } from './support/editor';
import { installProject, type InstalledPackage } from './support/installPackage';
import {
	createN8nHome,
	executeWorkflow,
	exportCredentials,
	importCredentials,
	importWorkflow,
	nodeOutput,
	runErrorMessage,
	type N8nHome,
	type WorkflowImport,
} from './support/n8nProcess';
import type { N8nRestClient } from './support/n8nRest';
import { ownerClient, startN8nServer, type N8nServer } from './support/n8nServer';
import {
	PROBE_CREDENTIAL_TYPE,
	PROBE_NODE_TYPE,
	PROBE_PACKAGE,
	writeProbePackage,
} from './support/probePackage';
import { STOCK_SET_NODE, stockWorkflow } from './support/stockWorkflow';
import { makeTempDir, type TempDir } from './support/tempDir';

const STOCK_ID = 'e2eStockWorkflow1';
const FAILING_ID = 'e2eFailingWorkflow1';
const PROBE_ID = 'e2eProbeWorkflow1';
const PROBE_CREDENTIAL = { id: 'e2eProbeCred1', name: 'Probe credential' };

function trigger(id: string) {
	return {
		id,
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

const failingWorkflow: WorkflowImport = {
	id: FAILING_ID,
	name: 'E2E stock: failing run',
	connections: { Start: { main: [[{ node: 'Fail', type: 'main', index: 0 }]] } },
	nodes: [
		trigger('8f4d7a3e-0f0e-4f3e-9a37-4d2b1b8e0001'),
		{
			id: '8f4d7a3e-0f0e-4f3e-9a37-4d2b1b8e0002',
			name: 'Fail',
			type: 'n8n-nodes-base.stopAndError',
			typeVersion: 1,
			position: [220, 0],
			parameters: { errorMessage: 'planned failure from the toolkit test' },
		},
	],
};

const probeWorkflow: WorkflowImport = {
	id: PROBE_ID,
	name: 'E2E probe package',
	connections: { Start: { main: [[{ node: 'Probe', type: 'main', index: 0 }]] } },
	nodes: [
		trigger('8f4d7a3e-0f0e-4f3e-9a37-4d2b1b8e0003'),
		{
			id: '8f4d7a3e-0f0e-4f3e-9a37-4d2b1b8e0004',
			name: 'Probe',
			type: PROBE_NODE_TYPE,
			typeVersion: 1,
			position: [220, 0],
			parameters: { label: 'installed like a community package' },
			credentials: { [PROBE_CREDENTIAL_TYPE]: PROBE_CREDENTIAL },
		},
	],
};

describe('real n8n toolkit', { timeout: 15 * 60_000 }, () => {
	let home: N8nHome;
	let probeSource: TempDir;
	let installed: InstalledPackage;

	before(async () => {
		home = await createN8nHome({ prefix: 'toolkit-test' });
		probeSource = writeProbePackage();
		installed = await installProject(home.nodesDir, probeSource.path);
		await importWorkflow(home, [stockWorkflow(STOCK_ID), failingWorkflow, probeWorkflow]);
		await importCredentials(home, [
			{ ...PROBE_CREDENTIAL, type: PROBE_CREDENTIAL_TYPE, data: { token: 'good' } },
		]);
	});

	after(() => {
		probeSource?.remove();
		home?.cleanup();
	});

	test('the selected runtime is installed and reports its version', () => {
		const line = selectedLine();
		assert.equal(home.runtime.dir, line.dir);
		assert.equal(n8nVersion(home.runtime.nodeBin, home.runtime.pathEnv, line.dir), line.version);
	});

	describe('headless CLI', () => {
		test('import:workflow + execute returns the Set node output', async () => {
			const result = await executeWorkflow(home, STOCK_ID);
			assert.ok(result.ok, `run failed: ${result.stdout.slice(-2000)}`);
			assert.ok(
				result.exitCode === 0 || result.crashedAfterRun,
				`exit ${result.exitCode ?? result.signal}`,
			);
			assert.deepEqual(nodeOutput(result.run!, STOCK_SET_NODE), [
				{ greeting: 'hello from n8n', answer: 42 },
			]);
		});

		test('a failing run resolves with the error message', async () => {
			const result = await executeWorkflow(home, FAILING_ID);
			assert.equal(result.ok, false);
			assert.ok(
				result.exitCode === 1 || result.crashedAfterRun,
				`exit ${result.exitCode ?? result.signal}`,
			);
			assert.equal(runErrorMessage(result.run!), 'planned failure from the toolkit test');
			assert.equal(result.run!.data.resultData.lastNodeExecuted, 'Fail');
		});

		test('a package installed the n8n way runs as <package>.<node> on n8n’s own n8n-workflow', async () => {
			assert.equal(installed.name, PROBE_PACKAGE);
			assert.equal(installed.dir, path.join(home.nodesDir, 'node_modules', PROBE_PACKAGE));
			const manifest = JSON.parse(
				fs.readFileSync(path.join(installed.dir, 'package.json'), 'utf8'),
			);
			assert.equal(manifest.peerDependencies, undefined, 'n8n strips peerDependencies on install');
			assert.deepEqual(
				JSON.parse(fs.readFileSync(path.join(home.nodesDir, 'package.json'), 'utf8')).dependencies,
				{
					[PROBE_PACKAGE]: '0.0.1',
				},
			);

			const result = await executeWorkflow(home, PROBE_ID);
			assert.ok(result.ok, `run failed: ${result.stdout.slice(-2000)}`);
			const [out] = nodeOutput(result.run!, 'Probe');
			assert.equal(out.label, 'installed like a community package');
			assert.equal(out.packageDir, path.join(installed.dir, 'dist', 'nodes'));
			assert.ok(
				String(out.n8nWorkflowPath).startsWith(
					path.join(home.runtime.dir, 'node_modules', 'n8n-workflow') + path.sep,
				),
				`the package must resolve n8n's n8n-workflow, got ${out.n8nWorkflowPath}`,
			);
		});

		test('export:credentials --decrypted reads back what n8n stored', async () => {
			const credentials = await exportCredentials(home);
			const probe = credentials.find((c) => c.id === PROBE_CREDENTIAL.id);
			assert.ok(probe, 'the imported credential is stored');
			assert.equal(probe.type, PROBE_CREDENTIAL_TYPE);
			assert.deepEqual(probe.data, { token: 'good' });
		});
	});

	describe('server, REST API and editor', () => {
		let server: N8nServer;
		let client: N8nRestClient;
		let editor: Editor | undefined;
		let shots: { path: string; remove(): void };

		before(async () => {
			// E2E_SCREENSHOT_DIR keeps the screenshots (to look at them); by default they go to a temp folder.
			const keep = process.env.E2E_SCREENSHOT_DIR;
			shots = keep ? { path: path.resolve(keep), remove() {} } : makeTempDir('screenshots');
			server = await startN8nServer(home);
			client = await ownerClient(server);
		});

		after(async () => {
			await editor?.close();
			await server?.stop();
			shots?.remove();
		});

		test('the server answers and the REST login gives an owner session', async () => {
			const health = await fetch(`${server.baseUrl}/healthz`);
			assert.equal(health.status, 200);
			const me = await client.currentUser();
			assert.equal(me.email, 'owner@e2e.test');
			assert.ok(client.authCookie);
		});

		test('the installed package is known to the editor without any database registration', async () => {
			const nodeTypes = await client.knownNodeTypes();
			assert.ok(nodeTypes.some((t) => t.name === PROBE_NODE_TYPE));
			assert.ok(nodeTypes.some((t) => t.name === 'n8n-nodes-base.set'));
			const credentialTypes = await client.knownCredentialTypes();
			assert.ok(credentialTypes.some((t) => t.name === PROBE_CREDENTIAL_TYPE));
			// The Community nodes settings list is fed by the installed_packages table only.
			assert.deepEqual(await client.get('/rest/community-packages'), []);
		});

		test('dynamic parameters come back through the editor’s REST endpoints', async () => {
			const base = {
				nodeTypeAndVersion: { name: PROBE_NODE_TYPE, version: 1 },
				currentNodeParameters: {
					label: 'x',
					thing: { __rl: true, mode: 'list', value: 'thing-2' },
				},
				credentials: { [PROBE_CREDENTIAL_TYPE]: PROBE_CREDENTIAL },
			};
			const options = await client.loadOptions({
				...base,
				path: 'parameters.color',
				methodName: 'getColors',
			});
			assert.deepEqual(
				options.map((o) => o.value),
				['red', 'green', 'blue', 'cyan'],
			);
			const list = await client.resourceLocatorResults({
				...base,
				path: 'parameters.thing',
				methodName: 'searchThings',
				filter: 'BLU',
			});
			assert.deepEqual(list.results, [{ name: 'Thing blue', value: 'thing-2' }]);
			const mapper = await client.resourceMapperFields({
				...base,
				path: 'parameters.fields',
				methodName: 'getThingFields',
			});
			assert.deepEqual(
				mapper.fields.map((f) => [f.id, f.displayName, f.type, f.required]),
				[
					['name', 'Name', 'string', true],
					['size', 'Size of thing-2', 'number', false],
				],
			);
		});

		test('the credential test runs on the stored credential', async () => {
			assert.deepEqual(await client.testStoredCredential(PROBE_CREDENTIAL.id), {
				status: 'OK',
				message: 'Connection successful!',
			});
			const bad = await client.testStoredCredential(PROBE_CREDENTIAL.id, { token: 'bad' });
			assert.equal(bad.status, 'Error');
		});

		test('the editor opens the workflow and the Set node panel; screenshots are written', async () => {
			editor = await Editor.launch();
			await editor.signInToWorkflow(server.baseUrl, STOCK_ID);
			assert.equal(await editor.page.locator('[data-test-id="canvas-node"]').count(), 2);
			const canvas = await editor.screenshot(path.join(shots.path, 'canvas.png'));
			const ndv = await editor.openNode(STOCK_SET_NODE);
			assert.match((await ndv.textContent()) ?? '', /Fields to Set/);
			const values = await editor.fieldValues();
			for (const shown of ['greeting', 'hello from n8n', 'answer', '42']) {
				assert.ok(
					values.includes(shown),
					`the panel shows ${shown} (fields: ${JSON.stringify(values)})`,
				);
			}
			const panel = await editor.screenshot(path.join(shots.path, 'set-node.png'));
			for (const file of [canvas, panel]) {
				const png = fs.readFileSync(file);
				assert.ok(png.length > 10_000, `${file} is a real screenshot`);
				assert.equal(png.subarray(1, 4).toString(), 'PNG');
			}
			await editor.closeNode();
		});

		test('the editor adds the installed package’s node, and its panel loads the resource mapper fields', async () => {
			assert.ok(editor, 'runs after the previous test opened the editor');
			// Only what adding the node causes: n8n 1.123's editor itself throws one error at sign-in (its version
			// check reads a setting that the disabled version notifications leave out).
			const problemsBefore = editor.problems.length;
			const ndv = await editor.addNode('E2E Probe', 'E2E Probe');
			const mapper = ndv.locator('[data-test-id="resource-mapper-container"]');
			await mapper.getByText('Size of').waitFor();
			assert.match((await mapper.textContent()) ?? '', /Name/);
			await editor.screenshot(path.join(shots.path, 'probe-node.png'));
			assert.deepEqual(
				editor.problems.slice(problemsBefore).filter((p) => p.startsWith('pageerror')),
				[],
			);
		});
	});
});
