import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AxiosInstance } from 'axios';
import type { RunningEmulator } from '../../emulator';
import { api, assertError, seedIds, start } from './helpers';

describe('emulator: flows and versions', () => {
	let emu: RunningEmulator;
	let client: AxiosInstance;
	before(async () => {
		emu = await start({ knobs: { rateLimit: null } });
		client = await api(emu);
	});
	after(() => emu.close());

	it('pages GET /api/v2/flows with the Genesys envelope', async () => {
		const first = await client.get('/api/v2/flows');
		assert.equal(first.status, 200);
		assert.equal(first.data.pageSize, 25);
		assert.equal(first.data.pageNumber, 1);
		assert.equal(first.data.total, 130, '10 seeded (deleted excluded) + 120 bulk');
		assert.equal(first.data.pageCount, 6);
		assert.equal(first.data.entities.length, 25);
		assert.match(first.data.nextUri, /^\/api\/v2\/flows\?.*pageNumber=2/);
		assert.equal(first.data.previousUri, undefined);
		assert.match(first.data.lastUri, /pageNumber=6/);
		assert.match(first.data.firstUri, /pageNumber=1/);
		assert.match(first.data.selfUri, /pageNumber=1/);
		const last = await client.get(first.data.lastUri);
		assert.equal(last.data.entities.length, 5);
		assert.equal(last.data.nextUri, undefined);
		assert.match(last.data.previousUri, /pageNumber=5/);
		const ids = new Set<string>();
		for (let p = 1; p <= 6; p++)
			for (const f of (await client.get(`/api/v2/flows?pageNumber=${p}`)).data.entities)
				ids.add(f.id);
		assert.equal(ids.size, 130, 'pages neither overlap nor skip');
		const beyond = await client.get('/api/v2/flows?pageNumber=99');
		assert.equal(beyond.status, 200);
		assert.deepEqual(beyond.data.entities, []);
	});

	it('filters by type (repeatable, comma list, lowercase) and returns types uppercase', async () => {
		const workflows = await client.get('/api/v2/flows?type=workflow&pageSize=200');
		assert.equal(workflows.data.total, 113);
		assert.ok(workflows.data.entities.every((f: { type: string }) => f.type === 'WORKFLOW'));
		const repeated = await client.get(
			'/api/v2/flows?type=inboundcall&type=inboundchat&pageSize=200',
		);
		assert.equal(repeated.data.total, 17);
		const comma = await client.get('/api/v2/flows?type=inboundcall,inboundchat&pageSize=200');
		assert.equal(comma.data.total, 17);
		assert.ok(comma.data.entities.some((f: { id: string }) => f.id === seedIds.inboundCall));
	});

	it('matches name with * wildcards case-insensitively, exactly without *, or as contains by knob', async () => {
		const wild = await client.get('/api/v2/flows', {
			params: { name: 'bulk workflow 00*', pageSize: 100 },
		});
		assert.deepEqual(
			wild.data.entities.map((f: { name: string }) => f.name),
			[
				'Bulk workflow 001',
				'Bulk workflow 002',
				'Bulk workflow 003',
				'Bulk workflow 004',
				'Bulk workflow 005',
				'Bulk workflow 006',
				'Bulk workflow 007',
				'Bulk workflow 008',
				'Bulk workflow 009',
			],
		);
		const middle = await client.get('/api/v2/flows', { params: { name: '*FOLLOW*' } });
		assert.deepEqual(
			middle.data.entities.map((f: { id: string }) => f.id),
			[seedIds.demo],
		);
		const exact = await client.get('/api/v2/flows', { params: { name: 'customer follow-up' } });
		assert.deepEqual(
			exact.data.entities.map((f: { id: string }) => f.id),
			[seedIds.demo],
		);
		const partial = await client.get('/api/v2/flows', { params: { name: 'follow' } });
		assert.equal(partial.data.total, 0, 'without * the name must match exactly');
		emu.configure({ nameFilterWithoutWildcard: 'contains' });
		try {
			const contains = await client.get('/api/v2/flows', { params: { name: 'follow' } });
			assert.deepEqual(
				contains.data.entities.map((f: { id: string }) => f.id),
				[seedIds.demo],
			);
		} finally {
			emu.configure({ nameFilterWithoutWildcard: 'exact' });
		}
		const description = await client.get('/api/v2/flows', {
			params: { description: '*group alpha*', pageSize: 100 },
		});
		assert.equal(description.data.total, 40);
		const either = await client.get('/api/v2/flows', { params: { nameOrDescription: '*EVER*' } });
		assert.deepEqual(
			either.data.entities.map((f: { id: string }) => f.id).sort(),
			[seedIds.allTypes, seedIds.neverEnding].sort(),
		);
	});

	it('includes inputSchema/outputSchema only with includeSchemas=true', async () => {
		const without = await client.get('/api/v2/flows', { params: { name: 'Customer follow-up' } });
		assert.equal(without.data.entities[0].inputSchema, undefined);
		assert.equal(without.data.entities[0].outputSchema, undefined);
		const withSchemas = await client.get('/api/v2/flows', {
			params: { name: 'Customer follow-up', includeSchemas: true },
		});
		// The real dialect (the default): a $ref per property, no required (realDialect.test.ts checks the rest).
		const schema = withSchemas.data.entities[0].inputSchema;
		assert.equal(schema.type, 'object');
		assert.equal(schema.required, undefined);
		assert.deepEqual(schema.properties['Flow.priority'], {
			description: '1 (low) to 5 (urgent); 3 and above escalates.',
			$ref: '#/definitions/archInteger',
		});
		assert.ok(withSchemas.data.entities[0].outputSchema.properties['Flow.greeting']);
	});

	it('sorts, hides deleted flows unless deleted=true, and filters by publishVersionId', async () => {
		const desc = await client.get('/api/v2/flows', {
			params: { sortBy: 'name', sortOrder: 'desc', type: 'workflow', pageSize: 3 },
		});
		assert.deepEqual(
			desc.data.entities.map((f: { name: string }) => f.name),
			['Unpublished workflow', 'Random duration', 'No inputs'],
		);
		const hidden = await client.get('/api/v2/flows', { params: { name: 'Deleted workflow' } });
		assert.equal(hidden.data.total, 0);
		const shown = await client.get('/api/v2/flows', {
			params: { name: 'Deleted workflow', deleted: true },
		});
		assert.equal(shown.data.entities[0].deleted, true);
		const v3 = await client.get('/api/v2/flows', { params: { publishVersionId: '3.0' } });
		assert.deepEqual(
			v3.data.entities.map((f: { id: string }) => f.id),
			[seedIds.multiVersion],
		);
	});

	it('rejects bad paging and sorting parameters with 400 invalid.value', async () => {
		const big = await client.get('/api/v2/flows?pageSize=501');
		assertError(big, 400, 'invalid.value', 'pageSize', '500');
		assert.equal(big.data.details[0].fieldName, 'pageSize');
		emu.configure({ maxPageSize: 1000 });
		assert.equal((await client.get('/api/v2/flows?pageSize=501')).status, 200);
		emu.configure({ maxPageSize: 500 });
		assertError(await client.get('/api/v2/flows?pageNumber=0'), 400, 'invalid.value', 'pageNumber');
		assertError(await client.get('/api/v2/flows?pageSize=abc'), 400, 'invalid.value', 'pageSize');
		assertError(await client.get('/api/v2/flows?sortBy=color'), 400, 'invalid.value', 'sortBy');
		assertError(
			await client.get('/api/v2/flows?includeSchemas=yes'),
			400,
			'invalid.value',
			'includeSchemas',
		);
	});

	it('GET /api/v2/flows/{id} answers the Flow with versions, division and the published schemas', async () => {
		const res = await client.get(`/api/v2/flows/${seedIds.multiVersion}`);
		assert.equal(res.status, 200);
		const flow = res.data;
		assert.equal(flow.id, seedIds.multiVersion);
		assert.equal(flow.type, 'WORKFLOW');
		assert.equal(flow.selfUri, `/api/v2/flows/${seedIds.multiVersion}`);
		assert.deepEqual(Object.keys(flow.division).sort(), ['id', 'name', 'selfUri']);
		assert.equal(flow.publishedVersion.id, '3.0');
		assert.equal(flow.publishedVersion.type, 'PUBLISH');
		assert.equal(typeof flow.publishedVersion.dateCreated, 'number');
		assert.equal(flow.checkedInVersion.id, '3.0');
		assert.deepEqual(Object.keys(flow.inputSchema.properties).sort(), [
			'Flow.v3Count',
			'Flow.v3Text',
		]);
		assert.equal(flow.active, true);
		assert.equal(flow.deleted, false);
		const unpublished = (await client.get(`/api/v2/flows/${seedIds.unpublished}`)).data;
		assert.equal(unpublished.publishedVersion, undefined);
		assert.equal(unpublished.savedVersion.type, 'SAVE');
		assert.equal(unpublished.inputSchema, undefined);
		const deleted = await client.get(`/api/v2/flows/${seedIds.deleted}`);
		assert.equal(deleted.status, 200);
		assert.equal(deleted.data.deleted, true);
		assertError(
			await client.get('/api/v2/flows/00000000-dead-4000-8000-000000000000'),
			404,
			'not.found',
			'00000000-dead',
		);
	});

	it('lists and reads versions, each with its own inputSchema', async () => {
		const list = await client.get(`/api/v2/flows/${seedIds.multiVersion}/versions`);
		assert.equal(list.status, 200);
		assert.equal(list.data.total, 3);
		assert.deepEqual(
			list.data.entities.map((v: { id: string }) => v.id),
			['3.0', '2.0', '1.0'],
		);
		const paged = await client.get(
			`/api/v2/flows/${seedIds.multiVersion}/versions?pageSize=2&pageNumber=2`,
		);
		assert.deepEqual(
			paged.data.entities.map((v: { id: string }) => v.id),
			['1.0'],
		);
		assert.match(paged.data.previousUri, /\/versions\?.*pageNumber=1/);
		const v2 = await client.get(`/api/v2/flows/${seedIds.multiVersion}/versions/2.0`);
		assert.equal(v2.status, 200);
		assert.deepEqual(
			v2.data.inputSchema.required,
			['Flow.v2Number'],
			'multiVersion is a plain-dialect seed flow',
		);
		assert.equal(v2.data.selfUri, `/api/v2/flows/${seedIds.multiVersion}/versions/2.0`);
		assert.match(v2.data.datePublished, /^\d{4}-\d{2}-\d{2}T/);
		assertError(
			await client.get(`/api/v2/flows/${seedIds.multiVersion}/versions/9.0`),
			404,
			'not.found',
			'9.0',
		);
		assertError(await client.get('/api/v2/flows/nope/versions'), 404, 'not.found');
	});

	it("pages a flow's versions in the FlowVersionEntityListing envelope, in the order knob's order", async () => {
		const versions = `/api/v2/flows/${seedIds.multiVersion}/versions`;
		const first = await client.get(versions, { params: { pageSize: 1 } });
		assert.equal(first.status, 200);
		const { entities, ...envelope } = first.data;
		assert.deepEqual(envelope, {
			pageSize: 1,
			pageNumber: 1,
			total: 3,
			pageCount: 3,
			firstUri: `${versions}?pageSize=1&pageNumber=1`,
			selfUri: `${versions}?pageSize=1&pageNumber=1`,
			nextUri: `${versions}?pageSize=1&pageNumber=2`,
			lastUri: `${versions}?pageSize=1&pageNumber=3`,
		});
		assert.deepEqual(
			entities.map((v: { id: string; type: string }) => [v.id, v.type]),
			[['3.0', 'PUBLISH']],
		);
		const last = await client.get(first.data.lastUri);
		assert.equal(last.data.nextUri, undefined);
		assert.equal(last.data.previousUri, `${versions}?pageSize=1&pageNumber=2`);
		assert.equal(last.data.entities[0].id, '1.0');
		assert.equal((await client.get(versions)).data.pageSize, 25, 'the SDK default page size');

		emu.configure({ versionListOrder: 'oldest-first' });
		try {
			const oldestFirst = await client.get(versions, { params: { deleted: false } });
			assert.deepEqual(
				oldestFirst.data.entities.map((v: { id: string }) => v.id),
				['1.0', '2.0', '3.0'],
			);
		} finally {
			emu.configure({ versionListOrder: 'newest-first' });
		}
		assertError(
			await client.get(versions, { params: { deleted: 'maybe' } }),
			400,
			'invalid.value',
			'deleted must be true or false',
		);
		assertError(
			await client.get(versions, { params: { pageSize: 501 } }),
			400,
			'invalid.value',
			'pageSize must be at most 500',
		);
		assert.throws(
			() => emu.configure({ versionListOrder: 'by-name' as never }),
			/versionListOrder/,
		);
	});

	it('requires architect:flow:view on every flow endpoint', async () => {
		const noView = await api(emu, 'noFlowView');
		for (const path of [
			'/api/v2/flows',
			`/api/v2/flows/${seedIds.demo}`,
			`/api/v2/flows/${seedIds.demo}/versions`,
			`/api/v2/flows/${seedIds.demo}/versions/1.0`,
		]) {
			const res = await noView.get(path);
			assertError(
				res,
				403,
				'missing.permissions',
				'You are missing the following permission(s): [architect:flow:view]',
			);
			assert.equal(res.data.messageParams.permissions, '[architect:flow:view]');
		}
	});
});
