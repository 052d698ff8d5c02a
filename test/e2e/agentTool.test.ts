/**
 * The Genesys Cloud node as an AI Agent's tool in the real, pinned n8n (2.41.1), with a scripted model: an AI
 * Agent (v3.1) whose OpenAI Chat Model (v1.3, Chat Completions) points at a local scripted OpenAI-compatible
 * server, and the Genesys Cloud tool launching the emulator's "Customer follow-up" flow.
 *
 * The workflows are made as a builder makes them in the editor: the credentials and workflows go through n8n's
 * REST API, and the tool's Trigger Data fields are those n8n's resource-mapper endpoint answers for the tool's
 * type, each field's value its `defaultValue` (what the editor saves when the fields load). Then the server stops
 * and each test runs a workflow with `n8n execute` (the agent calls its model without streaming there; n8n's
 * engine runs the tool node with the model's arguments as its input item).
 *
 * One n8n instance for the file. The emulator is not reset between tests, so the token n8n stored stays the
 * only one issued, and the last test can look for it in everything the model received. Launches are counted per
 * run. The tool definition the model received and the self-correction exchange are written to
 * `.tmp/e2e-artifacts/` (and printed as test diagnostics). Needs `npm run build` first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';

import { startEmulator, type RunningEmulator } from '../../emulator';
import {
	TOOL_NODE_NAME,
	DEMO_FLOW,
	DEMO_INPUTS as INPUTS,
	DEMO_VALID_ARGS,
	agentWorkflow,
	scriptedModelCredential,
	toolTriggerDataFields,
	triggerDataFromFields,
	type MapperField,
} from './fixtures/aiWorkflows';
import {
	GENESYS_CREDENTIAL_TYPE,
	emulatorCredential,
	seedClients,
	seedIds,
} from './fixtures/genesys';
import { writeArtifact } from './support/artifacts';
import { installProject } from './support/installPackage';
import {
	createN8nHome,
	executeWorkflow,
	exportCredentials,
	runErrorMessage,
	type ExecuteResult,
	type N8nHome,
	type WorkflowImport,
} from './support/n8nProcess';
import { ownerClient, startN8nServer } from './support/n8nServer';
import {
	startScriptedModel,
	toolExchanges,
	type ChatCompletionRequest,
	type RecordedRequest,
	type ScriptStep,
	type ScriptedModel,
	type ToolExchange,
} from './support/scriptedModel';

const PROMPT =
	'Start the follow-up for customer C-1001, Ada Lovelace (ada@example.com): priority 4, tags vip and billing.';
const VALID_ARGS = DEMO_VALID_ARGS;
const FAILING_FLOW = { flowId: seedIds.failing, flowName: 'Always fails' };
const NO_PERMISSION_TOOL = 'Follow up without permission';
const FAILING_TOOL = 'Run a failing flow';
const LAUNCH_WORKFLOW_NAME = 'Agent: follow up with a customer';
const WAIT_WORKFLOW_NAME = 'Agent: follow up and wait';

/** What a failed or unexpected run looked like: the run's error and n8n's last output lines. */
function explain(result: ExecuteResult): string {
	const tail = (s: string) => s.split('\n').slice(-25).join('\n');
	const error = result.run ? runErrorMessage(result.run) : undefined;
	return (
		`run status ${result.run?.status ?? 'none'}, exit ${result.exitCode ?? result.signal}` +
		`${error ? `, error: ${error}` : ''}\n--- stdout (tail)\n${tail(result.stdout)}\n--- stderr (tail)\n${tail(result.stderr)}`
	);
}

/**
 * The text a model reads in a tool result: a tool error's message, else the result. n8n 2.41.1 sends a node's
 * error as `{"error": message, "errorType": ...}`, and an error item of the node's output as `[{"error": ...}]`.
 */
function resultText(exchange: ToolExchange): string {
	let parsed: unknown;
	try {
		parsed = JSON.parse(exchange.result);
	} catch {
		return exchange.result; // not JSON: the text itself
	}
	const first: unknown = Array.isArray(parsed) && parsed.length === 1 ? parsed[0] : parsed;
	// An error item (the tool's On Error set to Continue, as on n8n 1.x): the model reads its message and
	// description, as n8n 2.x joins them in the error it hands over.
	if (first && typeof first === 'object' && 'error' in first) {
		const { error, description } = first as { error: unknown; description?: unknown };
		return description ? `${String(error)}\n\nDetails: ${String(description)}` : String(error);
	}
	return exchange.result;
}

/** The name a model knows a tool node by (n8n's `nodeNameToToolName`: spaces and symbols become "_"). */
function toolName(nodeName: string): string {
	return nodeName.replace(/[^a-zA-Z0-9_-]+/g, '_');
}

/** A stack trace's frame, or a path into n8n's or this package's code: never for a model to read. */
const STACK = /\n\s+at\s|node_modules|\.js:\d+/;

/** Every launch request the emulator has received, whatever it answered. */
function launchRequests(emu: RunningEmulator): number {
	return Object.values(emu.stats().requests.launch ?? {}).reduce((n, count) => n + count, 0);
}

interface AgentRun {
	result: ExecuteResult;
	/** The chat completion requests of the run, in order. */
	requests: Array<RecordedRequest & { body: ChatCompletionRequest }>;
	/** Launch requests the emulator received during the run, whatever it answered (401, 403, 429 included). */
	launchRequests: number;
	/** Launch requests that reached the emulator's launch handler during the run (accepted or not). */
	launchAttempts: ReturnType<RunningEmulator['launchAttempts']>;
	/** Executions created during the run. */
	executions: ReturnType<RunningEmulator['executions']>;
}

describe('Genesys Cloud node as an AI Agent tool in the real n8n', { timeout: 15 * 60_000 }, () => {
	let emu: RunningEmulator;
	let model: ScriptedModel;
	let home: N8nHome;
	let fields: MapperField[];
	let launchWorkflowId: string;
	let waitWorkflowId: string;
	let genesysFailuresWorkflowId: string;
	/** Every model request and every tool node output of the file, for the secret scan. */
	const seenByModel: string[] = [];

	/** Runs a workflow with the model answering by `script`; fails with the run's story when the run failed. */
	async function runAgent(
		workflowId: string,
		script: ScriptStep[],
		t?: TestContext,
	): Promise<AgentRun> {
		model.reset(script);
		const attemptsBefore = emu.launchAttempts().length;
		const executionsBefore = emu.executions().length;
		const requestsBefore = launchRequests(emu);
		const result = await executeWorkflow(home, workflowId);
		t?.diagnostic(`n8n execute took ${(result.durationMs / 1000).toFixed(1)} s`);
		seenByModel.push(...model.requests.map((r) => r.raw));
		const toolRuns = result.run?.data.resultData.runData[TOOL_NODE_NAME] ?? [];
		seenByModel.push(JSON.stringify(toolRuns));
		assert.deepEqual(model.problems, [], `the model was asked as scripted: ${explain(result)}`);
		assert.ok(result.ok, `the run should succeed: ${explain(result)}`);
		assert.equal(model.remaining(), 0, 'every step of the script was used');
		return {
			result,
			requests: model.completions(),
			launchRequests: launchRequests(emu) - requestsBefore,
			launchAttempts: emu.launchAttempts().slice(attemptsBefore),
			executions: emu.executions().slice(executionsBefore),
		};
	}

	/** The last tool exchange a request carries (the result of the call the model made just before). */
	function lastExchange(run: AgentRun, requestIndex: number): ToolExchange {
		const exchanges = toolExchanges(run.requests[requestIndex].body);
		assert.ok(exchanges.length > 0, `request ${requestIndex} carries a tool result`);
		return exchanges[exchanges.length - 1];
	}

	before(async () => {
		emu = await startEmulator({ port: 0, knobs: { executionDurationScale: 0.3 } });
		model = await startScriptedModel();
		home = await createN8nHome({ prefix: 'genesys-agent' });
		await installProject(home.nodesDir);
		const server = await startN8nServer(home);
		try {
			const rest = await ownerClient(server);
			const create = async (c: { name: string; type: string; data: Record<string, unknown> }) => {
				const created = await rest.post<{ id: string; name: string }>('/rest/credentials', {
					name: c.name,
					type: c.type,
					data: c.data,
				});
				return { id: created.id, name: created.name };
			};
			const genesys = await create(
				emulatorCredential(emu.url, 'unused', 'Genesys Cloud (emulator)'),
			);
			const openAi = await create(
				scriptedModelCredential(model.baseUrl, 'unused', 'OpenAI (scripted model)'),
			);
			fields = await toolTriggerDataFields(rest, genesys, DEMO_FLOW.flowId);
			const triggerData = triggerDataFromFields(fields);
			const save = async (workflow: WorkflowImport) => (await rest.createWorkflow(workflow)).id;
			const tool = { ...DEMO_FLOW, credential: genesys, triggerData };
			launchWorkflowId = await save(
				agentWorkflow({
					id: 'unused',
					name: LAUNCH_WORKFLOW_NAME,
					prompt: PROMPT,
					modelCredential: openAi,
					tools: [tool],
				}),
			);
			waitWorkflowId = await save(
				agentWorkflow({
					id: 'unused',
					name: WAIT_WORKFLOW_NAME,
					prompt: PROMPT,
					modelCredential: openAi,
					tools: [{ ...tool, waitForCompletion: true, options: { pollInterval: 0.2 } }],
				}),
			);
			// Two tools that fail on Genesys's side: a client without the launch permission, a flow that errors.
			const noLaunch = await create(
				emulatorCredential(
					emu.url,
					'unused',
					'Genesys Cloud (no launch permission)',
					seedClients.noLaunch,
				),
			);
			const failingFields = await toolTriggerDataFields(rest, genesys, FAILING_FLOW.flowId);
			genesysFailuresWorkflowId = await save(
				agentWorkflow({
					id: 'unused',
					name: 'Agent: Genesys-side failures',
					prompt: PROMPT,
					modelCredential: openAi,
					tools: [
						{ ...tool, nodeName: NO_PERMISSION_TOOL, credential: noLaunch },
						{
							...FAILING_FLOW,
							nodeName: FAILING_TOOL,
							credential: genesys,
							triggerData: triggerDataFromFields(failingFields),
							waitForCompletion: true,
							options: { pollInterval: 0.2 },
						},
					],
				}),
			);
		} finally {
			// The CLI runs below use the same database: n8n's server must not hold it.
			await server.stop();
		}
	});

	after(async () => {
		home?.cleanup();
		await model?.close();
		await emu?.close();
	});

	test('asked with the tool’s type, n8n’s resource-mapper endpoint labels each input with its bare name and pre-fills it with $fromAI()', (t: TestContext) => {
		t.diagnostic(`fields: ${JSON.stringify(fields)}`);
		assert.deepEqual(
			fields.map((f) => f.id),
			INPUTS,
		);
		const expected: Record<string, [string, RegExp]> = {
			customerId: ['string', /^String\. CRM id of the customer/],
			customerName: ['string', /^String\. Name used in the greeting/],
			email: ['string', /^String\. Where to send the follow-up/],
			priority: ['number', /^Integer\. 1 \(low\) to 5 \(urgent\)/],
			tags: ['json', /^A list of up to 2,000 strings\. Labels for the follow-up/],
		};
		// n8n's own auto-generated override, as the editor's "let the model define this parameter" writes it.
		const override =
			/^=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('([^']+)', `([^`]*)`, '(\w+)'\) \}\}$/;
		for (const field of fields) {
			assert.equal(field.displayName, field.id, 'the label is the bare variable name');
			const call = override.exec(String(field.defaultValue));
			assert.ok(call, `${field.id} is pre-filled with $fromAI(): ${String(field.defaultValue)}`);
			const [type, description] = expected[field.id];
			assert.equal(call[1], field.id, `${field.id}: the key is the variable name`);
			assert.equal(call[3], type, `${field.id}: the argument type`);
			assert.match(call[2], description, `${field.id}: the description`);
		}
	});

	describe('a valid call', () => {
		let run: AgentRun;

		before(async () => {
			run = await runAgent(launchWorkflowId, [
				{ toolCalls: [{ arguments: VALID_ARGS }] },
				{ text: 'The follow-up has started.' },
			]);
		});

		test('the model receives one argument per input of the flow, typed and described, in a tool that names the flow', (t: TestContext) => {
			const first = run.requests[0].body;
			const file = writeArtifact(
				'agentToolDefinition.json',
				`${JSON.stringify(first.tools, null, 2)}\n`,
			);
			t.diagnostic(`tool definition the model received (also in ${file}):`);
			t.diagnostic(JSON.stringify(first.tools));

			assert.equal(first.tools?.length, 1, 'one tool is offered');
			const tool = first.tools![0].function;
			assert.match(tool.description ?? '', /Customer follow-up/, 'the description names the flow');
			assert.match(tool.description ?? '', /execution ID/, 'and says what it returns');
			const parameters = tool.parameters as {
				properties: Record<string, { type?: string; description?: string }>;
				required?: string[];
			};
			assert.deepEqual(Object.keys(parameters.properties), INPUTS, 'one argument per input');
			assert.deepEqual([...(parameters.required ?? [])].sort(), [...INPUTS].sort());
			const p = parameters.properties;
			for (const name of ['customerId', 'customerName', 'email'])
				assert.equal(p[name].type, 'string', `${name} is a string`);
			assert.equal(p.priority.type, 'number', 'the Integer input is a number');
			// n8n's `json` type reaches the model without a type: the description says what it is.
			assert.equal(p.tags.type, undefined, 'the list input is json (no JSON Schema type)');
			assert.match(p.customerId.description ?? '', /^String\b.*CRM id of the customer/s);
			assert.match(p.priority.description ?? '', /^Integer\b.*1 \(low\) to 5 \(urgent\)/s);
			assert.match(
				p.tags.description ?? '',
				/^A list of up to 2,000 strings\b.*Labels for the follow-up/s,
			);
		});

		test('a valid call launches exactly one execution with the typed inputData, named after the n8n workflow', (t: TestContext) => {
			assert.equal(run.launchRequests, 1, 'one launch request');
			assert.equal(run.executions.length, 1, 'one execution');
			const [execution] = run.executions;
			t.diagnostic(`execution name in Genesys Cloud: ${execution.name}`);
			assert.equal(execution.flowId, DEMO_FLOW.flowId);
			assert.deepEqual(execution.inputData, {
				'Flow.customerId': 'C-1001',
				'Flow.customerName': 'Ada Lovelace',
				'Flow.email': 'ada@example.com',
				'Flow.priority': 4,
				'Flow.tags': ['vip', 'billing'],
			});
			assert.ok(execution.name?.includes(LAUNCH_WORKFLOW_NAME), `name: ${execution.name}`);
			assert.doesNotMatch(execution.name ?? '', /#manual/);
			assert.match(execution.name ?? '', /tool/i, 'the name says the launch came from a tool');
		});

		test('the next model request carries the execution ID, not the flow version document', () => {
			assert.equal(run.requests.length, 2, 'the model is asked again after the tool ran');
			const exchange = lastExchange(run, 1);
			assert.deepEqual(JSON.parse(exchange.arguments ?? '{}'), {
				...VALID_ARGS,
				// n8n 2.41.1 replays the call's id among its arguments in the history it sends the model.
				id: exchange.toolCallId,
			});
			const [execution] = run.executions;
			assert.ok(
				exchange.result.includes(execution.id),
				`the tool result holds the execution ID ${execution.id}: ${exchange.result}`,
			);
			assert.doesNotMatch(exchange.result, /inputSchema|outputSchema|selfUri/);
			assert.doesNotMatch(exchange.result, /"error"/);
		});
	});

	test('with Wait for Completion the model reads the status and the typed outputs', async (t: TestContext) => {
		const run = await runAgent(
			waitWorkflowId,
			[{ toolCalls: [{ arguments: VALID_ARGS }] }, { text: 'Done: ticket 1004.' }],
			t,
		);
		assert.match(
			run.requests[0].body.tools?.[0].function.description ?? '',
			/output variables/,
			'the description says the tool returns the outputs',
		);
		assert.equal(run.executions.length, 1);
		const exchange = lastExchange(run, 1);
		const result = JSON.parse(exchange.result) as Array<Record<string, unknown>>;
		const item = Array.isArray(result) ? result[0] : (result as Record<string, unknown>);
		assert.equal(item.executionId, run.executions[0].id, exchange.result);
		assert.equal(item.status, 'COMPLETED', exchange.result);
		const outputs = item.outputs as Record<string, unknown>;
		assert.ok(outputs, `the result holds the outputs: ${exchange.result}`);
		assert.equal(outputs.ticketNumber, 1004, 'an Integer output is a number');
		assert.equal(outputs.escalated, true);
		assert.equal(outputs.followUpScheduled, true);
		assert.equal(outputs.tagCount, 2);
		assert.match(String(outputs.greeting), /Ada Lovelace/);
		assert.doesNotMatch(exchange.result, /inputSchema|outputSchema|selfUri/);
	});

	test('the model corrects itself: a wrong type, then a missing argument, are refused with what to send; then one launch', async (t: TestContext) => {
		const wrongType = { ...VALID_ARGS, customerId: 'C-2001', priority: 'abc' };
		const { customerName, ...missingName } = { ...VALID_ARGS, customerId: 'C-2002' };
		void customerName;
		const corrected = { ...VALID_ARGS, customerId: 'C-2003' };
		const run = await runAgent(
			launchWorkflowId,
			[
				{ toolCalls: [{ arguments: wrongType }] },
				{ toolCalls: [{ arguments: missingName }] },
				{ toolCalls: [{ arguments: corrected }] },
				{ text: 'The follow-up has started.' },
			],
			t,
		);
		assert.equal(run.requests.length, 4);
		const exchanges = toolExchanges(run.requests[3].body);
		const file = writeArtifact(
			'agentSelfCorrection.json',
			`${JSON.stringify(
				exchanges.map(({ name, arguments: args, result }) => ({
					tool: name,
					arguments: args,
					result,
				})),
				null,
				2,
			)}\n`,
		);
		t.diagnostic(`self-correction exchange (also in ${file}):`);
		for (const e of exchanges) t.diagnostic(`call ${e.arguments}\n  → ${e.result}`);

		const afterWrongType = lastExchange(run, 1);
		const wrongTypeText = resultText(afterWrongType);
		assert.match(wrongTypeText, /priority/, 'names the argument');
		assert.match(wrongTypeText, /integer/i, 'says what type is expected');
		assert.match(wrongTypeText, /"abc"/, 'says what was sent');
		assert.doesNotMatch(wrongTypeText, STACK);

		const afterMissing = lastExchange(run, 2);
		const missingText = resultText(afterMissing);
		assert.match(missingText, /customerName/, 'names the argument');
		assert.match(missingText, /missing/i);
		assert.doesNotMatch(missingText, STACK);

		assert.equal(run.launchRequests, 1, 'only the corrected call was sent to Genesys Cloud');
		assert.equal(run.executions.length, 1);
		const [execution] = run.executions;
		assert.equal(
			(execution.inputData as Record<string, unknown>)['Flow.customerId'],
			'C-2003',
			'the launch is the corrected call',
		);
		assert.ok(
			lastExchange(run, 3).result.includes(execution.id),
			'the model reads its execution ID',
		);
	});

	test('a value past an input’s limit is refused with the limit, and nothing is launched', async (t: TestContext) => {
		const tooLong = { ...VALID_ARGS, customerId: 'C-3001', customerName: 'x'.repeat(32_001) };
		const run = await runAgent(
			launchWorkflowId,
			[{ toolCalls: [{ arguments: tooLong }] }, { text: 'I could not start the follow-up.' }],
			t,
		);
		const text = resultText(lastExchange(run, 1));
		t.diagnostic(`customerName of 32,001 characters → ${text}`);
		assert.match(text, /customerName/, 'names the argument');
		assert.match(text, /32,?000/, 'says the limit');
		assert.ok(text.length < 1_000, `one short text, not the value sent back: ${text.length} chars`);
		assert.doesNotMatch(text, STACK);
		assert.equal(run.launchRequests, 0, 'nothing was sent to Genesys Cloud');
	});

	test('an argument under a name that is no input launches nothing, and the answer names the input missing', async (t: TestContext) => {
		// n8n's agent merges its own input item into the model's arguments, so a stray key cannot be told from the
		// agent's data: what the model reads is the input its misnamed argument was meant for.
		const { customerName, ...rest } = VALID_ARGS;
		const misnamed = { ...rest, customerId: 'C-3002', customer_name: customerName };
		const run = await runAgent(
			launchWorkflowId,
			[{ toolCalls: [{ arguments: misnamed }] }, { text: 'I could not start the follow-up.' }],
			t,
		);
		const text = resultText(lastExchange(run, 1));
		t.diagnostic(`"customer_name" instead of "customerName" → ${text}`);
		assert.match(text, /"customerName" is missing: give a string/);
		assert.doesNotMatch(text, STACK);
		assert.equal(run.launchRequests, 0, 'nothing was sent to Genesys Cloud');
	});

	test('Genesys-side failures reach the model with the explanation a builder sees, without a stack', async (t: TestContext) => {
		const run = await runAgent(
			genesysFailuresWorkflowId,
			[
				{ toolCalls: [{ name: toolName(NO_PERMISSION_TOOL), arguments: VALID_ARGS }] },
				{ toolCalls: [{ name: toolName(FAILING_TOOL), arguments: { reason: 'test' } }] },
				{ text: 'Both failed.' },
			],
			t,
		);
		const forbiddenText = resultText(lastExchange(run, 1));
		t.diagnostic(`403 → ${forbiddenText}`);
		assert.match(forbiddenText, /architect:flow:launch/, 'names the missing permission');
		assert.match(forbiddenText, /role/i, 'says how to grant it');
		assert.doesNotMatch(forbiddenText, STACK);
		const failedText = resultText(lastExchange(run, 2));
		t.diagnostic(`ERROR run → ${failedText}`);
		assert.match(failedText, /Lookup customer/, "carries the flow's own error");
		assert.doesNotMatch(failedText, STACK);

		assert.equal(run.launchRequests, 2, 'both tools sent their launch');
		// A 403 is answered before the launch handler: only the failing flow's launch is in its records.
		assert.deepEqual(
			run.launchAttempts.map((a) => a.status),
			[200],
		);
		assert.equal(run.executions.length, 1, 'only the failing flow was launched');
		assert.equal(run.executions[0]?.status, 'ERROR');
	});

	test('no client secret or access token reaches the model, in any request or tool result', async () => {
		assert.ok(seenByModel.length > 0, 'the tests above recorded what the model received');
		const credentials = await exportCredentials(home);
		const tokens = credentials
			.filter((c) => c.type === GENESYS_CREDENTIAL_TYPE)
			.map((c) => c.data.accessToken)
			.filter((token): token is string => typeof token === 'string' && token.length > 20);
		assert.equal(tokens.length, 2, 'n8n stored the access token of both Genesys credentials');
		assert.equal(emu.stats().tokensIssued, 2, 'the stored tokens are the only ones issued');
		const secrets: Record<string, string> = {
			'client secret': seedClients.demo.clientSecret,
			'other client secret': seedClients.noLaunch.clientSecret,
			'access token': tokens[0],
			'other access token': tokens[1],
		};
		for (const [what, secret] of Object.entries(secrets)) {
			const found = seenByModel.findIndex((text) => text.includes(secret));
			assert.equal(found, -1, `the ${what} is in what the model received (record ${found})`);
		}
	});
});
