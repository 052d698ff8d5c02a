/**
 * Genesys's own JavaScript SDK (purecloud-platform-client-v2, pinned) reads every emulator answer the node relies on:
 * login, the flow list with schemas, a flow, its versions, a launch, and executions RUNNING, COMPLETED and FAILED.
 * The SDK is pointed at the emulator with its "gateway" setting (protocol/host/port), the way it reaches a custom
 * endpoint. It does no model conversion (it resolves with the parsed JSON body), so besides "does not throw" the
 * test checks the fields its models (index.d.ts) declare, the required ones in particular.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import platformClient from 'purecloud-platform-client-v2';
import type { RunningEmulator } from '../../emulator';
import { archInteger, archString } from '../fixtures/capturedSchemas';
import { seedClients, seedIds, start } from './helpers';

describe('emulator: Genesys JS SDK (purecloud-platform-client-v2) parses every answer', () => {
	let emu: RunningEmulator;
	let architect: platformClient.ArchitectApi;
	before(async () => {
		emu = await start({ knobs: { rateLimit: null, executionDurationScale: 0 } });
		const client = platformClient.ApiClient.instance;
		client.setGateway({ host: '127.0.0.1', protocol: 'http', port: String(emu.port) } as never);
		const login = await client.loginClientCredentialsGrant(
			seedClients.demo.clientId,
			seedClients.demo.clientSecret,
		);
		assert.equal(typeof login.accessToken, 'string');
		architect = new platformClient.ArchitectApi();
	});
	after(() => emu.close());

	it('lists flows with their real-dialect schemas and reads a flow and its versions', async () => {
		const list = await architect.getFlows({
			type: ['workflow'],
			includeSchemas: true,
			pageSize: 100,
			name: 'Customer*',
		});
		assert.equal(list.total, 1);
		const [listed] = list.entities!;
		assert.equal(listed.name, 'Customer follow-up');
		assert.equal(listed.type, 'WORKFLOW');
		assert.deepEqual((listed.inputSchema as { definitions?: unknown }).definitions, {
			archString,
			archInteger,
		});

		const flow = await architect.getFlow(seedIds.demo);
		assert.equal(flow.id, seedIds.demo);
		assert.equal(flow.publishedVersion?.id, '1.0');
		const inputSchema = flow.inputSchema as {
			properties?: Record<string, unknown>;
			required?: unknown;
		};
		assert.ok(inputSchema.properties?.['Flow.customerId']);
		assert.equal(inputSchema.required, undefined);

		const versions = await architect.getFlowVersions(seedIds.multiVersion);
		assert.deepEqual(
			versions.entities?.map((v) => v.id),
			['3.0', '2.0', '1.0'],
		);
		const version = await architect.getFlowVersion(seedIds.demo, '1.0');
		assert.equal(version.type, 'PUBLISH');
		assert.equal(typeof version.dateCreated, 'number');
		assert.equal(version.generationId, 'WORKFLOW_VERSION_PUBLISHED');
		assert.equal(version.outputSchema?.title, 'Flow output schema');
	});

	it('launches and reads executions RUNNING, COMPLETED and FAILED', async () => {
		const launched = await architect.postFlowsExecutions({
			flowId: seedIds.demo,
			inputData: { 'Flow.customerId': 'C-1', 'Flow.customerName': 'Ann' } as never,
		});
		assert.match(launched.id!, /^[0-9a-f-]{36}$/);
		assert.deepEqual(launched.flowVersion, {
			id: '1.0',
			name: '1.0',
			selfUri: `/api/v2/flows/${seedIds.demo}/versions/1.0`,
		});
		const completed = await architect.getFlowsExecution(launched.id!);
		assert.equal(completed.status, 'COMPLETED');
		assert.equal(completed.flowVersion.id, '1.0', 'required by the SDK model');
		assert.equal(typeof completed.dateLaunched, 'string', 'required by the SDK model');
		assert.equal((completed.outputData as Record<string, unknown>)['Flow.ticketNumber'], '1001');

		const failing = await architect.postFlowsExecutions({
			flowId: seedIds.demo,
			inputData: { Flow: { customerId: 'C-1' } } as never,
		});
		const failed = await architect.getFlowsExecution(failing.id!);
		assert.equal(failed.status, 'FAILED');
		assert.equal(failed.completionReason, 'Failure');
		assert.equal(failed.flowErrorInfo?.code, 'error.workflow.expression.unexpectedNull');
		assert.deepEqual(failed.flowErrorInfo?.messageParams, {
			expression: 'Flow.customerId',
			pos: '0',
		});

		const never = await architect.postFlowsExecutions({
			flowId: seedIds.neverEnding,
			inputData: {},
		});
		const running = await architect.getFlowsExecution(never.id!);
		assert.equal(running.status, 'RUNNING');
		assert.equal(running.outputData, undefined);
		assert.ok(running.flowVersion.inputSchema, 'the full FlowVersion');
	});

	it('rejects with the Genesys error body for an error answer', async () => {
		await assert.rejects(
			architect.getFlow('00000000-dead-4000-8000-000000000000'),
			(error: { status?: number; body?: { code?: string } } & Record<string, unknown>) => {
				// Without returnExtended the SDK rejects with the parsed error body itself.
				const body = (error.body ?? error) as { code?: string; status?: number };
				assert.equal(body.code, 'not.found');
				return true;
			},
		);
	});
});
