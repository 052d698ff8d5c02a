import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { compileFromFile } from 'json-schema-to-typescript';
import { Catalog } from '../../emulator/catalog';
import {
	assertModel,
	checkModel,
	ContractViolation,
	SCHEMAS_DIR,
	type ModelName,
} from '../../emulator/contract';
import { DEFAULT_SEED_FILE, loadSeed } from '../../emulator/seed/loader';
import { api, assertError, seedIds, start } from './helpers';

const MODELS: ModelName[] = [
	'DomainEntityRef',
	'ErrorBody',
	'ErrorDetail',
	'RateLimit',
	'Flow',
	'FlowVersion',
	'FlowEntityListing',
	'FlowVersionEntityListing',
	'FlowExecutionLaunchRequest',
	'FlowExecutionLaunchResponse',
	'FlowRuntimeExecution',
	'JsonSchemaDocument',
	'TokenResponse',
	'TokenErrorResponse',
];

describe('emulator: the contract in schemas/', () => {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-contract-'));
	after(() => fs.rmSync(tmp, { recursive: true, force: true }));

	it('has one draft-07 schema per model, $id = file name, title = model name', () => {
		const files = fs
			.readdirSync(SCHEMAS_DIR)
			.filter((f) => f.endsWith('.json'))
			.sort();
		assert.deepEqual(files, MODELS.map((m) => `${m}.json`).sort());
		for (const model of MODELS) {
			const schema = JSON.parse(fs.readFileSync(path.join(SCHEMAS_DIR, `${model}.json`), 'utf8'));
			assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
			assert.equal(schema.$id, `${model}.json`);
			assert.equal(schema.title, model);
		}
	});

	it('catches bodies that break the contract (what validateResponses relies on)', () => {
		assert.equal(
			checkModel('FlowRuntimeExecution', { id: 'x', status: 'COMPLETED', outputData: {} }),
			null,
		);
		assert.match(
			String(checkModel('FlowRuntimeExecution', { id: 'x', status: 'DONE' })),
			/status must be equal to one of the allowed values/,
		);
		assert.match(
			String(checkModel('FlowRuntimeExecution', { status: 'RUNNING' })),
			/must have required property 'id'/,
		);
		assert.match(
			String(
				checkModel('FlowRuntimeExecution', {
					id: 'x',
					status: 'RUNNING',
					dateLaunched: 'yesterday',
				}),
			),
			/dateLaunched must match format "date-time"/,
		);
		assert.match(
			String(
				checkModel('Flow', { id: 'f', name: 'n', type: 'WORKFLOW', publishedVersion: { id: 1 } }),
			),
			/\/publishedVersion\/id must be string/,
		);
		assert.match(
			String(checkModel('FlowEntityListing', { entities: [{ id: 'f' }] })),
			/\/entities\/0 must have required property 'name'/,
		);
		assert.match(
			String(checkModel('ErrorBody', { code: 'x', errors: [{ status: 'bad' }] })),
			/\/errors\/0\/status must be integer/,
		);
		assert.match(
			String(checkModel('TokenResponse', { access_token: 'a', token_type: 'bearer' })),
			/expires_in/,
		);
		assert.throws(
			() => assertModel('FlowExecutionLaunchResponse', { name: 'no id' }),
			ContractViolation,
		);
	});

	it('describes the launch request exactly: flowId required, no other fields than the four', () => {
		assert.equal(
			checkModel('FlowExecutionLaunchRequest', {
				flowId: 'f',
				flowVersion: null,
				inputData: { 'Flow.a': 1 },
				name: 'n',
			}),
			null,
		);
		assert.match(String(checkModel('FlowExecutionLaunchRequest', { inputData: {} })), /flowId/);
		assert.match(
			String(checkModel('FlowExecutionLaunchRequest', { flowId: 'f', triggerData: {} })),
			/additional properties 'triggerData'/,
		);
		assert.match(
			String(checkModel('FlowExecutionLaunchRequest', { flowId: 'f', inputData: null })),
			/inputData must be object/,
		);
	});

	it('every seeded flow and version satisfies Flow / FlowVersion, and seedIds are all in the default seed', () => {
		const catalog = new Catalog(loadSeed());
		assert.equal(catalog.list.length, 131);
		for (const flow of catalog.list) {
			assertModel('Flow', flow.entityWithoutSchemas);
			for (const dialect of ['real', 'plain'] as const) {
				assertModel('Flow', flow.entity[dialect]);
				for (const v of flow.versionList) {
					assertModel('FlowVersion', v.entity[dialect]);
					if (v.schemas[dialect].input) assertModel('JsonSchemaDocument', v.schemas[dialect].input);
					if (v.schemas[dialect].output)
						assertModel('JsonSchemaDocument', v.schemas[dialect].output);
				}
			}
		}
		for (const [key, id] of Object.entries(seedIds))
			assert.ok(catalog.get(id), `seedIds.${key} (${id}) is in ${DEFAULT_SEED_FILE}`);
	});

	it('a response that violates its schema becomes a loud 500 emulator.contract.violation (validateResponses)', async () => {
		const seed = JSON.parse(fs.readFileSync(DEFAULT_SEED_FILE, 'utf8'));
		seed.flows.find((f: { id: string }) => f.id === seedIds.demo).versions[0].type = 'DRAFT'; // not a FlowVersion type
		const file = path.join(tmp, 'broken-seed.json');
		fs.writeFileSync(file, JSON.stringify(seed));
		const emu = await start({ seedFile: file });
		const originalError = console.error;
		const logged: string[] = [];
		console.error = (...args: unknown[]) => void logged.push(args.join(' '));
		try {
			const client = await api(emu);
			const res = await client.get(`/api/v2/flows/${seedIds.demo}`);
			assertError(
				res,
				500,
				'emulator.contract.violation',
				'schemas/Flow.json',
				'/publishedVersion/type',
			);
			assert.equal(emu.stats().contractViolations, 1);
			assert.ok(logged.some((l) => l.includes('contract violation')));
			emu.configure({ validateResponses: false });
			const unchecked = await client.get(`/api/v2/flows/${seedIds.demo}`);
			assert.equal(unchecked.status, 200, 'validation off (benchmarks): the bad body goes out');
			assert.equal(unchecked.data.publishedVersion.type, 'DRAFT');
		} finally {
			console.error = originalError;
			await emu.close();
		}
	});

	it('refuses a seed with broken references at start-up', async () => {
		const seed = JSON.parse(fs.readFileSync(DEFAULT_SEED_FILE, 'utf8'));
		seed.flows[0].publishedVersion = '7.0';
		seed.clients.push({ ...seed.clients[0] });
		const file = path.join(tmp, 'bad-refs.json');
		fs.writeFileSync(file, JSON.stringify(seed));
		await assert.rejects(
			start({ seedFile: file }),
			/version 7\.0 is not in its versions.*duplicate client demo-client/,
		);
	});

	it('compiles to TypeScript with json-schema-to-typescript without numbered duplicate names', async () => {
		for (const model of [
			'Flow',
			'ErrorBody',
			'FlowRuntimeExecution',
			'FlowEntityListing',
		] as const) {
			const ts = await compileFromFile(path.join(SCHEMAS_DIR, `${model}.json`), {
				cwd: SCHEMAS_DIR,
				bannerComment: '',
			});
			assert.match(ts, new RegExp(`export interface ${model} \\{`));
			assert.doesNotMatch(
				ts,
				/export interface \w+\d \{/,
				`${model}: ${ts.match(/export interface \w+\d/)?.[0]}`,
			);
		}
	});

	it('an error body from the live server satisfies ErrorBody and carries contextId', async () => {
		const emu = await start();
		try {
			const res = await (await api(emu)).get('/api/v2/flows/nope');
			assertError(res, 404, 'not.found');
			assert.equal(checkModel('ErrorBody', res.data), null);
		} finally {
			await emu.close();
		}
	});
});
