/**
 * The Genesys Cloud node inside a real n8n (the pinned 2.41.1, or 1.123.81 with N8N_E2E_LINE=1.x), installed from `npm pack` the way n8n installs
 * community packages, run headless with `n8n import:credentials`, `n8n import:workflow` and `n8n execute --id`
 * against the emulator started in this process (n8n reaches it over http://127.0.0.1:<port>).
 *
 * One n8n instance for the file: one import of the credentials, one of every workflow, then one `execute` per run
 * (each n8n CLI start costs ~5–7 s). Needs `npm run build` first (`npm run test:e2e` does it).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import { startEmulator, type RunningEmulator } from '../../emulator';
import {
	EXAMPLE_CREDENTIAL_ID,
	GENESYS_NODE_NAME,
	emulatorCredential,
	exampleWorkflow,
	flowRef,
	launchWorkflow,
	seedIds,
} from './fixtures/genesys';
import { installProject } from './support/installPackage';
import {
	createN8nHome,
	executeWorkflow,
	exportCredentials,
	importCredentials,
	importWorkflow,
	nodeOutput,
	nodeOutputPairs,
	runErrorMessage,
	type ExecuteResult,
	type N8nHome,
} from './support/n8nProcess';

const EXAMPLE_ID = 'e2eLaunchExample1';
const VALIDATION_ID = 'e2eLaunchValidation1';
const NESTED_ID = 'e2eLaunchNestedKeys1';
const TOKEN_ID = 'e2eLaunchTokenRenewal1';
const STORM_ID = 'e2eLaunch429Storm1';
const DRY_RUN_ID = 'e2eLaunchDryRun1';
const CONTINUE_ID = 'e2eLaunchContinueOnFail1';

const TOKEN_CREDENTIAL = { id: 'e2e-token-renewal', name: 'Genesys Cloud (token renewal)' };
const STORM_CREDENTIAL = { id: 'e2e-429-storm', name: 'Genesys Cloud (429 storm)' };
const EXAMPLE_CREDENTIAL = { id: EXAMPLE_CREDENTIAL_ID, name: 'Genesys Cloud (local emulator)' };

const STORM_ITEMS = 12;
const STORM_429S = 15;

/** The example's customers (examples/launchPerCustomer.json). */
const CUSTOMERS = [
	{
		id: 'C-1001',
		name: 'Ada Lovelace',
		email: 'ada@example.com',
		priority: 4,
		tags: ['vip', 'billing'],
	},
	{
		id: 'C-1002',
		name: 'Grace Hopper',
		email: 'grace@example.com',
		priority: 2,
		tags: ['onboarding'],
	},
	{ id: 'C-1003', name: 'Alan Turing', email: '', priority: 1, tags: [] },
];

/** What a failed or unexpected run looked like: the run's error and n8n's last output lines. */
/** Items of the Continue On Fail run: two that complete, one whose flow fails in Genesys, one refused before sending. */
const CONTINUE_ITEMS = [
	{ flow: seedIds.demo, data: { customerId: 'C-1', customerName: 'Ada', priority: 1 } },
	{ flow: seedIds.failing, data: { reason: 'the data action is down' } },
	{ flow: seedIds.demo, data: { customerId: 'C-3', customerName: 'Lin', priority: 'high' } },
	{ flow: seedIds.demo, data: { customerId: 'C-4', customerName: 'Kay', priority: 2 } },
];

function explain(result: ExecuteResult): string {
	const tail = (s: string) => s.split('\n').slice(-25).join('\n');
	const error = result.run ? runErrorMessage(result.run) : undefined;
	return (
		`run status ${result.run?.status ?? 'none'}, exit ${result.exitCode ?? result.signal}` +
		`${error ? `, error: ${error}` : ''}\n--- stdout (tail)\n${tail(result.stdout)}\n--- stderr (tail)\n${tail(result.stderr)}`
	);
}

/** The access token n8n persisted for a credential (read with export:credentials --decrypted; never printed). */
async function storedToken(home: N8nHome, credentialId: string): Promise<string> {
	const credentials = await exportCredentials(home);
	const credential = credentials.find((c) => c.id === credentialId);
	assert.ok(
		credential,
		`credential ${credentialId} is stored (found: ${credentials.map((c) => c.id).join(', ')})`,
	);
	const token = credential.data.accessToken;
	assert.ok(typeof token === 'string' && token.length > 0, 'n8n persisted a non-empty accessToken');
	return token;
}

describe('Genesys Cloud node in the real n8n (CLI)', { timeout: 15 * 60_000 }, () => {
	let home: N8nHome;
	let emu: RunningEmulator;

	before(async () => {
		emu = await startEmulator({ port: 0, knobs: { executionDurationScale: 0.3 } });
		home = await createN8nHome({ prefix: 'genesys-launch' });
		await installProject(home.nodesDir);
		await importCredentials(home, [
			emulatorCredential(emu.url, EXAMPLE_CREDENTIAL.id, EXAMPLE_CREDENTIAL.name),
			emulatorCredential(emu.url, TOKEN_CREDENTIAL.id, TOKEN_CREDENTIAL.name),
			emulatorCredential(emu.url, STORM_CREDENTIAL.id, STORM_CREDENTIAL.name),
		]);
		await importWorkflow(home, [
			exampleWorkflow(EXAMPLE_ID),
			launchWorkflow({
				id: VALIDATION_ID,
				name: 'E2E: a value of the wrong type',
				credential: EXAMPLE_CREDENTIAL,
				items: [
					{ customerId: 'C-1', customerName: 'Ada' },
					{ customerId: 'C-2', customerName: 'Grace', priority: 2 },
					{ customerId: 'C-3', customerName: 'Lin', priority: 'high' },
				],
				parameters: {
					flowId: flowRef(seedIds.demo, 'Customer follow-up'),
					triggerDataMode: 'json',
					triggerDataJson: '={{ $json }}',
				},
			}),
			launchWorkflow({
				id: NESTED_ID,
				name: 'E2E: inputs nested under Flow',
				credential: EXAMPLE_CREDENTIAL,
				items: [{ customerId: 'C-1' }],
				parameters: {
					flowId: flowRef(seedIds.demo, 'Customer follow-up'),
					triggerDataMode: 'json',
					triggerDataJson: '={{ { "Flow": { "customerId": $json.customerId } } }}',
				},
			}),
			launchWorkflow({
				id: DRY_RUN_ID,
				name: 'E2E: Dry Run of the example, version pinned from the list',
				credential: EXAMPLE_CREDENTIAL,
				items: CUSTOMERS,
				typeVersion: 2,
				parameters: {
					flowId: flowRef(seedIds.demo, 'Customer follow-up'),
					flowVersion: {
						__rl: true,
						mode: 'list',
						value: '1.0',
						cachedResultName: '1.0 (published)',
					},
					triggerDataMode: 'json',
					triggerDataJson:
						'={{ { customerId: $json.id, customerName: $json.name, email: $json.email, priority: $json.priority, tags: $json.tags } }}',
					executionName: '=Follow-up {{ $json.id }}',
					waitForCompletion: true,
					options: { dryRun: true },
				},
			}),
			launchWorkflow({
				id: CONTINUE_ID,
				name: 'E2E: Continue On Fail, a flow per item',
				credential: EXAMPLE_CREDENTIAL,
				onError: 'continueRegularOutput',
				items: CONTINUE_ITEMS,
				typeVersion: 2,
				parameters: {
					flowId: { __rl: true, mode: 'id', value: '={{ $json.flow }}' },
					triggerDataMode: 'json',
					triggerDataJson: '={{ $json.data }}',
					waitForCompletion: true,
				},
			}),
			launchWorkflow({
				id: TOKEN_ID,
				name: 'E2E: token renewal',
				credential: TOKEN_CREDENTIAL,
				items: [{ n: 0 }, { n: 1 }, { n: 2 }],
				parameters: {
					flowId: flowRef(seedIds.noInputs, 'No inputs'),
					triggerDataMode: 'json',
					triggerDataJson: '{}',
					executionName: '=token renewal {{ $json.n }}',
				},
			}),
			launchWorkflow({
				id: STORM_ID,
				name: 'E2E: 429 storm',
				credential: STORM_CREDENTIAL,
				items: Array.from({ length: STORM_ITEMS }, (_, n) => ({ n })),
				parameters: {
					flowId: flowRef(seedIds.noInputs, 'No inputs'),
					triggerDataMode: 'json',
					triggerDataJson: '{}',
					executionName: '=storm item {{ $json.n }}',
				},
			}),
		]);
	});

	after(async () => {
		home?.cleanup();
		await emu?.close();
	});

	beforeEach(() => emu.reset());

	test('the example workflow launches one flow per customer with Trigger Data and outputs its results', async () => {
		const result = await executeWorkflow(home, EXAMPLE_ID);
		assert.ok(result.ok, `the run should succeed: ${explain(result)}`);

		const items = nodeOutput(result.run!, GENESYS_NODE_NAME);
		assert.equal(
			items.length,
			CUSTOMERS.length,
			`one output item per customer: ${JSON.stringify(items)}`,
		);
		CUSTOMERS.forEach((customer, i) => {
			const item = items[i];
			assert.equal(item.status, 'COMPLETED', `item ${i}: ${JSON.stringify(item)}`);
			assert.equal(item.flowId, seedIds.demo);
			assert.equal(item.flowName, 'Customer follow-up');
			const outputs = item.outputs as Record<string, unknown> | undefined;
			assert.ok(outputs, `item ${i} has the flow's outputs: ${JSON.stringify(item)}`);
			assert.match(String(outputs.greeting), new RegExp(customer.name), `item ${i} greeting`);
			assert.match(String(outputs.greeting), new RegExp(customer.id), `item ${i} greeting`);
			// Genesys sends Integer outputs as strings; Simplify Output types them by the output schema.
			assert.equal(outputs.ticketNumber, 1000 + customer.priority);
			assert.equal(outputs.escalated, customer.priority >= 3);
			assert.equal(outputs.tagCount, customer.tags.length);
		});

		// What Genesys Cloud received: Flow.-prefixed inputs, typed as the flow declares them.
		const executions = emu.executions();
		assert.equal(executions.length, CUSTOMERS.length);
		const byName = new Map(executions.map((e) => [e.name, e]));
		for (const customer of CUSTOMERS) {
			const execution = byName.get(`Follow-up ${customer.id}`);
			assert.ok(
				execution,
				`an execution named "Follow-up ${customer.id}" (got ${[...byName.keys()].join(', ')})`,
			);
			assert.equal(execution.flowId, seedIds.demo);
			assert.equal(execution.clientId, 'demo-client');
			const inputData = execution.inputData as Record<string, unknown>;
			assert.ok(
				Object.keys(inputData).every((k) => k.startsWith('Flow.')),
				`Flow. keys: ${JSON.stringify(inputData)}`,
			);
			assert.equal(inputData['Flow.customerId'], customer.id);
			assert.equal(inputData['Flow.customerName'], customer.name);
			assert.equal(inputData['Flow.priority'], customer.priority);
			assert.deepEqual(inputData['Flow.tags'], customer.tags);
		}
		const stats = emu.stats();
		assert.equal(stats.duplicateLaunches, 0);
		assert.equal(stats.tokensIssued, 1, 'one token for the whole run');
	});

	test('Dry Run outputs the request each customer would be launched with, and launches nothing', async () => {
		const result = await executeWorkflow(home, DRY_RUN_ID);
		assert.ok(result.ok, `the run should succeed: ${explain(result)}`);
		const items = nodeOutput(result.run!, GENESYS_NODE_NAME);
		assert.deepEqual(
			items,
			CUSTOMERS.map((customer) => ({
				dryRun: true,
				flowId: seedIds.demo,
				flowName: 'Customer follow-up',
				flowVersion: '1.0',
				request: {
					flowId: seedIds.demo,
					flowVersion: '1.0',
					name: `Follow-up ${customer.id}`,
					// The example's third customer has an empty email: empty values are not sent.
					inputData: {
						'Flow.customerId': customer.id,
						'Flow.customerName': customer.name,
						...(customer.email && { 'Flow.email': customer.email }),
						'Flow.priority': customer.priority,
						'Flow.tags': customer.tags,
					},
				},
			})),
		);
		assert.deepEqual(emu.launchAttempts(), [], 'no launch request reached Genesys Cloud');
		const requests = emu.stats().requests;
		assert.equal(requests.getExecution, undefined, 'nothing to wait for');
		// After emu.reset() the token n8n stored is unknown: the first read may meet a 401 before the renewal.
		assert.equal(requests.getFlow?.[200], 1, 'the flow read once');
		assert.equal(requests.getVersion?.[200], 1, 'the pinned version read once');
	});

	test('a value of the wrong type fails the run with the node’s message, and nothing is launched', async () => {
		const result = await executeWorkflow(home, VALIDATION_ID);
		assert.equal(result.ok, false, `the run should fail: ${explain(result)}`);
		assert.equal(
			runErrorMessage(result.run!),
			'Trigger Data (JSON) of item 2 does not fit flow "Customer follow-up": "priority" (Flow.priority) must be an integer, but got the string "high"',
			explain(result),
		);
		assert.equal(result.run!.data.resultData.lastNodeExecuted, GENESYS_NODE_NAME);
		assert.deepEqual(emu.launchAttempts(), [], 'no launch request reached Genesys Cloud');
		assert.equal(emu.executions().length, 0);
	});

	test('inputs nested under "Flow", which Genesys would accept and then fail on, are refused before sending', async () => {
		const result = await executeWorkflow(home, NESTED_ID);
		assert.equal(result.ok, false, `the run should fail: ${explain(result)}`);
		assert.equal(
			runErrorMessage(result.run!),
			'Trigger Data (JSON) of item 0 does not fit flow "Customer follow-up": "Flow" is not an input of the flow',
			explain(result),
		);
		assert.deepEqual(emu.launchAttempts(), [], 'no launch request reached Genesys Cloud');
	});

	test('with Continue On Fail every item comes out paired to its input: done, failed in Genesys, refused, done', async () => {
		const result = await executeWorkflow(home, CONTINUE_ID);
		assert.ok(result.ok, `the run should succeed: ${explain(result)}`);
		const pairs = nodeOutputPairs(result.run!, GENESYS_NODE_NAME);
		assert.deepEqual(
			pairs.map((pair) => pair.pairedTo),
			[0, 1, 2, 3],
			JSON.stringify(pairs),
		);
		const [ada, failed, refused, kay] = pairs.map((pair) => pair.json);
		assert.equal(ada.status, 'COMPLETED', JSON.stringify(ada));
		assert.equal(kay.status, 'COMPLETED', JSON.stringify(kay));
		assert.match(
			String(failed.error),
			/^Flow execution \S+ ended with status ERROR: The data action 'Lookup customer' failed/,
			JSON.stringify(failed),
		);
		assert.match(String(failed.description), /flow\.execution\.data\.action\.failure/);
		assert.equal(
			refused.error,
			'Trigger Data (JSON) of item 2 does not fit flow "Customer follow-up": "priority" (Flow.priority) must be an integer, but got the string "high"',
		);
		const launched = emu.executions();
		assert.deepEqual(
			launched.map((execution) => execution.flowId).sort(),
			[seedIds.demo, seedIds.demo, seedIds.failing].sort(),
			'the refused item is the only one not launched',
		);
		assert.equal(emu.stats().duplicateLaunches, 0);
	});

	test('an expired token is renewed once and the new token is persisted for the next runs', async () => {
		const run = async (label: string) => {
			const result = await executeWorkflow(home, TOKEN_ID);
			assert.ok(result.ok, `${label} should succeed: ${explain(result)}`);
			assert.equal(nodeOutput(result.run!, GENESYS_NODE_NAME).length, 3, label);
			return emu.stats().tokensIssued;
		};

		assert.equal(await run('run 1 (no token stored yet)'), 1, 'run 1 fetches one token');
		const first = await storedToken(home, TOKEN_CREDENTIAL.id);

		emu.expireTokens();
		assert.equal(
			await run('run 2 (stored token expired)'),
			2,
			'run 2 renews the token exactly once',
		);
		assert.equal(await run('run 3 (renewed token stored)'), 2, 'run 3 reuses the persisted token');

		const renewed = await storedToken(home, TOKEN_CREDENTIAL.id);
		assert.ok(renewed !== first, 'the persisted token is the renewed one');
		const executions = emu.executions();
		assert.equal(executions.length, 9, 'every item of the three runs launched');
		assert.equal(
			emu.stats().duplicateLaunches,
			3 * 2,
			'runs 2 and 3 launch the same three items again',
		);
		const refusals = emu.stats().requests;
		const unauthorized = Object.values(refusals).reduce(
			(n, byStatus) => n + (byStatus['401'] ?? 0),
			0,
		);
		assert.ok(
			unauthorized >= 1,
			`the expired token was refused at least once: ${JSON.stringify(refusals)}`,
		);
	});

	test('a storm of 429s ends with every item launched exactly once', async () => {
		emu.configure({
			faultScript: [{ route: 'launch', kind: 429, times: STORM_429S, retryAfterSeconds: 0.2 }],
		});
		const result = await executeWorkflow(home, STORM_ID);
		assert.ok(result.ok, `the run should succeed: ${explain(result)}`);
		assert.equal(nodeOutput(result.run!, GENESYS_NODE_NAME).length, STORM_ITEMS);

		const stats = emu.stats();
		assert.equal(stats.rateLimited, STORM_429S, 'the whole storm was answered');
		assert.equal(stats.duplicateLaunches, 0);
		const names = emu
			.executions()
			.map((e) => e.name)
			.sort();
		assert.deepEqual(
			names,
			Array.from({ length: STORM_ITEMS }, (_, n) => `storm item ${n}`).sort(),
		);
	});
});
