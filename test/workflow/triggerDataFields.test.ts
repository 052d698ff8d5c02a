import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import type { ResourceMapperField } from 'n8n-workflow';

import { seedIds } from '../../emulator';
import {
	genesysNode,
	launchParameters,
	loadTriggerDataFields,
	requestCount,
	saveCredential,
	setUp,
	type Bench,
} from './support';

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

	test('one typed field per input of every Architect type, ids without the Flow. prefix, none required (real dialect)', async () => {
		const { fields, emptyFieldsNotice } = await loadTriggerDataFields(
			bench,
			credentialId,
			seedIds.allTypes,
		);
		assert.equal(emptyFieldsNotice, undefined);
		assert.deepEqual(
			fields.map((field) => [field.id, field.type, field.required]),
			[
				['stringInput', 'string', false],
				['integerInput', 'number', false],
				['decimalInput', 'number', false],
				['booleanInput', 'boolean', false],
				['dateInput', 'dateTime', false],
				['dateTimeInput', 'dateTime', false],
				['jsonInput', 'object', false],
				['stringCollection', 'array', false],
				['integerCollection', 'array', false],
				// Architect has no enum type: a real schema gives the colour as a plain String.
				['colour', 'string', false],
			],
		);
		for (const field of fields) {
			assert.ok(
				!field.id.includes('.'),
				`field id ${field.id} must not hold a dot (n8n parameter paths split on it)`,
			);
			assert.equal(field.display, true);
			assert.equal(field.defaultMatch, false);
		}
	});

	test('plain schemas: enums become options; labels name the variable and its type, in both dialects', async () => {
		const real = byId((await loadTriggerDataFields(bench, credentialId, seedIds.allTypes)).fields);
		bench.emulator.configure({ schemaDialect: 'plain' });
		const fields = byId(
			(await loadTriggerDataFields(bench, credentialId, seedIds.allTypes)).fields,
		);
		bench.emulator.reset();
		assert.deepEqual(fields.colour.options, [
			{ name: 'red', value: 'red' },
			{ name: 'green', value: 'green' },
			{ name: 'blue', value: 'blue' },
		]);
		for (const labels of [real, fields]) {
			assert.equal(labels.stringInput.displayName, 'stringInput (String)');
			assert.equal(labels.integerInput.displayName, 'integerInput (Integer)');
			assert.equal(labels.dateInput.displayName, 'dateInput (Date)');
			assert.equal(labels.integerCollection.displayName, 'integerCollection (Integer list)');
			assert.equal(labels.stringCollection.displayName, 'stringCollection (String list)');
			assert.equal(labels.decimalInput.displayName, 'decimalInput (Decimal)');
		}
	});

	test('required flags follow a plain schema exactly; a real schema marks none', async () => {
		const real = (await loadTriggerDataFields(bench, credentialId, seedIds.demo)).fields;
		assert.ok(real.every((field) => field.required === false));
		bench.emulator.configure({ schemaDialect: 'plain' });
		const demo = byId((await loadTriggerDataFields(bench, credentialId, seedIds.demo)).fields);
		bench.emulator.reset();
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
		assert.match(
			String(result.emptyFieldsNotice),
			/Flow "No inputs" has no input variables, so it is launched without Trigger Data/,
		);
	});

	test('the latest published version by default, another version when Flow Version names it', async () => {
		const latest = await loadTriggerDataFields(bench, credentialId, seedIds.multiVersion);
		assert.deepEqual(
			latest.fields.map((field) => [field.id, field.required]),
			[
				['v3Text', true],
				['v3Count', false],
			],
		);
		const v1 = await loadTriggerDataFields(bench, credentialId, seedIds.multiVersion, '1.0');
		assert.deepEqual(
			v1.fields.map((field) => [field.id, field.type, field.required]),
			[['v1Text', 'string', true]],
		);
		const v2 = await loadTriggerDataFields(bench, credentialId, seedIds.multiVersion, '2.0');
		assert.deepEqual(
			v2.fields.map((field) => [field.id, field.type, field.required]),
			[['v2Number', 'number', true]],
		);
	});

	test('a flow picked by its Architect URL loads the same fields', async () => {
		const node = genesysNode(
			credentialId,
			launchParameters('', {
				flowId: {
					__rl: true,
					mode: 'url',
					value: `https://apps.mypurecloud.com/architect/#/workflow/${seedIds.demo}/latest`,
				},
			}),
		);
		const { fields } = await bench.harness.resourceMapperFields(node, 'getTriggerDataFields');
		assert.deepEqual(
			fields.map((field) => field.id),
			['customerId', 'customerName', 'email', 'priority', 'tags'],
		);
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
		assert.equal(
			requestCount(bench, 'getVersion') - versions,
			0,
			'the flow carries the published schema',
		);
		await loadTriggerDataFields(bench, credentialId, seedIds.multiVersion, '2.0');
		assert.equal(requestCount(bench, 'getVersion') - versions, 1);
	});
});
