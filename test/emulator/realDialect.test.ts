/**
 * The schemas the emulator serves by default are in the dialect real orgs send (docs/emulator.md, "Schema
 * dialects"), wherever a schema appears: flow list with includeSchemas, flow, versions, and the
 * FlowVersion embedded in an execution. The captured definitions must be served exactly as the fixture holds them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AxiosInstance } from 'axios';
import type { RunningEmulator } from '../../emulator';
import { DEFAULT_SEED_FILE } from '../../emulator/seed/loader';
import {
	archInteger,
	archString,
	capturedEmptySchema,
	capturedInputSchema,
	DRAFT_07,
} from '../fixtures/capturedSchemas';
import { api, seedIds, start } from './helpers';

type Schema = {
	$schema: string;
	title: string;
	description: string;
	type: string;
	properties: Record<string, Record<string, unknown>>;
	additionalProperties: unknown;
	definitions?: Record<string, { archDataTypeId: string; oneOf: Record<string, unknown>[] }>;
	required?: unknown;
};

/** Names of the definitions a schema's properties reference. */
function referenced(schema: Schema): Set<string> {
	const names = new Set<string>();
	for (const prop of Object.values(schema.properties)) {
		const ref = (prop.$ref ?? (prop.items as { $ref?: string } | undefined)?.$ref) as
			string | undefined;
		assert.ok(ref, `every property is a $ref or a collection of $refs: ${JSON.stringify(prop)}`);
		assert.match(ref, /^#\/definitions\/arch\w+$/);
		names.add(ref.slice('#/definitions/'.length));
	}
	return names;
}

/** Every structural rule of the captured dialect. */
function assertRealSchema(schema: Schema, kind: 'input' | 'output', where: string): void {
	assert.equal(schema.$schema, DRAFT_07, where);
	assert.equal(schema.title, kind === 'input' ? 'Flow input schema' : 'Flow output schema', where);
	assert.match(
		schema.description,
		kind === 'input' ? /flow inputs.*initial value/ : /flow outputs.*initial value/,
		where,
	);
	assert.equal(schema.type, 'object', where);
	assert.equal(schema.additionalProperties, false, where);
	assert.equal('required' in schema, false, `${where}: no required`);
	const used = referenced(schema);
	if (used.size === 0)
		assert.equal('definitions' in schema, false, `${where}: no definitions key without properties`);
	else
		assert.deepEqual(
			new Set(Object.keys(schema.definitions ?? {})),
			used,
			`${where}: definitions hold only the types used`,
		);
	for (const [name, def] of Object.entries(schema.definitions ?? {})) {
		assert.equal(typeof def.archDataTypeId, 'string', `${where} ${name}`);
		assert.deepEqual(def.oneOf[0].type, 'null', `${where} ${name}: the null branch comes first`);
		assert.ok(def.oneOf.length >= 2, `${where} ${name}: a typed branch`);
	}
	for (const [key, prop] of Object.entries(schema.properties)) {
		assert.match(key, /^Flow\./);
		if (prop.type === 'array') assert.equal(prop.maxItems, 2000, `${where} ${key}`);
		assert.equal('enum' in prop, false, `${where} ${key}: Architect has no enum type`);
	}
}

describe('emulator: schemas in the real dialect (default)', () => {
	let emu: RunningEmulator;
	let client: AxiosInstance;
	before(
		async () => (emu = await start({ knobs: { rateLimit: null, executionDurationScale: 0 } })),
	);
	after(() => emu.close());
	beforeEach(async () => {
		emu.reset();
		client = await api(emu);
	});

	it('serves archString and archInteger exactly as captured, and the captured shapes of scalars and collections', async () => {
		const flow = (await client.get(`/api/v2/flows/${seedIds.demo}`)).data;
		const schema = flow.inputSchema as Schema;
		assert.deepEqual(schema.definitions, { archString, archInteger });
		assert.deepEqual(
			{ ...schema, properties: {}, definitions: undefined },
			{ ...capturedInputSchema, properties: {}, definitions: undefined },
			'header, title, description and additionalProperties as captured',
		);
		assert.deepEqual(schema.properties['Flow.customerId'], {
			description: 'CRM id of the customer (required).',
			$ref: '#/definitions/archString',
		});
		assert.deepEqual(schema.properties['Flow.priority'], {
			description: '1 (low) to 5 (urgent); 3 and above escalates.',
			$ref: '#/definitions/archInteger',
		});
		assert.deepEqual(schema.properties['Flow.tags'], {
			description: 'Labels for the follow-up.',
			type: 'array',
			maxItems: 2000,
			items: { $ref: '#/definitions/archString' },
		});
		assert.deepEqual(
			Object.keys(schema.properties['Flow.tags']),
			Object.keys(capturedInputSchema.properties['Flow.skills']),
			'same key order as captured',
		);
	});

	it('serves a flow without inputs as properties {} without a definitions key, exactly as captured', async () => {
		const flow = (await client.get(`/api/v2/flows/${seedIds.noInputs}`)).data;
		assert.deepEqual(flow.inputSchema, capturedEmptySchema);
	});

	it('maps every Architect type of the allTypes flow, an enum to a plain archString, in the same oneOf form', async () => {
		const schema = (await client.get(`/api/v2/flows/${seedIds.allTypes}`)).data
			.inputSchema as Schema;
		assertRealSchema(schema, 'input', 'allTypes');
		const refOf = (key: string) =>
			(schema.properties[key].$ref ??
				(schema.properties[key].items as { $ref: string }).$ref) as string;
		assert.deepEqual(
			Object.fromEntries(
				Object.keys(schema.properties).map((k) => [k, refOf(k).replace('#/definitions/', '')]),
			),
			{
				'Flow.stringInput': 'archString',
				'Flow.integerInput': 'archInteger',
				'Flow.decimalInput': 'archDecimal',
				'Flow.booleanInput': 'archBoolean',
				'Flow.dateInput': 'archDate',
				'Flow.dateTimeInput': 'archDateTime',
				'Flow.jsonInput': 'archJson',
				'Flow.stringCollection': 'archString',
				'Flow.integerCollection': 'archInteger',
				'Flow.colour': 'archString',
			},
		);
		assert.deepEqual(schema.properties['Flow.colour'], {
			description: 'One of red, green, blue.',
			$ref: '#/definitions/archString',
		});
		const defs = schema.definitions!;
		assert.deepEqual(
			Object.fromEntries(Object.entries(defs).map(([k, d]) => [k, d.archDataTypeId])),
			{
				archString: 'str',
				archInteger: 'int',
				archDecimal: 'dec',
				archBoolean: 'bool',
				archDate: 'date',
				archDateTime: 'datetime',
				archJson: 'json',
			},
		);
		assert.deepEqual(defs.archString, archString);
		assert.deepEqual(defs.archInteger, archInteger);
		assert.deepEqual(
			defs.archDecimal.oneOf.map((b) => b.type),
			['null', 'number', 'string'],
			'a Decimal also has a string form',
		);
		assert.deepEqual(
			defs.archBoolean.oneOf.map((b) => b.type),
			['null', 'boolean'],
		);
		assert.deepEqual(defs.archDate.oneOf[1], {
			type: 'string',
			format: 'date',
			description: defs.archDate.oneOf[1].description,
		});
		assert.equal(defs.archDateTime.oneOf[1].format, 'date-time');
		assert.equal(defs.archJson.oneOf[1].type, 'object');
	});

	it('uses the real dialect in the flow list, versions, and the FlowVersion embedded in an execution; no required anywhere', async () => {
		const list = await client.get('/api/v2/flows', {
			params: { includeSchemas: true, type: 'workflow', pageSize: 500 },
		});
		assert.equal(list.status, 200);
		let real = 0;
		for (const flow of list.data.entities) {
			if (!flow.inputSchema) continue;
			if (flow.id === seedIds.delayed || flow.id === seedIds.multiVersion) continue; // plain seed flows
			assertRealSchema(flow.inputSchema, 'input', `${flow.name} input`);
			assertRealSchema(flow.outputSchema, 'output', `${flow.name} output`);
			real++;
		}
		assert.ok(real >= 100, `${real} flows in the real dialect`);

		const versions = (await client.get(`/api/v2/flows/${seedIds.demo}/versions`)).data.entities;
		assertRealSchema(versions[0].inputSchema, 'input', 'versions list');
		const version = (await client.get(`/api/v2/flows/${seedIds.demo}/versions/1.0`)).data;
		assertRealSchema(version.outputSchema, 'output', 'version');

		const launched = await client.post('/api/v2/flows/executions', {
			flowId: seedIds.demo,
			inputData: { 'Flow.customerId': 'C-1', 'Flow.customerName': 'Ann' },
		});
		const execution = (await client.get(`/api/v2/flows/executions/${launched.data.id}`)).data;
		assert.deepEqual(execution.flowVersion.inputSchema, version.inputSchema);
		assert.deepEqual(execution.flowVersion.outputSchema, version.outputSchema);
	});

	it('embeds the full FlowVersion: epoch-ms dateCreated/dateSaved/dateCheckedIn, ISO datePublished, generationId', async () => {
		const launched = await client.post('/api/v2/flows/executions', {
			flowId: seedIds.noInputs,
			inputData: {},
		});
		const fv = (await client.get(`/api/v2/flows/executions/${launched.data.id}`)).data.flowVersion;
		for (const field of ['dateCreated', 'dateSaved', 'dateCheckedIn'])
			assert.ok(Number.isInteger(fv[field]) && fv[field] > 1.7e12, field);
		assert.match(fv.datePublished, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
		assert.equal(fv.generationId, 'WORKFLOW_VERSION_PUBLISHED');
		assert.equal(fv.type, 'PUBLISH');
	});

	it('serves the plain seed flows (delayed, multiVersion) in the plain form with their required', async () => {
		const delayed = (await client.get(`/api/v2/flows/${seedIds.delayed}`)).data.inputSchema;
		assert.equal(delayed.$schema, 'http://json-schema.org/draft-04/schema#');
		assert.deepEqual(delayed.required, ['Flow.customerId', 'Flow.customerName']);
		assert.deepEqual(delayed.properties['Flow.priority'], {
			type: 'integer',
			description: 'Priority 1-5; 3 and above escalates.',
		});
		assert.equal(delayed.definitions, undefined);
		const v2 = (await client.get(`/api/v2/flows/${seedIds.multiVersion}/versions/2.0`)).data
			.inputSchema;
		assert.deepEqual(v2.required, ['Flow.v2Number']);
	});

	it('schemaDialect: "plain" serves every flow in the plain form; enums come back', async () => {
		emu.configure({ schemaDialect: 'plain' });
		const schema = (await client.get(`/api/v2/flows/${seedIds.allTypes}`)).data.inputSchema;
		assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
		assert.deepEqual(schema.required, ['Flow.stringInput', 'Flow.integerInput']);
		assert.deepEqual(schema.properties['Flow.colour'].enum, ['red', 'green', 'blue']);
		assert.equal(schema.definitions, undefined);
		const listed = await client.get('/api/v2/flows', {
			params: { name: 'Customer follow-up', includeSchemas: true },
		});
		assert.equal(listed.data.entities[0].inputSchema.properties['Flow.priority'].type, 'integer');
		emu.configure({ schemaDialect: 'real' });
		assert.equal(
			(await client.get(`/api/v2/flows/${seedIds.allTypes}`)).data.inputSchema.$schema,
			DRAFT_07,
		);
		// A mistyped dialect knob fails loudly instead of silently serving the default.
		assert.throws(
			() => emu.configure({ schemaDialect: 'draft-04' as never }),
			/schemaDialect must be one of "real", "plain"/,
		);
		assert.throws(
			() => emu.configure({ launchValidation: 'off' as never }),
			/launchValidation must be one of "lenient", "strict"/,
		);
		assert.throws(
			() => emu.configure({ decimalOutputsAsStrings: 'yes' as never }),
			/must be a boolean/,
		);
	});
});

describe('emulator: guessed Architect types beyond the seed (Time, Duration, collections of every type)', () => {
	let emu: RunningEmulator;
	let dir: string;
	before(async () => {
		// A seed of its own: the default seed's flows are what the node tests rely on, so extra types live here.
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-seed-'));
		const seed = JSON.parse(fs.readFileSync(DEFAULT_SEED_FILE, 'utf8'));
		const items = (type: string, format?: string) => ({
			type: 'array',
			items: { type, ...(format && { format }) },
		});
		seed.flows.push({
			id: 'f1a90000-0000-4000-8000-000000000001',
			name: 'More types',
			type: 'WORKFLOW',
			publishedVersion: '1.0',
			versions: [
				{
					id: '1.0',
					type: 'PUBLISH',
					dateCreated: 1735689600000,
					datePublished: '2025-01-02T09:00:00.000Z',
					inputSchema: {
						type: 'object',
						properties: {
							'Flow.time': { type: 'string', format: 'time' },
							'Flow.duration': { type: 'string', format: 'duration' },
							'Flow.decimals': items('number'),
							'Flow.booleans': items('boolean'),
							'Flow.dates': items('string', 'date'),
							'Flow.jsons': items('object'),
						},
					},
				},
			],
		});
		seed.bulkFlows = undefined;
		fs.writeFileSync(path.join(dir, 'seed.json'), JSON.stringify(seed));
		emu = await start({ seedFile: path.join(dir, 'seed.json'), knobs: { rateLimit: null } });
	});
	after(async () => {
		await emu.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('serves Time and Duration as their own definitions and collections of every type by $ref', async () => {
		const client = await api(emu);
		const schema = (await client.get('/api/v2/flows/f1a90000-0000-4000-8000-000000000001')).data
			.inputSchema as Schema;
		assertRealSchema(schema, 'input', 'More types');
		assert.equal(schema.properties['Flow.time'].$ref, '#/definitions/archTime');
		assert.equal(schema.definitions!.archTime.archDataTypeId, 'time');
		assert.equal(schema.definitions!.archDuration.archDataTypeId, 'duration');
		assert.deepEqual(
			['Flow.decimals', 'Flow.booleans', 'Flow.dates', 'Flow.jsons'].map(
				(k) => (schema.properties[k].items as { $ref: string }).$ref,
			),
			[
				'#/definitions/archDecimal',
				'#/definitions/archBoolean',
				'#/definitions/archDate',
				'#/definitions/archJson',
			],
		);
	});
});
