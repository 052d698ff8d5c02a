/**
 * The real n8n (2.41.1) editor in headless Chromium (Debian's `chromium`, driven by playwright-core), with the
 * package installed the way n8n installs community packages and the emulator behind the credential: a builder adds
 * the Genesys Cloud node through the "+" search, picks the credential and a flow from the list, and sees the flow's
 * Trigger Data fields; the README's example workflow runs from the editor and the node shows each customer's result.
 *
 * Screenshots go to a temp folder under `.tmp/` (removed afterwards; KEEP_E2E_TMP=1 keeps it), or to
 * `docs/screenshots/` with UPDATE_SCREENSHOTS=1 (the README's pictures). A failing step saves the page to
 * `.tmp/e2e-failures/` and reports the browser's errors and the n8n server log's tail.
 *
 * One n8n instance, one server and one browser for the file. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { startEmulator, type RunningEmulator } from '../../emulator';
import {
	GENESYS_NODE_NAME,
	GENESYS_NODE_TYPE,
	emptyWorkflow,
	emulatorCredential,
	exampleWorkflow,
	seedClients,
	seedIds,
} from './fixtures/genesys';
import { Editor } from './support/editor';
import { installProject } from './support/installPackage';
import { createN8nHome, type N8nHome, type WorkflowImport } from './support/n8nProcess';
import type { N8nRestClient } from './support/n8nRest';
import { ownerClient, startN8nServer, type N8nServer } from './support/n8nServer';
import { makeTempDir, PROJECT_ROOT, TMP_ROOT, type TempDir } from './support/tempDir';

const UPDATE = process.env.UPDATE_SCREENSHOTS === '1';
const DOCS_SCREENSHOTS = path.join(PROJECT_ROOT, 'docs', 'screenshots');
const VIEWPORT = { width: 1280, height: 800 };
const DEMO_CREDENTIAL_NAME = 'Genesys Cloud (local emulator)';
const OTHER_CREDENTIAL_NAME = 'Genesys Cloud (read-only client)';
const TRIGGER_DATA_FIELDS = ['customerId', 'customerName', 'email', 'priority', 'tags'];
const TOOL_NODE_NAME = 'Launch customer follow-up';
/** The value n8n's editor writes when a builder lets the model define a parameter (its ✨ button). */
const MODEL_DEFINED = /^=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('(\w+)', /;

/** A chat-driven AI Agent with a model and the Genesys Cloud tool, no flow picked yet: what a builder starts from. */
function agentWorkflow(
	genesys: { id: string; name: string },
	openAi: { id: string; name: string },
): WorkflowImport {
	return {
		id: 'unused',
		name: 'Support agent',
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'a9e70000-0000-4000-8000-000000000001',
				name: 'When chat message received',
				type: '@n8n/n8n-nodes-langchain.chatTrigger',
				typeVersion: 1.3,
				position: [0, 0],
				parameters: { options: {} },
				webhookId: 'a9e70000-0000-4000-8000-0000000000ff',
			},
			{
				id: 'a9e70000-0000-4000-8000-000000000002',
				name: 'AI Agent',
				type: '@n8n/n8n-nodes-langchain.agent',
				typeVersion: 3.1,
				position: [260, 0],
				parameters: { options: {} },
			},
			{
				id: 'a9e70000-0000-4000-8000-000000000003',
				name: 'OpenAI Chat Model',
				type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
				typeVersion: 1.3,
				position: [180, 220],
				parameters: {
					model: { __rl: true, mode: 'id', value: 'gpt-4o-mini' },
					responsesApiEnabled: false,
					options: {},
				},
				credentials: { openAiApi: openAi },
			},
			{
				id: 'a9e70000-0000-4000-8000-000000000004',
				name: TOOL_NODE_NAME,
				type: `${GENESYS_NODE_TYPE}Tool`,
				typeVersion: 2,
				position: [420, 220],
				parameters: {},
				credentials: { genesysCloudOAuth2Api: genesys },
			},
		],
		connections: {
			'When chat message received': { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': {
				ai_languageModel: [[{ node: 'AI Agent', type: 'ai_languageModel', index: 0 }]],
			},
			[TOOL_NODE_NAME]: { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
		},
	};
}

/** Polls `check` until it holds; fails with `what` after `timeoutMs`. */
async function waitUntil(
	check: () => Promise<boolean>,
	what: string,
	timeoutMs = 30_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await check())) {
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

describe(
	'Genesys Cloud node in the real n8n editor (headless Chromium)',
	{ timeout: 10 * 60_000 },
	() => {
		let emu: RunningEmulator;
		let home: N8nHome;
		let server: N8nServer;
		let client: N8nRestClient;
		let editor: Editor;
		let shots: TempDir;
		let demoCredential: { id: string; name: string };
		let emptyWorkflowId: string;
		let exampleWorkflowId: string;
		let agentWorkflowId: string;

		/** Runs a step; on failure saves the page and adds the browser's errors and the server log's tail. */
		async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
			try {
				return await fn();
			} catch (error) {
				let saved = '';
				if (editor) {
					const file = path.join(
						TMP_ROOT,
						'e2e-failures',
						`${name.replace(/[^\w-]+/g, '-')}-${Date.now()}.png`,
					);
					saved = await editor.screenshot(file).then(
						(f) => `\n--- page saved to ${f}`,
						() => '',
					);
				}
				const problems = editor?.problems.slice(-10).join('\n') ?? '';
				const log = server?.logs().split('\n').slice(-25).join('\n') ?? '';
				if (error instanceof Error) {
					error.message += `${saved}\n--- browser errors (last 10)\n${problems}\n--- n8n server log (tail)\n${log}`;
				}
				throw error;
			}
		}

		/** Closes n8n's toasts ("Workflow executed successfully") and moves the mouse out of the way. */
		async function dismissToasts() {
			const close = editor.page.locator('.el-notification .el-notification__closeBtn');
			for (let i = await close.count(); i > 0; i--)
				await close
					.first()
					.click({ timeout: 5_000 })
					.catch(() => undefined);
			await editor.page
				.locator('.el-notification')
				.first()
				.waitFor({ state: 'hidden', timeout: 5_000 })
				.catch(() => undefined);
			await editor.page.mouse.move(5, 5);
		}

		/** Searches the open flow list and picks the only flow the search leaves. */
		async function pickFlow(search: string, flowName: string) {
			const page = editor.page;
			// rlc-search is the search input itself, or wraps it (n8n's design-system input).
			await page
				.locator('input[data-test-id="rlc-search"], [data-test-id="rlc-search"] input')
				.first()
				.fill(search);
			const items = page.locator('[data-test-id="rlc-item"]');
			await waitUntil(
				async () => (await items.count()) === 1,
				'the search leaves one flow in the list',
			);
			assert.deepEqual(
				(await items.allTextContents()).map((n) => n.trim()),
				[flowName],
			);
			await items.first().click();
		}

		/**
		 * The stored workflow's node (by name, or the one `which` picks) once `ready` holds for it: n8n 2.41 saves
		 * edits on its own, a little after they are made.
		 */
		async function savedNode(
			workflowId: string,
			which: string | ((node: Record<string, unknown>) => boolean),
			ready: (node: Record<string, unknown>) => boolean,
			what: string,
		): Promise<Record<string, unknown>> {
			const pick =
				typeof which === 'string' ? (n: Record<string, unknown>) => n.name === which : which;
			let node: Record<string, unknown> | undefined;
			await waitUntil(
				async () => {
					const workflow = await client.getWorkflow(workflowId);
					node = (workflow.nodes as Array<Record<string, unknown>>).find(pick);
					return !!node && ready(node);
				},
				what,
				20_000,
			);
			return node!;
		}

		async function createWorkflow(workflow: WorkflowImport): Promise<string> {
			return (await client.createWorkflow(workflow)).id;
		}

		before(async () => {
			emu = await startEmulator({ port: 0, knobs: { executionDurationScale: 0.3 } });
			home = await createN8nHome({ prefix: 'genesys-editor' });
			await installProject(home.nodesDir);
			server = await startN8nServer(home);
			client = await ownerClient(server);
			// Two credentials of the type, so that the builder really picks one (n8n preselects the newest).
			for (const [name, oauthClient] of [
				[DEMO_CREDENTIAL_NAME, seedClients.demo],
				[OTHER_CREDENTIAL_NAME, seedClients.noLaunch],
			] as const) {
				const { type, data } = emulatorCredential(emu.url, 'unused', name, oauthClient);
				const created = await client.post<{ id: string; name: string }>('/rest/credentials', {
					name,
					type,
					data,
				});
				if (name === DEMO_CREDENTIAL_NAME) demoCredential = { id: created.id, name: created.name };
			}
			emptyWorkflowId = await createWorkflow(emptyWorkflow('unused', 'Launch a Genesys workflow'));
			const example = exampleWorkflow('unused');
			for (const node of example.nodes as Array<{ credentials?: Record<string, unknown> }>) {
				if (node.credentials) node.credentials = { genesysCloudOAuth2Api: demoCredential };
			}
			exampleWorkflowId = await createWorkflow(example);
			// The model is never called here: the OpenAI credential points at a closed port.
			const openAi = await client.post<{ id: string; name: string }>('/rest/credentials', {
				name: 'OpenAI (not called)',
				type: 'openAiApi',
				data: { apiKey: 'sk-not-used', url: 'http://127.0.0.1:9/v1' },
			});
			agentWorkflowId = await createWorkflow(
				agentWorkflow(demoCredential, { id: openAi.id, name: openAi.name }),
			);
			shots = UPDATE ? { path: DOCS_SCREENSHOTS, remove() {} } : makeTempDir('editor-screenshots');
			// Generous timeouts: the first page load of the editor fetches a few hundred scripts (slow on a busy CI machine).
			editor = await Editor.launch({ viewport: VIEWPORT, timeoutMs: 60_000 });
		});

		after(async () => {
			await editor?.close();
			await server?.stop();
			home?.cleanup();
			shots?.remove();
			await emu?.close();
		});

		test('a builder adds the node, picks the credential and a flow from the list, and sees its Trigger Data fields', async () => {
			const page = editor.page;
			await step('sign-in', () => editor.signInToWorkflow(server.baseUrl, emptyWorkflowId));
			const ndv = await step('add-node', () =>
				editor.addNode('Genesys Cloud', 'Genesys Cloud', 'Launch a workflow'),
			);

			await step('pick-credential', async () => {
				const select = ndv.locator('[data-test-id="node-credentials-select"]');
				await select.click();
				await page
					.locator(`[data-test-id="node-credentials-select-item-${demoCredential.id}"]`)
					.click();
				await waitUntil(
					async () => (await editor.fieldValues(select)).includes(DEMO_CREDENTIAL_NAME),
					`the credential select shows "${DEMO_CREDENTIAL_NAME}"`,
				);
			});

			const flowPicker = editor.parameter('flowId');
			await step('open-flow-list', async () => {
				await ndv
					.locator('[data-test-id="resource-locator-flowId"] [data-test-id="rlc-input"]')
					.click();
				await page
					.locator('[data-test-id="rlc-item"]', { hasText: 'All input types' })
					.first()
					.waitFor();
				const listed = await page.locator('[data-test-id="rlc-item"]').allTextContents();
				const names = listed.map((n) => n.trim());
				assert.ok(
					names.includes('Always fails'),
					`published workflows are listed: ${names.slice(0, 10).join(', ')}…`,
				);
				for (const hidden of ['Main IVR', 'Unpublished workflow', 'Deleted workflow']) {
					assert.ok(!names.includes(hidden), `"${hidden}" is not listed`);
				}
				await page.mouse.move(5, 5);
				await editor.screenshot(path.join(shots.path, 'flow-list.png'));
			});

			await step('search-and-pick-flow', async () => {
				await pickFlow('follow', 'Customer follow-up');
				assert.ok(
					(await editor.fieldValues(flowPicker)).includes('Customer follow-up'),
					'the picker shows the flow',
				);
			});

			await step('trigger-data-fields', async () => {
				const fields = ndv.locator('[data-test-id="mapping-fields-container"]');
				for (const id of TRIGGER_DATA_FIELDS)
					await fields.locator(`[data-test-id="parameter-input-${id}"]`).waitFor();
				const labels = (await fields.locator('[data-test-id="input-label"]').allTextContents()).map(
					(l) => l.trim(),
				);
				const fieldLabels = labels.filter((l) =>
					TRIGGER_DATA_FIELDS.some((id) => l.startsWith(`${id} `) || l === id),
				);
				assert.deepEqual(
					fieldLabels.map((l) => l.split(/[\s(]/)[0]),
					TRIGGER_DATA_FIELDS,
					`one field per input, in order, without Flow. (labels: ${JSON.stringify(labels)})`,
				);
				assert.ok(
					labels.every((l) => !l.includes('Flow.')),
					`no label shows the Flow. prefix: ${JSON.stringify(labels)}`,
				);
				assert.match(
					labels.find((l) => l.startsWith('priority'))!,
					/^priority \(Integer\)/,
				);
				// A real schema marks no input required: every field can be removed, and the notice says what an empty one means.
				for (const id of TRIGGER_DATA_FIELDS)
					await fields.locator(`[data-test-id="remove-field-button-${id}"]`).waitFor();
				await ndv.getByText('Empty fields are not sent', { exact: false }).first().waitFor();
				// Scroll the panel so that the Flow picker is at the top and the fields below it are in view.
				await ndv
					.locator('[data-test-id="resource-locator-flowId"]')
					.evaluate((el) =>
						el.closest('[data-test-id="parameter-item"]')?.scrollIntoView({ block: 'start' }),
					);
				await page.mouse.move(5, 5);
				await editor.screenshot(path.join(shots.path, 'node-trigger-data.png'));
			});

			await step('flow-version-list', async () => {
				// Node version 2: Flow Version is picked from the flow's versions; empty means the latest published.
				const input = ndv.locator(
					'[data-test-id="resource-locator-flowVersion"] [data-test-id="rlc-input"]',
				);
				const placeholder = await input.evaluate((el) =>
					(el.tagName === 'INPUT' ? el : el.querySelector('input'))?.getAttribute('placeholder'),
				);
				assert.equal(placeholder, 'Latest published version');
				await input.click();
				const items = page.locator('[data-test-id="rlc-item"]');
				await items.filter({ hasText: '1.0 (published)' }).first().waitFor();
				assert.deepEqual(
					(await items.allTextContents()).map((n) => n.trim()),
					['1.0 (published)'],
				);
				await page.keyboard.press('Escape');
			});

			await step('saved-workflow', async () => {
				await editor.closeNode();
				// The stored workflow holds the node with the chosen flow and credential.
				const node = await savedNode(
					emptyWorkflowId,
					(n) => n.type === GENESYS_NODE_TYPE,
					(n) => (n.parameters as { flowId?: { value?: string } }).flowId?.value === seedIds.demo,
					'the stored workflow holds the Genesys Cloud node with the chosen flow',
				);
				const parameters = node.parameters as { flowId: { value: string; mode: string } };
				assert.equal(
					parameters.flowId.value,
					seedIds.demo,
					`saved parameters: ${JSON.stringify(parameters)}`,
				);
				assert.equal(parameters.flowId.mode, 'list');
				assert.equal(node.typeVersion, 2, 'a new node gets the latest node version');
				assert.deepEqual(node.credentials, { genesysCloudOAuth2Api: demoCredential });
			});
		});

		test('the example workflow runs from the editor and the node shows each customer’s result', async () => {
			const page = editor.page;
			await step('open-example', () => editor.openWorkflow(server.baseUrl, exampleWorkflowId));
			assert.equal(await page.locator('[data-test-id="canvas-node"]').count(), 4);

			await step('execute-example', async () => {
				await page.locator('[data-test-id="execute-workflow-button"]').click();
				await waitUntil(
					async () => emu.executions().filter((e) => e.status === 'COMPLETED').length === 3,
					'the emulator has three completed executions',
					60_000,
				);
			});

			await step('node-output', async () => {
				const ndv = await editor.openNode(GENESYS_NODE_NAME);
				const output = ndv.locator('[data-test-id="output-panel"]');
				await output
					.locator('[data-test-id="ndv-items-count"]', { hasText: '3 items' })
					.waitFor({ timeout: 60_000 });
				await output.locator('[data-test-id="radio-button-json"]').click();
				const data = output.locator('[data-test-id="ndv-data-container"]', {
					hasText: 'Hello Ada Lovelace',
				});
				await data.waitFor();
				const text = (await data.textContent()) ?? '';
				for (const shown of ['COMPLETED', 'Customer follow-up', 'greeting', 'Ada Lovelace']) {
					assert.ok(text.includes(shown), `the output shows ${shown}`);
				}
				await dismissToasts();
				await editor.screenshot(path.join(shots.path, 'node-output.png'));
				await editor.closeNode();
			});

			await step('canvas', async () => {
				await page.locator('[data-test-id="zoom-to-fit"]').click();
				// Deselect the node: a click on empty canvas, below the nodes.
				await page.mouse.click(VIEWPORT.width / 2, VIEWPORT.height - 160);
				await dismissToasts();
				await editor.screenshot(path.join(shots.path, 'workflow-canvas.png'));
			});

			for (const file of [
				'flow-list.png',
				'node-trigger-data.png',
				'node-output.png',
				'workflow-canvas.png',
			]) {
				const png = fs.readFileSync(path.join(shots.path, file));
				assert.equal(png.subarray(1, 4).toString(), 'PNG', `${file} is a PNG`);
				assert.ok(png.length > 20_000, `${file} is a real screenshot (${png.length} bytes)`);
			}
		});
		test("as an AI Agent's tool, picking a flow fills every Trigger Data field with its model-defined argument, saved with the workflow", async () => {
			const page = editor.page;
			await step('open-agent', () => editor.openWorkflow(server.baseUrl, agentWorkflowId));
			const ndv = await step('open-tool', () => editor.openNode(TOOL_NODE_NAME));

			await step('tool-description', async () => {
				const description = editor.parameter('toolDescription');
				await description.waitFor();
				assert.match(
					(await description.textContent()) ?? '',
					/Launches the Genesys Cloud workflow/,
					'the tool description is there, written to name the flow',
				);
			});

			await step('pick-flow', async () => {
				await ndv
					.locator('[data-test-id="resource-locator-flowId"] [data-test-id="rlc-input"]')
					.click();
				await pickFlow('follow', 'Customer follow-up');
			});

			const fields = ndv.locator('[data-test-id="mapping-fields-container"]');
			const overrides = fields.locator('[data-test-id="fromAI-override-field"]');
			await step('fields-defined-by-the-model', async () => {
				await waitUntil(
					async () => (await overrides.count()) === TRIGGER_DATA_FIELDS.length,
					'every field shows "Defined automatically by the model"',
				);
				// Each field reads: its label, then "Defined automatically by the model", then the description box.
				const lines = (await fields.innerText()).split('\n').map((l) => l.trim());
				const labels = lines.filter(
					(_, i) => lines[i + 1] === 'Defined automatically by the model',
				);
				assert.deepEqual(labels, TRIGGER_DATA_FIELDS, 'labels are the bare variable names');
				const descriptions = await fields
					.locator('textarea')
					.evaluateAll((areas) =>
						areas.map((area) => (area as unknown as { value: string }).value),
					);
				assert.ok(
					descriptions.includes('Integer. 1 (low) to 5 (urgent); 3 and above escalates.'),
					`the argument descriptions are shown and editable: ${JSON.stringify(descriptions)}`,
				);
				await fields.evaluate((el) =>
					el.closest('[data-test-id="parameter-item"]')?.scrollIntoView({ block: 'start' }),
				);
				await page.mouse.move(5, 5);
				await editor.screenshot(path.join(shots.path, 'tool-trigger-data.png'));
			});

			const modelKeys = (node: Record<string, unknown>) => {
				const value = (node.parameters as { triggerData?: { value?: Record<string, unknown> } })
					.triggerData?.value;
				return Object.fromEntries(
					Object.entries(value ?? {}).map(([id, v]) => [id, MODEL_DEFINED.exec(String(v))?.[1]]),
				);
			};
			await step('saved-arguments', async () => {
				const node = await savedNode(
					agentWorkflowId,
					TOOL_NODE_NAME,
					(n) => Object.values(modelKeys(n)).filter(Boolean).length === TRIGGER_DATA_FIELDS.length,
					'the stored tool node holds a model-defined value per field',
				);
				assert.deepEqual(
					modelKeys(node),
					Object.fromEntries(TRIGGER_DATA_FIELDS.map((id) => [id, id])),
				);
			});

			await step('the-editor-button-makes-a-clean-key', async () => {
				// Taken back, the value becomes a plain expression; the ✨ button then writes n8n's own override,
				// whose key n8n makes from the field's label.
				await overrides
					.nth(TRIGGER_DATA_FIELDS.indexOf('priority'))
					.locator('[class*="overrideCloseButton"]')
					.click();
				await savedNode(
					agentWorkflowId,
					TOOL_NODE_NAME,
					(n) => modelKeys(n).priority === undefined,
					'the stored priority is no longer model-defined',
				);
				await fields.locator('[data-test-id="from-ai-override-button"]').first().click();
				const node = await savedNode(
					agentWorkflowId,
					TOOL_NODE_NAME,
					(n) => modelKeys(n).priority !== undefined,
					"the editor's button made priority model-defined again",
				);
				assert.equal(modelKeys(node).priority, 'priority');
			});

			await step('agent-canvas', async () => {
				await editor.closeNode();
				assert.match(
					(await editor.canvasNode(TOOL_NODE_NAME).textContent()) ?? '',
					/Launch Customer follow-up/,
					"the node's subtitle names the flow",
				);
				await page.locator('[data-test-id="zoom-to-fit"]').click();
				await page.mouse.click(VIEWPORT.width / 2, VIEWPORT.height - 120);
				await dismissToasts();
				await editor.screenshot(path.join(shots.path, 'agent-canvas.png'));
			});

			for (const file of ['tool-trigger-data.png', 'agent-canvas.png']) {
				const png = fs.readFileSync(path.join(shots.path, file));
				assert.equal(png.subarray(1, 4).toString(), 'PNG', `${file} is a PNG`);
				assert.ok(png.length > 20_000, `${file} is a real screenshot (${png.length} bytes)`);
			}
		});
	},
);
