import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AxiosInstance } from 'axios';
import type { RunningEmulator } from '../../emulator';
import { api, assertError, raw, seedIds, start } from './helpers';

const DEMO_INPUT = { 'Flow.customerId': 'C-1', 'Flow.customerName': 'Ann' };
const ALL_TYPES_VALID = {
	'Flow.stringInput': 'text',
	'Flow.integerInput': 41,
	'Flow.decimalInput': 2.5,
	'Flow.booleanInput': true,
	'Flow.dateInput': '2025-02-28',
	'Flow.dateTimeInput': '2025-02-28T09:30:00.000Z',
	'Flow.jsonInput': { nested: [1, { a: true }] },
	'Flow.stringCollection': ['a', 'b'],
	'Flow.integerCollection': [1, 2, 3],
	'Flow.colour': 'green',
};

describe('emulator: POST /api/v2/flows/executions', () => {
	let emu: RunningEmulator;
	let client: AxiosInstance;
	const launch = (body: unknown) => client.post('/api/v2/flows/executions', body);
	before(async () => (emu = await start({ knobs: { rateLimit: null } })));
	after(() => emu.close());
	beforeEach(async () => {
		emu.reset();
		client = await api(emu);
	});

	it('launches a workflow and answers {id, name, flowVersion, selfUri}; the launch is recorded exactly as sent', async () => {
		const res = await launch({
			flowId: seedIds.demo,
			name: 'Follow up C-1',
			inputData: { ...DEMO_INPUT, 'Flow.tags': ['vip'] },
		});
		assert.equal(res.status, 200);
		assert.match(res.data.id, /^[0-9a-f-]{36}$/);
		assert.equal(res.data.name, 'Follow up C-1');
		assert.deepEqual(res.data.flowVersion, {
			id: '1.0',
			name: '1.0',
			selfUri: `/api/v2/flows/${seedIds.demo}/versions/1.0`,
		});
		assert.equal(res.data.selfUri, `/api/v2/flows/executions/${res.data.id}`);
		const [record] = emu.executions();
		assert.equal(record.id, res.data.id);
		assert.equal(record.flowId, seedIds.demo);
		assert.equal(record.flowVersion, '1.0');
		assert.equal(record.requestedFlowVersion, undefined);
		assert.equal(record.name, 'Follow up C-1');
		assert.deepEqual(record.inputData, { ...DEMO_INPUT, 'Flow.tags': ['vip'] });
		assert.equal(record.status, 'RUNNING');
		assert.equal(record.clientId, 'demo-client');
		assert.equal(record.tokenScope, null);
		const listed = await raw(emu).get('/__emulator/executions');
		assert.deepEqual(
			listed.data.map((e: { id: string }) => e.id),
			[res.data.id],
		);
		assert.equal(emu.stats().launches[seedIds.demo], 1);
		assert.equal(emu.stats().launchesTotal, 1);
	});

	it('accepts every Architect input type, absent inputData and {} for a flow without inputs', async () => {
		assert.equal(
			(await launch({ flowId: seedIds.allTypes, inputData: ALL_TYPES_VALID })).status,
			200,
		);
		assert.equal(
			(
				await launch({
					flowId: seedIds.allTypes,
					inputData: { 'Flow.stringInput': 'x', 'Flow.integerInput': 1, 'Flow.colour': null },
				})
			).status,
			200,
			'null unsets an optional input',
		);
		assert.equal((await launch({ flowId: seedIds.noInputs, inputData: {} })).status, 200);
		assert.equal((await launch({ flowId: seedIds.noInputs })).status, 200);
		const named = await launch({ flowId: seedIds.noInputs });
		assert.match(named.data.name, /^No inputs /, 'a generated name when none is sent');
		assert.equal(
			emu.executions()[3].inputData,
			undefined,
			'absent inputData is recorded as absent',
		);
	});

	it('rejects missing inputData when missingInputData is reject', async () => {
		emu.configure({ missingInputData: 'reject' });
		const res = await launch({ flowId: seedIds.noInputs });
		assertError(res, 400, 'invalid.value', 'inputData is required', 'send {}');
		assert.equal(res.data.details[0].fieldName, 'inputData');
	});

	it('rejects body fields that do not exist, naming the field and pointing to inputData', async () => {
		for (const field of ['inputs', 'triggerData', 'attributes']) {
			const res = await launch({ flowId: seedIds.demo, [field]: DEMO_INPUT });
			assertError(res, 400, 'bad.request', `'${field}'`, 'inputData');
			assert.equal(res.data.details[0].fieldName, field);
		}
		assert.equal(emu.executions().length, 0);
		const attempts = emu.launchAttempts();
		assert.equal(attempts.length, 3);
		assert.deepEqual(attempts[0].body, { flowId: seedIds.demo, inputs: DEMO_INPUT });
		assert.equal(attempts[0].status, 400);
		assert.equal(attempts[0].errorCode, 'bad.request');
	});

	it('rejects a body that is not JSON or not an object, and payloads over 512,000 bytes with 413', async () => {
		const notJson = await client.post('/api/v2/flows/executions', '{"flowId": ', {
			headers: { 'Content-Type': 'application/json' },
			transformRequest: [(data: unknown) => data],
		});
		assertError(notJson, 400, 'bad.request', 'not valid JSON');
		assertError(
			await client.post('/api/v2/flows/executions', [seedIds.demo]),
			400,
			'bad.request',
			'JSON object',
		);
		const big = await launch({
			flowId: seedIds.allTypes,
			inputData: { 'Flow.stringInput': 'x'.repeat(512_001), 'Flow.integerInput': 1 },
		});
		assertError(big, 413, 'request.entity.too.large', '512000');
		const justUnder = 'x'.repeat(511_000);
		assert.equal(
			(
				await launch({
					flowId: seedIds.allTypes,
					inputData: { 'Flow.stringInput': justUnder, 'Flow.integerInput': 1 },
				})
			).status,
			200,
		);
	});

	it('validates flowId, flow state, type and version', async () => {
		assertError(await launch({ inputData: {} }), 400, 'invalid.value', 'flowId is required');
		assertError(await launch({ flowId: 42 }), 400, 'invalid.value', 'flowId must be a string');
		const unknown = await launch({ flowId: '00000000-dead-4000-8000-000000000000', inputData: {} });
		assertError(unknown, 404, 'not.found', '00000000-dead-4000-8000-000000000000');
		assertError(
			await launch({ flowId: seedIds.deleted, inputData: {} }),
			410,
			'architect.flow.deleted',
			'deleted',
		);
		const ivr = await launch({ flowId: seedIds.inboundCall, inputData: {} });
		assertError(ivr, 400, 'bad.request', 'INBOUNDCALL', 'cannot be launched', 'WORKFLOW');
		const unpublished = await launch({ flowId: seedIds.unpublished, inputData: {} });
		assertError(unpublished, 400, 'bad.request', 'no published version', 'Publish');
		assertError(
			await launch({ flowId: seedIds.unpublished, flowVersion: '1.0', inputData: {} }),
			400,
			'bad.request',
			'not published',
		);
		const badVersion = await launch({
			flowId: seedIds.multiVersion,
			flowVersion: '9.0',
			inputData: {},
		});
		assertError(badVersion, 404, 'not.found', "no version '9.0'", '1.0, 2.0, 3.0');
		assert.equal(badVersion.data.details[0].fieldName, 'flowVersion');
		assertError(
			await launch({ flowId: seedIds.multiVersion, flowVersion: 3, inputData: {} }),
			400,
			'invalid.value',
			'flowVersion',
		);
		assertError(
			await launch({ flowId: seedIds.noInputs, name: 7 }),
			400,
			'invalid.value',
			'name must be a string',
		);
		assert.equal(emu.executions().length, 0);
	});

	it('strict: validates inputData against the requested version, defaulting to the latest published (3.0)', async () => {
		emu.configure({ launchValidation: 'strict' });
		const latest = await launch({
			flowId: seedIds.multiVersion,
			inputData: { 'Flow.v3Text': 'x' },
		});
		assert.equal(latest.status, 200);
		assert.equal(latest.data.flowVersion.id, '3.0');
		for (const empty of [null, '']) {
			const res = await launch({
				flowId: seedIds.multiVersion,
				flowVersion: empty,
				inputData: { 'Flow.v3Text': 'x' },
			});
			assert.equal(
				res.data.flowVersion.id,
				'3.0',
				`flowVersion ${JSON.stringify(empty)} means latest`,
			);
		}
		const v1 = await launch({
			flowId: seedIds.multiVersion,
			flowVersion: '1.0',
			inputData: { 'Flow.v1Text': 'x' },
		});
		assert.equal(v1.status, 200);
		assert.equal(v1.data.flowVersion.id, '1.0');
		const wrongVersionInputs = await launch({
			flowId: seedIds.multiVersion,
			flowVersion: '2.0',
			inputData: { 'Flow.v3Text': 'x' },
		});
		assertError(
			wrongVersionInputs,
			400,
			'invalid.value',
			"Unknown input 'Flow.v3Text'",
			'Flow.v2Number is a required input',
		);
		assert.deepEqual(
			wrongVersionInputs.data.details.map((d: { fieldName: string }) => d.fieldName),
			['Flow.v3Text', 'Flow.v2Number'],
		);
		const records = emu.executions();
		assert.deepEqual(
			records.map((r) => [r.flowVersion, r.requestedFlowVersion]),
			[
				['3.0', undefined],
				['3.0', null],
				['3.0', ''],
				['1.0', '1.0'],
			],
		);
	});

	it('rejects null or non-object inputData', async () => {
		for (const inputData of [null, [], 'Flow.customerId=1', 5]) {
			const res = await launch({ flowId: seedIds.demo, inputData });
			assertError(res, 400, 'invalid.value', 'inputData must be a JSON object');
			assert.equal(res.data.details[0].fieldName, 'inputData');
		}
	});

	it('strict: explains unknown keys: missing Flow. prefix, wrong case, not an input', async () => {
		emu.configure({ launchValidation: 'strict' });
		const noPrefix = await launch({
			flowId: seedIds.demo,
			inputData: { customerId: 'C-1', 'Flow.customerName': 'Ann' },
		});
		assertError(
			noPrefix,
			400,
			'invalid.value',
			"did you mean 'Flow.customerId'",
			'Flow. prefix',
			"'Customer follow-up'",
		);
		assert.equal(noPrefix.data.details[0].fieldName, 'customerId');
		assert.equal(noPrefix.data.entityId, seedIds.demo);
		const wrongCase = await launch({
			flowId: seedIds.demo,
			inputData: { ...DEMO_INPUT, 'Flow.CustomerName': 'Ann' },
		});
		assertError(
			wrongCase,
			400,
			'invalid.value',
			"did you mean 'Flow.customerName'",
			'case-sensitive',
		);
		const lowerPrefix = await launch({
			flowId: seedIds.demo,
			inputData: { ...DEMO_INPUT, 'flow.email': 'a@b.c' },
		});
		assertError(lowerPrefix, 400, 'invalid.value', "did you mean 'Flow.email'");
		const notInput = await launch({
			flowId: seedIds.demo,
			inputData: { ...DEMO_INPUT, 'Flow.phone': '123' },
		});
		assertError(
			notInput,
			400,
			'invalid.value',
			"Unknown input 'Flow.phone'",
			'Flow.customerId, Flow.customerName',
			'Input to flow',
		);
		const noInputs = await launch({ flowId: seedIds.noInputs, inputData: { 'Flow.x': 1 } });
		assertError(noInputs, 400, 'invalid.value', 'it has no inputs');
		emu.configure({ unknownInputKeys: 'ignore' });
		assert.equal(
			(await launch({ flowId: seedIds.demo, inputData: { ...DEMO_INPUT, 'Flow.phone': '123' } }))
				.status,
			200,
		);
	});

	it('strict: reports missing required inputs and every type error with the Flow. key in details', async () => {
		emu.configure({ launchValidation: 'strict' });
		const missing = await launch({ flowId: seedIds.demo, inputData: { 'Flow.customerId': 'C-1' } });
		assertError(
			missing,
			400,
			'invalid.value',
			'Flow.customerName is a required input and is missing',
		);
		assert.deepEqual(missing.data.details, [
			{ errorCode: 'required.input.missing', fieldName: 'Flow.customerName' },
		]);
		const requiredNull = await launch({
			flowId: seedIds.demo,
			inputData: { ...DEMO_INPUT, 'Flow.customerName': null },
		});
		assertError(
			requiredNull,
			400,
			'invalid.value',
			'Flow.customerName is a required input and cannot be null',
		);

		const cases: [string, unknown, string][] = [
			['Flow.integerInput', '41', 'must be an Integer'],
			['Flow.integerInput', 41.5, 'must be an Integer'],
			['Flow.decimalInput', '2.5', 'must be a Decimal'],
			['Flow.stringInput', 5, 'must be a String'],
			['Flow.booleanInput', 'true', 'must be a Boolean'],
			['Flow.dateInput', '2025-02-30', 'must be a Date'],
			['Flow.dateInput', '2025-02-28T00:00:00Z', 'must be a Date'],
			['Flow.dateTimeInput', '2025-02-28', 'must be a DateTime'],
			['Flow.dateTimeInput', '2025-02-28 09:30', 'must be a DateTime'],
			['Flow.jsonInput', [1, 2], 'must be a JSON object'],
			['Flow.jsonInput', '{"a":1}', 'must be a JSON object'],
			['Flow.stringCollection', 'a,b', 'must be a collection'],
			['Flow.stringCollection', ['a', 2], 'Flow.stringCollection[1] must be a String'],
			['Flow.integerCollection', [1, '2'], 'Flow.integerCollection[1] must be an Integer'],
			['Flow.colour', 'purple', 'must be one of "red", "green", "blue"'],
		];
		for (const [key, value, snippet] of cases) {
			const res = await launch({
				flowId: seedIds.allTypes,
				inputData: { ...ALL_TYPES_VALID, [key]: value },
			});
			assertError(res, 400, 'invalid.value', snippet, "flow 'All input types' (version 1.0)");
			assert.deepEqual(
				res.data.details,
				[{ errorCode: 'invalid.value', fieldName: key }],
				`${key}=${JSON.stringify(value)}`,
			);
		}
		const decimalAcceptsInteger = await launch({
			flowId: seedIds.allTypes,
			inputData: { ...ALL_TYPES_VALID, 'Flow.decimalInput': 3 },
		});
		assert.equal(decimalAcceptsInteger.status, 200);
		const offset = await launch({
			flowId: seedIds.allTypes,
			inputData: { ...ALL_TYPES_VALID, 'Flow.dateTimeInput': '2025-02-28T09:30:00+02:00' },
		});
		assert.equal(offset.status, 200);
		assert.equal(emu.executions().length, 2);
	});

	it('requires architect:flow:launch', async () => {
		const noLaunch = await api(emu, 'noLaunch');
		const res = await noLaunch.post('/api/v2/flows/executions', {
			flowId: seedIds.demo,
			inputData: DEMO_INPUT,
		});
		assertError(res, 403, 'missing.permissions', '[architect:flow:launch]');
		assert.equal(emu.executions().length, 0);
	});

	it('requireScope refuses tokens without the scope with a 403 body or a bare empty 400', async () => {
		emu.configure({ requireScope: 'flow:execute' });
		const withoutScope = await api(emu, 'demo');
		const refused = await withoutScope.post('/api/v2/flows/executions', {
			flowId: seedIds.demo,
			inputData: DEMO_INPUT,
		});
		assertError(refused, 403, 'missing.permissions', 'flow:execute');
		const withScope = await api(emu, 'demo', 'flow:execute');
		const accepted = await withScope.post('/api/v2/flows/executions', {
			flowId: seedIds.demo,
			inputData: DEMO_INPUT,
		});
		assert.equal(accepted.status, 200);
		assert.equal(emu.executions()[0].tokenScope, 'flow:execute');

		emu.configure({ requireScopeFailure: 'empty400' });
		const bare = await withoutScope.post('/api/v2/flows/executions', {
			flowId: seedIds.demo,
			inputData: DEMO_INPUT,
		});
		assert.equal(bare.status, 400);
		assert.equal(bare.data, '');
		assert.equal(bare.headers['content-length'], '0');
		assert.match(bare.headers['inin-correlation-id'], /^[0-9a-f-]{36}$/);
		assert.equal(
			(await withoutScope.get(`/api/v2/flows/${seedIds.demo}`)).status,
			200,
			'only launches need the scope',
		);

		emu.configure({ tokenScopePolicy: 'grant-allowed', requireScopeFailure: '403' });
		const notGranted = await api(emu, 'noFlowExecuteScope', 'flow:execute');
		assertError(
			await notGranted.post('/api/v2/flows/executions', {
				flowId: seedIds.demo,
				inputData: DEMO_INPUT,
			}),
			403,
			'missing.permissions',
			'flow:execute',
		);
	});

	it('counts identical launches (flow, name, inputData) within duplicateWindowSeconds as duplicates', async () => {
		const body = {
			flowId: seedIds.demo,
			name: 'same',
			inputData: { 'Flow.customerName': 'Ann', 'Flow.customerId': 'C-1' },
		};
		assert.equal((await launch(body)).status, 200);
		assert.equal(
			(await launch({ ...body, inputData: { ...DEMO_INPUT } })).status,
			200,
			'same inputs, other key order',
		);
		assert.equal((await launch({ ...body, name: 'other' })).status, 200);
		assert.equal(
			(await launch({ ...body, inputData: { ...DEMO_INPUT, 'Flow.priority': 1 } })).status,
			200,
		);
		let stats = emu.stats();
		assert.equal(stats.launchesTotal, 4);
		assert.equal(stats.duplicateLaunches, 1);
		emu.configure({ duplicateWindowSeconds: 0 });
		await new Promise((r) => setTimeout(r, 5));
		assert.equal((await launch(body)).status, 200);
		stats = emu.stats();
		assert.equal(stats.duplicateLaunches, 1, 'outside the window: not a duplicate');
	});
});
