/**
 * Flow Version (node version 2) is picked from the chosen flow's versions: the published one first and marked,
 * then newest first, read from every page of GET /api/v2/flows/{id}/versions whatever order Genesys sends them
 * in. The Trigger Data fields follow the version chosen, and workflows saved with node version 1 (a plain string
 * such as "2.0") still run.
 *
 * The emulator here serves the default seed plus "Long history": versions 1.0 … 120.0 published (120.0 is the
 * published one), 121.0 checked in and 122.0 saved, so the list spans two API pages of 100.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { seedClients, seedIds, startEmulator } from '../../emulator';
import defaultSeed from '../../emulator/seed/defaultSeed.json';
import type { SeedFlow, SeedVersion } from '../../emulator/seed/model';
import { N8nHarness } from '../harness/harness';
import {
	failureOf,
	genesysNode,
	launchParameters,
	loadTriggerDataFields,
	mappedFields,
	requestCount,
	runNode,
	saveCredential,
	versionRef,
	type Bench,
} from './support';

const LONG_HISTORY = 'e0ae0000-0000-4000-8000-0000000000f1';
const PUBLISHED_VERSIONS = 120;

function longHistoryFlow(): SeedFlow {
	const version = (n: number, type: SeedVersion['type']): SeedVersion => ({
		id: `${n}.0`,
		name: `${n}.0`,
		type,
		dateCreated: Date.UTC(2025, 0, 1) + n * 86_400_000,
		inputSchema: {
			type: 'object',
			properties: { [`Flow.input${n}`]: { type: 'string', description: `Only in ${n}.0.` } },
		},
	});
	return {
		id: LONG_HISTORY,
		name: 'Long history',
		type: 'WORKFLOW',
		publishedVersion: `${PUBLISHED_VERSIONS}.0`,
		checkedInVersion: '121.0',
		savedVersion: '122.0',
		versions: [
			...Array.from({ length: PUBLISHED_VERSIONS }, (_, i) => version(i + 1, 'PUBLISH')),
			version(121, 'CHECKIN'),
			version(122, 'SAVE'),
		],
		run: { durationMs: 0, outcome: 'COMPLETED' },
	};
}

describe('Flow Version: the flow’s versions to pick from', () => {
	let bench: Bench;
	let credentialId: string;
	let seedDir: string;

	before(async () => {
		seedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'genesys-versions-'));
		const seedFile = path.join(seedDir, 'seed.json');
		fs.writeFileSync(
			seedFile,
			JSON.stringify({ ...defaultSeed, flows: [...defaultSeed.flows, longHistoryFlow()] }),
		);
		const emulator = await startEmulator({
			port: 0,
			seedFile,
			knobs: { executionDurationScale: 0.01 },
		});
		bench = { harness: await N8nHarness.load(), emulator, close: () => emulator.close() };
		credentialId = saveCredential(bench);
	});
	beforeEach(() => bench.emulator.reset());
	after(async () => {
		await bench?.close();
		fs.rmSync(seedDir, { recursive: true, force: true });
	});

	const launchNode = (
		flowId: string,
		parameters: INodeParameters = {},
		credential = credentialId,
	) => genesysNode(credential, launchParameters(flowId, parameters));

	const versionList = (flowId: string, filter?: string, credential = credentialId) =>
		bench.harness.listSearch(launchNode(flowId, {}, credential), 'searchFlowVersions', filter);

	test('the published version first and marked, then the others newest first, from every API page', async () => {
		const expected = [
			['120.0 (published)', '120.0'],
			['122.0 (saved, not published)', '122.0'],
			['121.0 (checked in, not published)', '121.0'],
			...Array.from({ length: PUBLISHED_VERSIONS - 1 }, (_, i) => {
				const id = `${PUBLISHED_VERSIONS - 1 - i}.0`;
				return [id, id];
			}),
		];
		for (const order of ['newest-first', 'oldest-first'] as const) {
			bench.emulator.reset();
			bench.emulator.configure({ versionListOrder: order });
			const list = await versionList(LONG_HISTORY);
			assert.deepEqual(
				list.results.map((result) => [result.name, result.value]),
				expected,
				`Genesys sending the versions ${order}`,
			);
			assert.equal(list.paginationToken, undefined, 'the whole list at once');
			assert.equal(requestCount(bench, 'listVersions', 200), 2, 'two pages of 100 versions');
			assert.equal(requestCount(bench, 'getFlow', 200), 1, 'the flow, for its published version');
		}
		const multi = await versionList(seedIds.multiVersion);
		assert.deepEqual(
			multi.results.map((result) => result.name),
			['3.0 (published)', '2.0', '1.0'],
		);
	});

	test('the search keeps the versions whose name contains the text, in the same order', async () => {
		const found = await versionList(LONG_HISTORY, ' 12');
		assert.deepEqual(
			found.results.map((result) => result.value),
			['120.0', '122.0', '121.0', '112.0', '12.0'],
		);
		assert.deepEqual((await versionList(LONG_HISTORY, '5000')).results, []);
	});

	test('without a flow, for an unknown flow, or without architect:flow:view, the list says why', async () => {
		await assert.rejects(versionList(''), (error: Error & { description?: string }) => {
			assert.equal(error.message, 'Pick a flow first');
			assert.equal(
				error.description,
				'The versions listed here are those of the flow chosen in Flow.',
			);
			return true;
		});
		await assert.rejects(
			versionList('e0ae0000-0000-4000-8000-0000000000ff'),
			/^NodeApiError: Genesys Cloud found nothing to read flow e0ae0000-0000-4000-8000-0000000000ff: /,
		);
		const noView = saveCredential(bench, { ...seedClients.noFlowView });
		await assert.rejects(
			versionList(seedIds.multiVersion, undefined, noView),
			/^NodeApiError: The OAuth client is missing the permission architect:flow:view needed to read flow /,
		);
	});

	test('the Trigger Data fields follow the version chosen, from the list or by ID', async () => {
		const fieldIds = async (flowId: string, flowVersion: unknown) => {
			const node = launchNode(flowId, {
				flowVersion,
				triggerDataMode: 'fields',
			} as INodeParameters);
			const { fields } = await bench.harness.resourceMapperFields(node, 'getTriggerDataFields');
			return fields.map((field) => field.id);
		};
		assert.deepEqual(await fieldIds(seedIds.multiVersion, versionRef('', 'list')), [
			'v3Text',
			'v3Count',
		]);
		assert.deepEqual(await fieldIds(seedIds.multiVersion, versionRef('2.0', 'list')), ['v2Number']);
		assert.deepEqual(await fieldIds(seedIds.multiVersion, versionRef('1.0')), ['v1Text']);
		assert.deepEqual(await fieldIds(LONG_HISTORY, versionRef('7.0', 'list')), ['input7']);
		assert.deepEqual(await fieldIds(LONG_HISTORY, versionRef('')), ['input120']);
	});

	test('a version picked from the list is launched; left empty, the latest published one', async () => {
		const { fields: schema } = await loadTriggerDataFields(
			bench,
			credentialId,
			seedIds.multiVersion,
			'2.0',
		);
		const picked = launchNode(seedIds.multiVersion, {
			flowVersion: { ...versionRef('2.0', 'list'), cachedResultName: '2.0' },
			triggerData: mappedFields(schema, { v2Number: 5 }),
		});
		const pickedRun = await runNode(bench, picked);
		assert.equal(pickedRun.error, undefined, pickedRun.error?.message);
		const latest = launchNode(seedIds.multiVersion, {
			flowVersion: versionRef('', 'list'),
			triggerDataMode: 'json',
			triggerDataJson: '{"v3Text": "x"}',
		});
		const latestRun = await runNode(bench, latest);
		assert.equal(latestRun.error, undefined, latestRun.error?.message);
		assert.deepEqual(
			bench.emulator
				.executions()
				.map((launch) => [launch.requestedFlowVersion, launch.flowVersion]),
			[
				['2.0', '2.0'],
				[undefined, '3.0'],
			],
		);
		assert.equal(pickedRun.items[0].json.flowVersion, '2.0');
		assert.equal(latestRun.items[0].json.flowVersion, '3.0');
	});

	test('a workflow saved with node version 1 and a plain Flow Version string still runs', async () => {
		const v1 = (parameters: INodeParameters) =>
			genesysNode(
				credentialId,
				launchParameters(seedIds.multiVersion, { triggerDataMode: 'json', ...parameters }),
				'Saved with version 1',
				1,
			);
		const fixed = await runNode(
			bench,
			v1({ flowVersion: '2.0', triggerDataJson: '{"v2Number": 4}' }),
		);
		assert.equal(fixed.error, undefined, fixed.error?.message);
		const perItem = await runNode(
			bench,
			v1({ flowVersion: '={{ $json.version }}', triggerDataJson: '={{ $json.inputs }}' }),
			[
				{ version: '1.0', inputs: { v1Text: 'a' } },
				{ version: '', inputs: { v3Text: 'b' } },
			],
		);
		assert.equal(perItem.error, undefined, perItem.error?.message);
		assert.deepEqual(
			bench.emulator
				.executions()
				.map((launch) => [launch.requestedFlowVersion, launch.flowVersion, launch.inputData]),
			[
				['2.0', '2.0', { 'Flow.v2Number': 4 }],
				['1.0', '1.0', { 'Flow.v1Text': 'a' }],
				[undefined, '3.0', { 'Flow.v3Text': 'b' }],
			],
		);

		const v1Fields = await bench.harness.resourceMapperFields(
			genesysNode(
				credentialId,
				launchParameters(seedIds.multiVersion, { flowVersion: '1.0' }),
				'Saved with version 1',
				1,
			),
			'getTriggerDataFields',
		);
		assert.deepEqual(
			v1Fields.fields.map((field) => field.id),
			['v1Text'],
		);
	});

	test('a named version that does not exist fails the item with the version in the message', async () => {
		const failure = failureOf(
			await runNode(
				bench,
				launchNode(seedIds.multiVersion, {
					flowVersion: versionRef('9.0'),
					triggerDataMode: 'json',
				}),
			),
		);
		assert.match(failure.message, /^Genesys Cloud found nothing to read version 9\.0 of flow/);
		assert.equal(requestCount(bench, 'launch'), 0);
	});
});
