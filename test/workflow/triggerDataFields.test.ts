import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { ResourceMapperField } from 'n8n-workflow';

import { seedIds } from '../../emulator';
import { genesysNode, launchParameters, loadTriggerDataFields, requestCount, saveCredential, setUp, type Bench } from './support';

function byId(fields: ResourceMapperField[]) {
	return Object.fromEntries(fields.map((field) => [field.id, field]));
}

describe('Trigger Data fields (resource mapper)', () => {
	let bench: Bench;
	let credentialId: string;
	before(async () => {
		bench = await setUp();
		credentialId = saveCredential(bench);
	});
	after(async () => await bench.close());

	test('one typed field per input of every Architect type, ids without the Flow. prefix', async () => {
		const { fields, emptyFieldsNotice } = await loadTriggerDataFields(bench, credentialId, seedIds.allTypes);
		assert.equal(emptyFieldsNotice, undefined);
		assert.deepEqual(
			fields.map((field) => [field.id, field.type, field.required]),
			[
				['stringInput', 'string', true],
				['integerInput', 'number', true],
				['decimalInput', 'number', false],
				['booleanInput', 'boolean', false],
				['dateInput', 'dateTime', false],
				['dateTimeInput', 'dateTime', false],
				['jsonInput', 'object', false],
				['stringCollection', 'array', false],
				['integerCollection', 'array', false],
				['colour', 'options', false],
			],
		);
		for (const field of fields) {
			assert.ok(!field.id.includes('.'), `field id ${field.id} must not hold a dot (n8n parameter paths split on it)`);
			assert.equal(field.display, true);
			assert.equal(field.defaultMatch, false);
		}
	});

	test('enums become options, and labels carry the type hints and the schema descriptions', async () => {
		const fields = byId((await loadTriggerDataFields(bench, credentialId, seedIds.allTypes)).fields);
		assert.deepEqual(fields.colour.options, [
			{ name: 'red', value: 'red' },
			{ name: 'green', value: 'green' },
			{ name: 'blue', value: 'blue' },
		]);
		assert.match(fields.stringInput.displayName, /^stringInput — A String input \(required\)\.$/);
		assert.match(fields.integerInput.displayName, /^integerInput \(integer\) — An Integer input/);
		assert.match(fields.dateInput.displayName, /^dateInput \(date \(YYYY-MM-DD\)\)/);
		assert.match(fields.integerCollection.displayName, /^integerCollection \(list of integers\) — An Integer collection\.$/);
		assert.match(fields.stringCollection.displayName, /^stringCollection \(list of strings\)/);
		assert.match(fields.decimalInput.displayName, /^decimalInput — A Decimal input\.$/);
	});

	test('required flags follow the schema exactly', async () => {
		const demo = byId((await loadTriggerDataFields(bench, credentialId, seedIds.demo)).fields);
		assert.deepEqual(
			Object.values(demo).map((field) => [field.id, field.required]),
			[
				['customerId', true],
				['customerName', true],
				['email', false],
				['priority', false],
				['tags', false],
			],
		);
	});

	test('a flow without inputs gives no fields and a notice, not an error', async () => {
		const result = await loadTriggerDataFields(bench, credentialId, seedIds.noInputs);
		assert.deepEqual(result.fields, []);
		assert.match(String(result.emptyFieldsNotice), /Flow "No inputs" has no input variables, so it is launched without Trigger Data/);
	});

	test('the latest published version by default, another version when Flow Version names it', async () => {
		const latest = await loadTriggerDataFields(bench, credentialId, seedIds.multiVersion);
		assert.deepEqual(latest.fields.map((field) => [field.id, field.required]), [['v3Text', true], ['v3Count', false]]);
		const v1 = await loadTriggerDataFields(bench, credentialId, seedIds.multiVersion, '1.0');
		assert.deepEqual(v1.fields.map((field) => [field.id, field.type, field.required]), [['v1Text', 'string', true]]);
		const v2 = await loadTriggerDataFields(bench, credentialId, seedIds.multiVersion, '2.0');
		assert.deepEqual(v2.fields.map((field) => [field.id, field.type, field.required]), [['v2Number', 'number', true]]);
	});

	test('a flow picked by its Architect URL loads the same fields', async () => {
		const node = genesysNode(
			credentialId,
			launchParameters('', {
				flowId: { __rl: true, mode: 'url', value: `https://apps.mypurecloud.com/architect/#/workflow/${seedIds.demo}/latest` },
			}),
		);
		const { fields } = await bench.harness.resourceMapperFields(node, 'getTriggerDataFields');
		assert.deepEqual(fields.map((field) => field.id), ['customerId', 'customerName', 'email', 'priority', 'tags']);
	});

	test('flows that cannot be launched explain why instead of showing fields', async () => {
		await assert.rejects(loadTriggerDataFields(bench, credentialId, seedIds.unpublished), {
			message: 'Flow "Unpublished workflow" has no published version',
		});
		await assert.rejects(loadTriggerDataFields(bench, credentialId, seedIds.inboundCall), {
			message: 'Flow "Main IVR" is of type INBOUNDCALL, not a workflow, so it cannot be launched',
		});
		const noFlow = await loadTriggerDataFields(bench, credentialId, '');
		assert.deepEqual(noFlow.fields, []);
		assert.match(String(noFlow.emptyFieldsNotice), /Pick a flow first/);
	});

	test('reads the flow once, plus the version only when one is named', async () => {
		const flows = requestCount(bench, 'getFlow');
		const versions = requestCount(bench, 'getVersion');
		await loadTriggerDataFields(bench, credentialId, seedIds.allTypes);
		assert.equal(requestCount(bench, 'getFlow') - flows, 1);
		assert.equal(requestCount(bench, 'getVersion') - versions, 0, 'the flow carries the published schema');
		await loadTriggerDataFields(bench, credentialId, seedIds.multiVersion, '2.0');
		assert.equal(requestCount(bench, 'getVersion') - versions, 1);
	});
});
