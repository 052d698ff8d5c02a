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
	NODE_TYPE,
	requestCount,
	runNode,
	useBench,
	type Bench,
} from './support';

/**
 * The node against the schema dialect real orgs send (draft-07 `$ref`/`oneOf`, no `required`), the emulator's
 * default: typed fields, the exact inputData sent, keys and values refused before sending, typed outputs.
 */
describe('Real Genesys dialect: typed Trigger Data, refusal before sending, typed outputs', () => {
	let bench: Bench;
	let credentialId: string;
	useBench((started, credential) => ([bench, credentialId] = [started, credential]));

	const json = (values: IDataObject, extra: INodeParameters = {}): INodeParameters => ({
		triggerDataMode: 'json',
		triggerDataJson: JSON.stringify(values),
		...extra,
	});

	async function launchFails(flowId: string, parameters: INodeParameters) {
		const result = await runNode(
			bench,
			genesysNode(credentialId, launchParameters(flowId, parameters)),
		);
		assert.equal(requestCount(bench, 'launch'), 0, 'nothing reached the launch endpoint');
		return failureOf(result);
	}

	test('every Architect type gets its field type and a label naming the type; none is required', async () => {
		const { fields } = await loadTriggerDataFields(bench, credentialId, seedIds.allTypes);
		const byId = Object.fromEntries(
			fields.map((field) => [field.id, [field.type, field.displayName, field.required]]),
		);
		assert.deepEqual(byId.stringInput, ['string', 'stringInput (String)', false]);
		assert.deepEqual(byId.integerInput, ['number', 'integerInput (Integer)', false]);
		assert.deepEqual(byId.decimalInput, ['number', 'decimalInput (Decimal)', false]);
		assert.deepEqual(byId.booleanInput, ['boolean', 'booleanInput (Boolean)', false]);
		assert.deepEqual(byId.dateInput, ['dateTime', 'dateInput (Date)', false]);
		assert.deepEqual(byId.dateTimeInput, ['dateTime', 'dateTimeInput (DateTime)', false]);
		assert.deepEqual(byId.jsonInput, ['object', 'jsonInput (JSON)', false]);
		assert.deepEqual(byId.stringCollection, ['array', 'stringCollection (String list)', false]);
		assert.deepEqual(byId.integerCollection, ['array', 'integerCollection (Integer list)', false]);
	});

	test('Fields mode notice: an empty field is not sent and the flow uses the initial value', async () => {
		const description = bench.harness.nodeTypes.getByNameAndVersion(NODE_TYPE).description;
		const notice = description.properties.find((property) => property.name === 'triggerDataNotice');
		assert.ok(notice, 'the Launch operation has a notice above the fields');
		assert.equal(notice.type, 'notice');
		assert.match(
			notice.displayName,
			/Empty fields are not sent: the flow then uses the initial value/,
		);
		assert.deepEqual(notice.displayOptions?.show?.triggerDataMode, ['fields']);
	});

	test('the exact inputData sent: keys as the schema spells them, values of their JSON types, empty fields left out', async () => {
		const { fields } = await loadTriggerDataFields(bench, credentialId, seedIds.allTypes);
		const node = genesysNode(
			credentialId,
			launchParameters(seedIds.allTypes, {
				triggerData: mappedFields(fields, {
					stringInput: 'hello',
					integerInput: '={{ "42" }}',
					decimalInput: '={{ "4.5" }}',
					booleanInput: '={{ "true" }}',
					dateInput: '2026-01-31',
					dateTimeInput: '2026-01-31T09:30:00Z',
					jsonInput: '={{ { "a": 1 } }}',
					stringCollection: '={{ ["x", "y"] }}',
					integerCollection: '={{ ["1", 2] }}',
					colour: '',
				}),
			}),
		);
		const result = await runNode(bench, node);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(bench.emulator.executions()[0].inputData, {
			'Flow.stringInput': 'hello',
			'Flow.integerInput': 42,
			'Flow.decimalInput': 4.5,
			'Flow.booleanInput': true,
			'Flow.dateInput': '2026-01-31',
			// n8n's date-time widget hands over a Luxon DateTime, sent as ISO 8601 with milliseconds.
			'Flow.dateTimeInput': '2026-01-31T09:30:00.000Z',
			'Flow.jsonInput': { a: 1 },
			'Flow.stringCollection': ['x', 'y'],
			'Flow.integerCollection': [1, 2],
		});
	});

	test('inputs nested under "Flow" are refused before sending, naming the key and the accepted inputs', async () => {
		const failure = await launchFails(seedIds.demo, json({ Flow: { customerId: 'C-1' } }));
		assert.equal(
			failure.message,
			'Trigger Data (JSON) of item 0 does not fit flow "Customer follow-up": "Flow" is not an input of the flow',
		);
		assert.match(
			failure.description,
			/The flow's inputs are: customerId \(String\), customerName \(String\), email \(String\), priority \(Integer\), tags \(String list\)\./,
		);
		assert.match(failure.description, /Inputs are not nested under "Flow"/);
		assert.match(
			failure.description,
			/would accept such a key and the flow would then fail at run time/,
		);
	});

	test('the support-forum payload {"userId": …} for a flow without userId is refused before sending', async () => {
		const failure = await launchFails(seedIds.demo, json({ userId: 'user-001' }));
		assert.equal(
			failure.message,
			'Trigger Data (JSON) of item 0 does not fit flow "Customer follow-up": "userId" is not an input of the flow',
		);
	});

	const limitCases: Array<[string, IDataObject, RegExp]> = [
		[
			'an integer above maximum',
			{ integerInput: 1e15 },
			/"integerInput" \(Flow\.integerInput\) must be at most 999999999999999, but got the number 1000000000000000$/,
		],
		[
			'a string over maxLength',
			{ stringInput: 'x'.repeat(32001) },
			/"stringInput" \(Flow\.stringInput\) must be at most 32000 characters long, but got a string of 32001 characters$/,
		],
		[
			'a collection over maxItems',
			{ stringCollection: Array(2001).fill('a') },
			/"stringCollection" \(Flow\.stringCollection\) must hold at most 2000 items, but got a list of 2001 items$/,
		],
		[
			'a wrong type',
			{ booleanInput: 'yes' },
			/"booleanInput" \(Flow\.booleanInput\) must be a boolean \(true or false\), but got the string "yes"$/,
		],
	];
	for (const [name, values, message] of limitCases) {
		test(`${name} is refused before sending, naming field, limit or type, value and item`, async () => {
			const failure = await launchFails(seedIds.allTypes, json(values));
			assert.match(
				failure.message,
				/^Trigger Data \(JSON\) of item 0 does not fit flow "All input types": /,
			);
			assert.match(failure.message, message);
			assert.equal(failure.itemIndex, 0);
		});
	}

	test('with Continue On Fail, bad items come out paired to their inputs and the good ones launch', async () => {
		const node = {
			...genesysNode(
				credentialId,
				launchParameters(seedIds.demo, {
					triggerDataMode: 'json',
					triggerDataJson: '={{ $json }}',
				}),
			),
			onError: 'continueRegularOutput' as const,
		};
		const input: IDataObject[] = [
			{ customerId: 'C-0' },
			{ Flow: { customerId: 'C-1' } },
			{ customerId: 'C-2', priority: 2 },
			{ userId: 'user-001' },
		];
		const result = await runNode(bench, node, input);
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(
			result.items.map((item) => item.pairedItem),
			input.map((_, item) => ({ item })),
		);
		assert.match(String(result.items[1].json.error), /"Flow" is not an input/);
		assert.match(String(result.items[3].json.error), /"userId" is not an input/);
		assert.deepEqual(
			bench.emulator.executions().map((execution) => execution.inputData),
			[{ 'Flow.customerId': 'C-0' }, { 'Flow.customerId': 'C-2', 'Flow.priority': 2 }],
		);
	});

	test('typed outputs: an Integer output sent as "1002" comes out as 1002; off, outputData is untouched', async () => {
		const launch = (simplifyOutput: boolean) =>
			runNode(
				bench,
				genesysNode(
					credentialId,
					launchParameters(seedIds.demo, {
						...json({ customerId: 'C-1', customerName: 'Ada', priority: 2, tags: [] }),
						waitForCompletion: true,
						options: { pollInterval: 0.05, simplifyOutput },
					}),
				),
			);
		const simplified = await launch(true);
		assert.equal(simplified.error, undefined, simplified.error?.message);
		const outputs = simplified.items[0].json.outputs as IDataObject;
		assert.equal(outputs.ticketNumber, 1002);
		assert.equal(outputs.tagCount, 0);
		assert.equal(outputs.escalated, false);

		const raw = await launch(false);
		const outputData = raw.items[0].json.outputData as IDataObject;
		assert.equal(
			outputData['Flow.ticketNumber'],
			'1002',
			'Genesys sends Integer outputs as strings',
		);
	});

	test('a run that needs an input the launch left empty ends FAILED, and the item names the variable', async () => {
		const result = await runNode(
			bench,
			genesysNode(
				credentialId,
				launchParameters(seedIds.demo, {
					...json({ customerName: 'Ada' }),
					waitForCompletion: true,
					options: { pollInterval: 0.05 },
				}),
			),
		);
		const failure = failureOf(result);
		assert.match(failure.message, /ended with status FAILED/);
		assert.match(
			failure.description,
			/Flow error code: error\.workflow\.expression\.unexpectedNull\./,
		);
		assert.match(failure.description, /The flow needed Flow\.customerId and found no usable value/);
	});
});
