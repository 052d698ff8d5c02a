/**
 * The node as an AI agent's or MCP client's tool, in n8n's real engine: the Trigger Data fields the editor gets
 * for the tool type (each pre-filled with its $fromAI() argument), and runs of the tool type whose input item is
 * the model's arguments, as n8n's engine runs a tool an AI Agent asked for. test/e2e proves the same with a
 * real AI Agent and a real MCP Server Trigger.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { extractFromAICalls, NodeHelpers, type IDataObject, type INode } from 'n8n-workflow';

import { seedClients, seedIds } from '../../emulator';
import {
	failureOf,
	genesysNode,
	launchParameters,
	mappedFields,
	requestCount,
	runNode,
	saveCredential,
	useBench,
	type Bench,
} from './support';

const TOOL_TYPE = 'n8n-nodes-genesys-cloud.genesysCloudTool';
const TOOL_NAME = 'Launch follow-up';

function toolNode(credentialId: string, parameters: INode['parameters']): INode {
	return { ...genesysNode(credentialId, parameters, TOOL_NAME), type: TOOL_TYPE };
}

describe('the node as an AI tool', () => {
	let bench: Bench;
	let credentialId: string;
	useBench((b, id) => {
		bench = b;
		credentialId = id;
	});

	/** The fields the editor loads for the tool type, and Trigger Data as the editor saves them. */
	async function editorTriggerData(flowId: string) {
		const node = toolNode(credentialId, launchParameters(flowId));
		const { fields } = await bench.harness.resourceMapperFields(node, 'getTriggerDataFields');
		const value: IDataObject = {};
		for (const field of fields) value[field.id] = field.defaultValue ?? null;
		return { fields, triggerData: mappedFields(fields, value) };
	}

	/** One call of the tool: its input item is the model's arguments. */
	async function call(
		args: IDataObject,
		extra: INode['parameters'] = {},
		credential = credentialId,
	) {
		const { triggerData } = await editorTriggerData(seedIds.demo);
		return await runNode(
			bench,
			toolNode(credential, launchParameters(seedIds.demo, { triggerData, ...extra })),
			[args],
		);
	}

	const VALID = {
		customerId: 'C-42',
		customerName: 'Ada Lovelace',
		email: 'ada@example.com',
		priority: 4,
		tags: ['vip'],
	};

	test('each field is labelled with the bare name and pre-filled with its typed, described $fromAI() argument', async () => {
		const { fields } = await editorTriggerData(seedIds.demo);
		assert.deepEqual(
			fields.map((field) => field.displayName),
			['customerId', 'customerName', 'email', 'priority', 'tags'],
		);
		const args = fields.map((field) => extractFromAICalls(String(field.defaultValue))[0]);
		assert.deepEqual(
			args.map(({ key, type }) => ({ key, type })),
			[
				{ key: 'customerId', type: 'string' },
				{ key: 'customerName', type: 'string' },
				{ key: 'email', type: 'string' },
				{ key: 'priority', type: 'number' },
				{ key: 'tags', type: 'json' },
			],
		);
		assert.equal(
			args[3].description,
			'Integer. 1 (low) to 5 (urgent); 3 and above escalates.',
			'the Architect type first, then the schema description',
		);
		assert.equal(args[4].description, 'A list of up to 2,000 strings. Labels for the follow-up.');
		assert.ok(
			fields.every((field) => (field as { flowName?: string }).flowName === 'Customer follow-up'),
			"a tool's fields carry the flow's name, for its description",
		);
		for (const field of fields)
			assert.match(
				String(field.defaultValue),
				/^=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\(/,
			);
	});

	test('every Architect type gets its $fromAI() type and a description naming the type', async () => {
		const { fields } = await editorTriggerData(seedIds.allTypes);
		const byId = Object.fromEntries(
			fields.map((field) => [field.id, extractFromAICalls(String(field.defaultValue))[0]]),
		);
		const expected: Record<string, [string, RegExp]> = {
			stringInput: ['string', /^String\. A String input/],
			integerInput: ['number', /^Integer\. /],
			decimalInput: ['number', /^Decimal number\. /],
			booleanInput: ['boolean', /^Boolean \(true or false\)\. /],
			dateInput: ['string', /^Date \(YYYY-MM-DD\)\. /],
			dateTimeInput: ['string', /^Date-time \(ISO 8601 with a time zone/],
			jsonInput: ['json', /^JSON object\. /],
			stringCollection: ['json', /^A list of up to 2,000 strings\. /],
			integerCollection: ['json', /^A list of up to 2,000 integers\. /],
			// Architect has no enum type: the real dialect carries the choice in the description only.
			colour: ['string', /^String\. One of red, green, blue\.$/],
		};
		for (const [id, [type, description]] of Object.entries(expected)) {
			assert.equal(byId[id]?.type, type, `${id}'s type`);
			assert.match(byId[id].description ?? '', description, `${id}'s description`);
		}
	});

	test("the tool's description names the flow its fields were loaded for, else the flow's ID", async () => {
		const nodeType = bench.harness.nodeTypes.getByNameAndVersion(TOOL_TYPE, 1);
		const described = (parameters: INode['parameters']) => {
			const node = toolNode(credentialId, parameters);
			const workflow = bench.harness.workflow({ nodes: [node] });
			return NodeHelpers.getToolDescriptionForNode(workflow.getNode(TOOL_NAME)!, nodeType, () =>
				String(
					workflow.expression.getParameterValue(
						String(workflow.getNode(TOOL_NAME)!.parameters.toolDescription),
						null,
						0,
						0,
						TOOL_NAME,
						[],
						'manual',
						{},
					),
				),
			);
		};
		const { triggerData } = await editorTriggerData(seedIds.demo);
		assert.equal(
			described(launchParameters(seedIds.demo, { triggerData })),
			'Launches the Genesys Cloud workflow "Customer follow-up" with its input variables as arguments, and returns its execution ID at once while the flow runs on in Genesys Cloud. A wrong or missing argument launches nothing, and the answer names the argument to fix.',
		);
		assert.match(
			described(launchParameters(seedIds.demo, { triggerData, waitForCompletion: true })),
			/, and waits until the execution ends and returns its execution ID, status and the flow's output variables\./,
		);
		assert.match(
			described(launchParameters(seedIds.demo, { triggerDataMode: 'json' })),
			new RegExp(`^Launches the Genesys Cloud workflow "${seedIds.demo}" `),
		);
		assert.equal(
			described(launchParameters(seedIds.demo, { triggerData, toolDescription: 'Mine' })),
			'Mine',
			"the builder's own description wins",
		);
	});

	test('outside a tool the labels keep the Architect type and nothing is pre-filled', async () => {
		const node = genesysNode(credentialId, launchParameters(seedIds.demo));
		const { fields } = await bench.harness.resourceMapperFields(node, 'getTriggerDataFields');
		assert.equal(fields[3].displayName, 'priority (Integer)');
		assert.ok(fields.every((field) => field.defaultValue === undefined));
	});

	test("a valid call launches one execution with the model's typed values, named after the workflow and the tool", async () => {
		const { items, error } = await call(VALID);
		assert.equal(error, undefined);
		const [execution] = bench.emulator.executions();
		assert.equal(bench.emulator.executions().length, 1);
		assert.deepEqual(execution.inputData, {
			'Flow.customerId': 'C-42',
			'Flow.customerName': 'Ada Lovelace',
			'Flow.email': 'ada@example.com',
			'Flow.priority': 4,
			'Flow.tags': ['vip'],
		});
		assert.match(execution.name ?? '', /^n8n: Harness workflow #\d+ AI tool "Launch follow-up"$/);
		assert.deepEqual(Object.keys(items[0].json), [
			'executionId',
			'name',
			'flowId',
			'flowName',
			'flowVersion',
		]);
		assert.equal(items[0].json.executionId, execution.id);
	});

	test('a wrong type launches nothing and the answer names the argument, the type and what was sent', async () => {
		const failure = failureOf(await call({ ...VALID, priority: 'abc' }));
		assert.equal(
			failure.message,
			'Not launched: "priority" must be an integer, but got the string "abc". Call the tool again with this argument fixed. Nothing was sent to Genesys Cloud for flow "Customer follow-up".',
		);
		assert.equal(requestCount(bench, 'launch'), 0);
	});

	test('an argument left out or empty launches nothing and the answer says it is missing and what to give', async () => {
		const { customerName: _left, ...withoutName } = VALID;
		const missing = failureOf(await call({ ...withoutName, email: '' }));
		assert.equal(
			missing.message,
			'Not launched: "customerName" is missing: give a string; "email" is missing: give a string. Call the tool again with these arguments fixed. Nothing was sent to Genesys Cloud for flow "Customer follow-up".',
		);
		assert.equal(requestCount(bench, 'launch'), 0);
	});

	test('an argument under another name launches nothing: the answer names the one missing', async () => {
		const { customerName, ...rest } = VALID;
		// An agent merges its own input item into the model's arguments, so an extra key cannot be told from the
		// agent's data; the argument it was meant for is missing, and that is what the model reads.
		const failure = failureOf(await call({ ...rest, customer_name: customerName }));
		assert.match(failure.message, /^Not launched: "customerName" is missing: give a string\./);
		assert.equal(requestCount(bench, 'launch'), 0);
	});

	test('a value past a limit launches nothing and the answer names the limit', async () => {
		const tags = Array.from({ length: 2001 }, (_, i) => `t${i}`);
		const failure = failureOf(await call({ ...VALID, tags }));
		assert.match(
			failure.message,
			/^Not launched: "tags" must hold at most 2000 items, but got a list of 2001 items\./,
		);
		assert.equal(requestCount(bench, 'launch'), 0);
	});

	test('a key that is not an input, in JSON Trigger Data the model wrote, is refused naming the flow inputs', async () => {
		const { error } = await runNode(
			bench,
			toolNode(
				credentialId,
				launchParameters(seedIds.demo, {
					triggerDataMode: 'json',
					triggerDataJson: "={{ $fromAI('inputs', 'The flow inputs as a JSON object', 'json') }}",
				}),
			),
			[{ inputs: { customerId: 'C-1', customerName: 'Ada', userId: 'u-1' } }],
		);
		const failure = failureOf({ error });
		assert.match(failure.message, /^Not launched: "userId" is not an input of the flow\./);
		assert.match(
			failure.message,
			/The flow "Customer follow-up" takes these inputs: customerId \(String\), customerName \(String\), email \(String\), priority \(Integer\), tags \(String list\)\.$/,
		);
		assert.equal(requestCount(bench, 'launch'), 0);
	});

	test("a Genesys refusal reaches the model with the builder's explanation in the message", async () => {
		const noLaunch = saveCredential(bench, { ...seedClients.noLaunch });
		const failure = failureOf(await call(VALID, {}, noLaunch));
		assert.match(
			failure.message,
			/^The OAuth client is missing the permission architect:flow:launch .*\. In Genesys Cloud, open Admin > Roles \/ Permissions, add architect:flow:launch \(Architect > Flow > Launch\)/,
		);
		assert.doesNotMatch(failure.message, /no-launch-secret|Bearer|access_token/);
	});

	test("a run that ends in error reaches the model with the flow's error and where to look", async () => {
		const { triggerData } = await editorTriggerData(seedIds.failing);
		const { error } = await runNode(
			bench,
			toolNode(
				credentialId,
				launchParameters(seedIds.failing, {
					triggerData,
					waitForCompletion: true,
					options: { pollInterval: 0.1 },
				}),
			),
			[{ reason: 'test' }],
		);
		const failure = failureOf({ error });
		assert.match(
			failure.message,
			/^Flow execution [\w-]+ ended with status ERROR: The data action 'Lookup customer' failed: the remote endpoint answered 404\. Flow error code: flow\.execution\.data\.action\.failure\. .*Open the execution in Genesys Cloud/,
		);
	});

	test('with Wait for Completion the answer is the simplified execution with typed outputs, whatever Simplify Output says', async () => {
		const { items, error } = await call(VALID, {
			waitForCompletion: true,
			options: { simplifyOutput: false, pollInterval: 0.1 },
		});
		assert.equal(error, undefined);
		const answer = items[0].json;
		assert.equal(answer.status, 'COMPLETED');
		assert.equal((answer.outputs as IDataObject).ticketNumber, 1004);
		assert.equal(answer.flowVersion, '1.0');
		assert.ok(!('outputData' in answer), 'no raw outputData');
		assert.ok(!JSON.stringify(answer).includes('inputSchema'), 'no flow version document');
	});
});
