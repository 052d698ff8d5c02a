/**
 * The Genesys Cloud node as an MCP tool in the real, pinned n8n (2.41.1): a published workflow with the MCP
 * Server Trigger and the Genesys Cloud tool (launching the emulator's "Customer follow-up" flow), and a client
 * built on the official `@modelcontextprotocol/sdk` over Streamable HTTP, as an MCP host connects to it.
 *
 * The credential and the workflow are made through n8n's REST API as the editor makes them (the tool's Trigger
 * Data fields are those n8n's resource-mapper endpoint answers for the tool's type, each field's value its
 * `defaultValue`), and the workflow is published with the editor's call, `POST /rest/workflows/:id/activate`
 * with the version to publish. n8n answers that before the MCP endpoint is registered, so the client retries its
 * connection on 404 for a while.
 *
 * Over MCP, n8n calls the tool in-process (`tool.invoke(args)`), so its zod schema (built from the `$fromAI()`
 * calls) checks the arguments' JSON types before the node runs; values of the right JSON type that do not fit
 * the flow reach the node. One n8n server for the file. Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';

import { startEmulator, type RunningEmulator } from '../../emulator';
import {
	DEMO_FLOW,
	DEMO_INPUTS,
	DEMO_VALID_ARGS,
	mcpWorkflow,
	toolTriggerDataFields,
	triggerDataFromFields,
} from './fixtures/aiWorkflows';
import { GENESYS_CREDENTIAL_TYPE, emulatorCredential, seedClients } from './fixtures/genesys';
import { writeArtifact } from './support/artifacts';
import { installProject } from './support/installPackage';
import { connectMcp, resultText, type McpSession, type McpTool } from './support/mcpClient';
import { createN8nHome, exportCredentials, type N8nHome } from './support/n8nProcess';
import { ownerClient, startN8nServer, type N8nServer } from './support/n8nServer';

const MCP_PATH = 'genesys-follow-up';
const WORKFLOW_NAME = 'MCP: Genesys follow-up tools';

/** A stack trace's frame, or a path into n8n's or this package's code: never for a caller to read. */
const STACK = /\n\s+at\s|node_modules|\.js:\d+/;

/** Connects to n8n's MCP endpoint, retrying while n8n has not registered it yet (404 after publishing). */
async function connectWhenPublished(url: string, timeoutMs = 30_000): Promise<McpSession> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await connectMcp(url);
		} catch (error) {
			const notYet = /\b404\b|not registered/.test(String((error as Error).message));
			if (!notYet || Date.now() > deadline) throw error;
			await new Promise((r) => setTimeout(r, 250));
		}
	}
}

describe('Genesys Cloud node as an MCP tool in the real n8n', { timeout: 10 * 60_000 }, () => {
	let emu: RunningEmulator;
	let home: N8nHome;
	let server: N8nServer;
	let session: McpSession;
	/** `tools/list` as answered right after connecting. */
	let listed: McpTool[];
	let tool: McpTool;

	/** Every launch request the emulator has received, whatever it answered. */
	const launchRequests = () =>
		Object.values(emu.stats().requests.launch ?? {}).reduce((n, count) => n + count, 0);

	/** Calls the tool; returns the answer, its text, and the launch requests and executions it caused. */
	async function call(args: Record<string, unknown>) {
		const requestsBefore = launchRequests();
		const executionsBefore = emu.executions().length;
		const result = await session.callTool(tool.name, args);
		return {
			result,
			text: resultText(result),
			launchRequests: launchRequests() - requestsBefore,
			executions: emu.executions().slice(executionsBefore),
		};
	}

	before(async () => {
		emu = await startEmulator({ port: 0, knobs: { executionDurationScale: 0.3 } });
		home = await createN8nHome({ prefix: 'genesys-mcp' });
		await installProject(home.nodesDir);
		server = await startN8nServer(home);
		const rest = await ownerClient(server);
		const { name, type, data } = emulatorCredential(emu.url, 'unused', 'Genesys Cloud (emulator)');
		const created = await rest.post<{ id: string; name: string }>('/rest/credentials', {
			name,
			type,
			data,
		});
		const genesys = { id: created.id, name: created.name };
		const fields = await toolTriggerDataFields(rest, genesys, DEMO_FLOW.flowId);
		const workflow = await rest.createWorkflow(
			mcpWorkflow({
				name: WORKFLOW_NAME,
				path: MCP_PATH,
				tool: {
					...DEMO_FLOW,
					credential: genesys,
					triggerData: triggerDataFromFields(fields),
				},
			}),
		);
		// The editor's Publish button: activate the saved version.
		await rest.activateWorkflow(workflow.id, workflow.versionId);
		session = await connectWhenPublished(`${server.baseUrl}/mcp/${MCP_PATH}`);
		listed = await session.listTools();
		assert.equal(listed.length, 1, `one tool is listed: ${JSON.stringify(listed)}`);
		tool = listed[0];
	});

	after(async () => {
		await session?.close();
		await server?.stop();
		home?.cleanup();
		await emu?.close();
	});

	test('the tool is listed with one argument per input of the flow, typed and described, and names the flow', (t: TestContext) => {
		t.diagnostic(`tools/list: ${JSON.stringify(listed)}`);
		assert.match(tool.description ?? '', /Customer follow-up/, 'the description names the flow');
		const schema = tool.inputSchema;
		const properties = schema.properties as Record<string, { type?: string; description?: string }>;
		assert.equal(schema.type, 'object');
		assert.deepEqual(Object.keys(properties), DEMO_INPUTS, 'one argument per input');
		assert.deepEqual([...(schema.required ?? [])].sort(), [...DEMO_INPUTS].sort());
		for (const name of ['customerId', 'customerName', 'email'])
			assert.equal(properties[name].type, 'string', `${name} is a string`);
		assert.equal(properties.priority.type, 'number');
		assert.equal(properties.tags.type, undefined, 'the list is json (no JSON Schema type)');
		assert.match(properties.priority.description ?? '', /^Integer\b/);
		assert.match(properties.tags.description ?? '', /^A list of up to 2,000 strings\b/);
	});

	test('a valid call launches exactly one execution and answers its ID', async (t: TestContext) => {
		const { result, text, launchRequests: sent, executions } = await call(DEMO_VALID_ARGS);
		t.diagnostic(`answer: ${text}`);
		assert.notEqual(result.isError, true, `the call succeeds: ${text}`);
		assert.equal(sent, 1, 'one launch request');
		assert.equal(executions.length, 1);
		const [execution] = executions;
		t.diagnostic(`execution name in Genesys Cloud: ${execution.name}`);
		assert.deepEqual(execution.inputData, {
			'Flow.customerId': 'C-1001',
			'Flow.customerName': 'Ada Lovelace',
			'Flow.email': 'ada@example.com',
			'Flow.priority': 4,
			'Flow.tags': ['vip', 'billing'],
		});
		assert.ok(text.includes(execution.id), `the answer holds the execution ID: ${text}`);
		assert.doesNotMatch(text, /inputSchema|outputSchema|selfUri/);
		assert.ok(execution.name?.includes(WORKFLOW_NAME), `name: ${execution.name}`);
		assert.doesNotMatch(execution.name ?? '', /#manual/);
		assert.match(execution.name ?? '', /tool/i, 'the name says the launch came from a tool');
	});

	test('a number that is no Integer reaches the node and is refused with what to send; nothing is launched', async (t: TestContext) => {
		const {
			result,
			text,
			launchRequests: sent,
		} = await call({ ...DEMO_VALID_ARGS, priority: 2.5 });
		t.diagnostic(`priority 2.5 → isError ${result.isError}: ${text}`);
		assert.equal(result.isError, true, `the call is refused: ${text}`);
		assert.match(text, /priority/, 'names the argument');
		assert.match(text, /integer/i, 'says what is expected');
		assert.match(text, /2\.5/, 'says what was sent');
		assert.doesNotMatch(text, STACK);
		assert.equal(sent, 0, 'nothing was sent to Genesys Cloud');
	});

	test('a string for a number argument is refused by n8n’s schema check before the node runs', async (t: TestContext) => {
		const {
			result,
			text,
			launchRequests: sent,
		} = await call({ ...DEMO_VALID_ARGS, priority: 'abc' });
		// Recorded for the docs: this answer is n8n's, not the node's.
		const file = writeArtifact(
			'mcpWrongJsonType.json',
			`${JSON.stringify({ arguments: { ...DEMO_VALID_ARGS, priority: 'abc' }, answer: result }, null, 2)}\n`,
		);
		t.diagnostic(
			`priority "abc" → isError ${result.isError}: ${JSON.stringify(text)} (in ${file})`,
		);
		assert.equal(result.isError, true, `the call is refused: ${text}`);
		assert.match(text, /priority/, 'names the argument');
		assert.equal(sent, 0, 'nothing was sent to Genesys Cloud');
	});

	test('no client secret or access token is in any MCP answer', async () => {
		assert.ok(session.answers.length >= 4, 'the tests above recorded the answers');
		const credentials = await exportCredentials(home);
		const stored = credentials.find((c) => c.type === GENESYS_CREDENTIAL_TYPE);
		const token = stored?.data.accessToken;
		assert.ok(typeof token === 'string' && token.length > 20, 'n8n stored the access token');
		assert.equal(emu.stats().tokensIssued, 1, 'the stored token is the only one issued');
		const answers = session.answers.map((a) => JSON.stringify(a));
		const secrets = { 'client secret': seedClients.demo.clientSecret, 'access token': token };
		for (const [what, secret] of Object.entries(secrets)) {
			const found = answers.findIndex((text) => text.includes(secret));
			assert.equal(found, -1, `the ${what} is in MCP answer ${found}`);
		}
	});
});
