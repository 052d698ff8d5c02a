import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { seedIds } from '../../emulator';
import {
	failureOf,
	genesysNode,
	launchParameters,
	loadTriggerDataFields,
	mappedFields,
	requestCount,
	runNode,
	useBench,
	type Bench,
} from './support';

const DEMO_INPUTS =
	"The flow's inputs are: customerId (String, required), customerName (String, required), email (String), priority (Integer), tags (String list).";

// Plain schemas (the SDK model's form, still served by some gateways) are the only ones that carry `required` and
// enums, so this suite runs against them; the real dialect's checks are in realDialect.test.ts.
describe('Trigger Data validation (plain schemas): nothing is sent when an item does not fit the flow', () => {
	let bench: Bench;
	let credentialId: string;
	useBench((started, credential) => ([bench, credentialId] = [started, credential]), {
		schemaDialect: 'plain',
	});

	async function launchFails(
		flowId: string,
		parameters: INodeParameters,
		input: IDataObject[] = [{}],
	) {
		const result = await runNode(
			bench,
			genesysNode(credentialId, launchParameters(flowId, parameters)),
			input,
		);
		const failure = failureOf(result);
		assert.equal(requestCount(bench, 'launch'), 0, 'no request reached the launch endpoint');
		assert.deepEqual(bench.emulator.executions(), []);
		return failure;
	}

	const json = (values: IDataObject): INodeParameters => ({
		triggerDataMode: 'json',
		triggerDataJson: JSON.stringify(values),
	});

	test('a missing required input names the field, its type, and the item', async () => {
		const failure = await launchFails(seedIds.demo, json({ customerId: 'C-1' }));
		assert.equal(
			failure.message,
			'Trigger Data (JSON) of item 0 does not fit flow "Customer follow-up": "customerName" (Flow.customerName) is required (a string) but has no value',
		);
		assert.equal(failure.itemIndex, 0);
		assert.ok(failure.description.includes(DEMO_INPUTS), failure.description);
		assert.match(failure.description, /nothing was sent to Genesys Cloud/);
	});

	test('a required field mapped to an empty value fails in the node; a missing one never reaches it', async () => {
		const { fields } = await loadTriggerDataFields(bench, credentialId, seedIds.demo);
		const empty = await launchFails(
			seedIds.demo,
			{
				triggerData: mappedFields(fields, {
					customerId: '={{ $json.id }}',
					customerName: '={{ $json.name ?? "" }}',
				}),
			},
			[{ id: 'C-1', name: 'Ada' }, { id: 'C-2' }],
		);
		assert.equal(
			empty.message,
			'Trigger Data of item 1 does not fit flow "Customer follow-up": "customerName" (Flow.customerName) is required (a string) but has no value',
		);
		assert.equal(empty.itemIndex, 1);

		// n8n checks required resource-mapper fields itself: an unresolved expression, then a field left out.
		const unresolved = await launchFails(seedIds.demo, {
			triggerData: mappedFields(fields, { customerId: 'C-1', customerName: '={{ $json.name }}' }),
		});
		assert.match(unresolved.message, /^Invalid input for 'customerName' \[item 0\]/);
		assert.match(unresolved.description, /The value "customerName" is required but not set/);
		await assert.rejects(
			runNode(
				bench,
				genesysNode(
					credentialId,
					launchParameters(seedIds.demo, {
						triggerData: mappedFields(fields, { customerId: 'C-1' }),
					}),
				),
			),
			{ name: 'WorkflowHasIssuesError', message: /Input "customerName" is required/ },
		);
		assert.equal(requestCount(bench, 'launch'), 0);
	});

	test('the failing item is named in a batch, and the good items before it are not launched either', async () => {
		const failure = await launchFails(
			seedIds.demo,
			{ triggerDataMode: 'json', triggerDataJson: '={{ $json }}' },
			[
				{ customerId: 'C-1', customerName: 'Ada' },
				{ customerId: 'C-2', customerName: 'Grace' },
				{ customerId: 'C-3', customerName: 'Lin', priority: 'high' },
			],
		);
		assert.equal(
			failure.message,
			'Trigger Data (JSON) of item 2 does not fit flow "Customer follow-up": "priority" (Flow.priority) must be an integer, but got the string "high"',
		);
		assert.equal(failure.itemIndex, 2);
	});

	test('a wrong type names the field, the expected type and the value received', async () => {
		const cases: Array<[IDataObject, string]> = [
			[
				{ integerInput: 4.5 },
				'"integerInput" (Flow.integerInput) must be an integer, but got the number 4.5',
			],
			[
				{ decimalInput: 'ten' },
				'"decimalInput" (Flow.decimalInput) must be a decimal number, but got the string "ten"',
			],
			[
				{ booleanInput: 'yes' },
				'"booleanInput" (Flow.booleanInput) must be a boolean (true or false), but got the string "yes"',
			],
			[
				{ dateInput: '31/01/2026' },
				'"dateInput" (Flow.dateInput) must be a date (YYYY-MM-DD), but got the string "31/01/2026"',
			],
			[
				{ dateInput: '2026-02-30' },
				'"dateInput" (Flow.dateInput) must be a date (YYYY-MM-DD), but got the string "2026-02-30"',
			],
			[
				{ dateTimeInput: '2026-01-31T09:30:00' },
				'"dateTimeInput" (Flow.dateTimeInput) must be a date-time (ISO 8601 with a time zone, e.g. 2026-01-31T09:30:00Z), but got the string "2026-01-31T09:30:00"',
			],
			[
				{ jsonInput: [1, 2] },
				'"jsonInput" (Flow.jsonInput) must be a JSON object, but got the list [1,2]',
			],
			[
				{ integerCollection: [1, 'two'] },
				'"integerCollection" (Flow.integerCollection) must be a list of integers, but got the list [1,"two"]',
			],
			[
				{ stringCollection: 'a,b' },
				'"stringCollection" (Flow.stringCollection) must be a list of strings, but got the string "a,b"',
			],
		];
		for (const [values, problem] of cases) {
			bench.emulator.reset();
			const failure = await launchFails(
				seedIds.allTypes,
				json({ stringInput: 's', integerInput: 1, ...values }),
			);
			assert.equal(
				failure.message,
				`Trigger Data (JSON) of item 0 does not fit flow "All input types": ${problem}`,
			);
		}
	});

	test('a value n8n converts but the flow refuses (a decimal for an Integer field) fails in the node', async () => {
		const { fields } = await loadTriggerDataFields(bench, credentialId, seedIds.demo);
		const failure = await launchFails(seedIds.demo, {
			triggerData: mappedFields(fields, {
				customerId: 'C',
				customerName: 'N',
				priority: '={{ 2.5 }}',
			}),
		});
		assert.match(
			failure.message,
			/"priority" \(Flow\.priority\) must be an integer, but got the number 2\.5$/,
		);
	});

	test('a Fields value n8n cannot convert fails with n8n\'s "Invalid input" naming field and item', async () => {
		const { fields } = await loadTriggerDataFields(bench, credentialId, seedIds.demo);
		const failure = await launchFails(
			seedIds.demo,
			{
				triggerData: mappedFields(fields, {
					customerId: 'C',
					customerName: 'N',
					priority: '={{ $json.priority }}',
				}),
			},
			[{ priority: 1 }, { priority: 'urgent' }],
		);
		assert.match(failure.message, /^Invalid input for 'priority' \[item 1\]/);
		assert.match(failure.description, /'priority' expects a number but we got 'urgent'/);
	});

	test('auto-mapped items are checked too: a wrong type or a missing required key fails its item', async () => {
		const { fields } = await loadTriggerDataFields(bench, credentialId, seedIds.demo);
		const failure = await launchFails(
			seedIds.demo,
			{ triggerData: mappedFields(fields, null, 'autoMapInputData') },
			[
				{ customerId: 'C-1', customerName: 'Ada', priority: 2 },
				{ customerId: 'C-2', customerName: 'Grace', tags: 'vip' },
			],
		);
		assert.equal(
			failure.message,
			'Auto-mapped Trigger Data of item 1 does not fit flow "Customer follow-up": "tags" (Flow.tags) must be a list of strings, but got the string "vip"',
		);

		bench.emulator.reset();
		const missing = await launchFails(
			seedIds.demo,
			{ triggerData: mappedFields(fields, null, 'autoMapInputData') },
			[{ id: 'C-1', email: 'ada@example.com' }],
		);
		assert.equal(
			missing.message,
			'Auto-mapped Trigger Data of item 0 does not fit flow "Customer follow-up": "customerId" (Flow.customerId) is required (a string) but has no value',
		);
		assert.match(
			missing.description,
			/All problems: .*"customerName" \(Flow\.customerName\) is required/,
		);
	});

	test('an unknown key is refused, listing the inputs the flow accepts', async () => {
		const failure = await launchFails(
			seedIds.demo,
			json({ customerId: 'C', customerName: 'N', nickname: 'Bob', 'Flow.age': 3 }),
		);
		assert.equal(
			failure.message,
			'Trigger Data (JSON) of item 0 does not fit flow "Customer follow-up": "nickname", "Flow.age" are not inputs of the flow',
		);
		assert.ok(failure.description.includes(DEMO_INPUTS), failure.description);
		assert.match(
			failure.description,
			/publish it in Architect, then refresh the Trigger Data fields/,
		);
	});

	test('a field left over from an older schema is refused like an unknown key', async () => {
		const { fields } = await loadTriggerDataFields(
			bench,
			credentialId,
			seedIds.multiVersion,
			'1.0',
		);
		const failure = await launchFails(seedIds.multiVersion, {
			triggerData: mappedFields(fields, { v1Text: 'old' }),
		});
		assert.equal(
			failure.message,
			'Trigger Data of item 0 does not fit flow "Multi version": "v1Text" is not an input of the flow',
		);
		assert.match(
			failure.description,
			/The flow's inputs are: v3Text \(String, required\), v3Count \(Integer\)\./,
		);
		assert.match(failure.description, /"v3Text" \(Flow\.v3Text\) is required/);
	});

	test('a value outside an enum lists the allowed values', async () => {
		const failure = await launchFails(
			seedIds.allTypes,
			json({ stringInput: 's', integerInput: 1, colour: 'purple' }),
		);
		assert.equal(
			failure.message,
			'Trigger Data (JSON) of item 0 does not fit flow "All input types": "colour" (Flow.colour) must be one of "red", "green", "blue", but got the string "purple"',
		);
	});

	test("an enum Fields value outside the options fails in n8n's validation", async () => {
		const { fields } = await loadTriggerDataFields(bench, credentialId, seedIds.allTypes);
		const failure = await launchFails(seedIds.allTypes, {
			triggerData: mappedFields(fields, {
				stringInput: 's',
				integerInput: 1,
				colour: '={{ "purple" }}',
			}),
		});
		assert.match(failure.message, /^Invalid input for 'colour' \[item 0\]/);
	});

	test("invalid JSON, or JSON that is not an object, is refused with the parser's reason", async () => {
		const broken = await launchFails(seedIds.demo, {
			triggerDataMode: 'json',
			triggerDataJson: '{"customerId": ',
		});
		assert.equal(broken.message, 'Trigger Data (JSON) of item 0 is not a JSON object');
		assert.match(
			broken.description,
			/Give an object such as \{"customerId": "C-42"\} \(.*JSON.*\)\./,
		);

		bench.emulator.reset();
		const list = await launchFails(seedIds.demo, {
			triggerDataMode: 'json',
			triggerDataJson: '["C-1"]',
		});
		assert.equal(list.message, 'Trigger Data (JSON) of item 0 is not a JSON object');
	});

	test('a flow that is not a workflow is refused before launching', async () => {
		const failure = await launchFails(seedIds.inboundCall, { triggerDataMode: 'json' });
		assert.equal(
			failure.message,
			'Flow "Main IVR" is of type INBOUNDCALL, not a workflow, so it cannot be launched',
		);
		assert.match(failure.description, /only flows of type Workflow/);
	});

	test('an unpublished flow is refused before launching', async () => {
		const failure = await launchFails(seedIds.unpublished, { triggerDataMode: 'json' });
		assert.equal(failure.message, 'Flow "Unpublished workflow" has no published version');
		assert.match(failure.description, /Publish the workflow in Architect/);
	});

	test('a deleted flow is refused before launching', async () => {
		const failure = await launchFails(seedIds.deleted, { triggerDataMode: 'json' });
		assert.equal(failure.message, 'Flow "Deleted workflow" was deleted in Genesys Cloud');
		assert.match(failure.description, /restore this one in Architect/);
	});

	test('a flow ID that resolves to nothing is refused; an empty static one blocks the run', async () => {
		const failure = await launchFails('={{ $json.flowId }}', { triggerDataMode: 'json' }, [{}]);
		assert.equal(failure.message, 'No flow is selected');
		assert.match(failure.description, /Pick a workflow in Flow/);
		await assert.rejects(runNode(bench, genesysNode(credentialId, launchParameters(''))), {
			name: 'WorkflowHasIssuesError',
			message: /Parameter "Flow" is required/,
		});
	});
});
