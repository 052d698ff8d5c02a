import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';

import type { INodeParameters } from 'n8n-workflow';

import { seedClients, seedIds, startEmulator } from '../../emulator';
import {
	failureOf,
	genesysNode,
	launchParameters,
	requestCount,
	runNode,
	saveCredential,
	setUp,
	versionRef,
	type Bench,
} from './support';

const UNKNOWN_FLOW = 'e0ae0000-0000-4000-8000-0000000000ff';

describe('Genesys Cloud API errors become NodeApiErrors that say what happened and how to fix it', () => {
	let bench: Bench;
	before(async () => (bench = await setUp()));
	beforeEach(() => bench.emulator.reset());
	after(async () => await bench.close());

	const launch = (credentialId: string, flowId: string, extra: INodeParameters = {}) =>
		genesysNode(credentialId, launchParameters(flowId, { triggerDataMode: 'json', ...extra }));

	/** The correlation id of the last launch the emulator answered, which the description must show. */
	function lastLaunchCorrelationId(): string {
		const attempts = bench.emulator.launchAttempts();
		assert.ok(attempts.length > 0, 'a launch reached Genesys Cloud');
		return attempts[attempts.length - 1].correlationId;
	}

	const UUID = /Genesys correlation ID: [0-9a-f-]{36}\.$/;

	test("400 naming a field: the field and Genesys's reason, with the correlation ID", async () => {
		const result = await runNode(
			bench,
			launch(saveCredential(bench), seedIds.unpublished, { flowVersion: versionRef('1.0') }),
		);
		const failure = failureOf(result);
		assert.equal(failure.name, 'NodeApiError');
		assert.equal(failure.httpCode, '400');
		assert.equal(
			failure.message,
			"Genesys Cloud rejected the request to launch flow \"Unpublished workflow\" because of flowVersion: Version '1.0' of flow 'Unpublished workflow' is not published (SAVE); only published versions can be launched.",
		);
		assert.ok(
			failure.description.endsWith(`Genesys correlation ID: ${lastLaunchCorrelationId()}.`),
			failure.description,
		);
		assert.equal(failure.itemIndex, 0);
	});

	test('400 naming a query parameter of a listing', async () => {
		bench.emulator.configure({ maxPageSize: 50 });
		const node = genesysNode(saveCredential(bench), {
			resource: 'flow',
			operation: 'getMany',
			returnAll: false,
			limit: 80,
		});
		const failure = failureOf(await runNode(bench, node));
		assert.equal(failure.httpCode, '400');
		assert.equal(
			failure.message,
			'Genesys Cloud rejected the request to list flows because of pageSize: pageSize must be at most 50; got 80',
		);
		assert.match(failure.description, UUID);
	});

	test('400 with an empty body: the likely causes in order, scope first', async () => {
		bench.emulator.configure({ requireScope: 'flow:execute', requireScopeFailure: 'empty400' });
		const failure = failureOf(
			await runNode(bench, launch(saveCredential(bench, { scope: '' }), seedIds.noInputs)),
		);
		assert.equal(failure.httpCode, '400');
		assert.equal(
			failure.message,
			'Genesys Cloud refused to launch flow "No inputs" with 400 Bad Request and no explanation',
		);
		assert.match(
			failure.description,
			/^Likely causes, most likely first: 1\. The token lacks a scope your org or gateway requires: keep "flow:execute" in the credential's Scope field \(it requests no scope now\)\. 2\. The Trigger Data does not match the flow's inputs/,
		);
		assert.ok(
			failure.description.endsWith(`Genesys correlation ID: ${lastLaunchCorrelationId()}.`),
			failure.description,
		);
	});

	test('400 with an empty body after the token was granted without a requested scope names that scope', async () => {
		bench.emulator.configure({
			requireScope: 'flow:execute',
			requireScopeFailure: 'empty400',
			tokenScopePolicy: 'grant-allowed',
		});
		const credentialId = saveCredential(bench, {
			...seedClients.noFlowExecuteScope,
			scope: 'flow:execute architect:readonly',
		});
		const failure = failureOf(await runNode(bench, launch(credentialId, seedIds.noInputs)));
		assert.match(
			failure.description,
			/1\. The token was granted without "flow:execute" \(the credential requested "flow:execute architect:readonly"\): ask your Genesys admin to allow that scope/,
		);
	});

	test('401 that persists after renewing the token: region mismatch hint', async () => {
		// A login service of another region issues tokens this API does not know.
		const otherRegion = await startEmulator({ port: 0 });
		try {
			const credentialId = saveCredential(bench, { loginBaseUrl: otherRegion.url });
			const failure = failureOf(await runNode(bench, launch(credentialId, seedIds.noInputs)));
			assert.equal(failure.httpCode, '401');
			assert.equal(
				failure.message,
				'Genesys Cloud refused the access token (401) when trying to read flow e0ae0000-0000-4000-8000-000000000002, even after renewing it',
			);
			assert.match(
				failure.description,
				/API base URL and login base URL belong to the same region/,
			);
			assert.match(failure.description, UUID);
			assert.equal(requestCount(bench, 'launch'), 0);
		} finally {
			await otherRegion.close();
		}
	});

	test('403 names the missing permission and the role to add', async () => {
		const credentialId = saveCredential(bench, { ...seedClients.noLaunch });
		const failure = failureOf(await runNode(bench, launch(credentialId, seedIds.noInputs)));
		assert.equal(failure.httpCode, '403');
		assert.equal(
			failure.message,
			'The OAuth client is missing the permission architect:flow:launch needed to launch flow "No inputs"',
		);
		assert.match(
			failure.description,
			/add architect:flow:launch \(Architect > Flow > Launch\) to a role, and assign that role to the OAuth client/,
		);
		assert.match(failure.description, UUID);
		assert.equal(requestCount(bench, 'launch', 403), 1);
		assert.deepEqual(bench.emulator.executions(), []);
	});

	test('403 on reading the flow and on reading the execution name their permissions too', async () => {
		const noView = failureOf(
			await runNode(
				bench,
				launch(saveCredential(bench, { ...seedClients.noFlowView }), seedIds.noInputs),
			),
		);
		assert.equal(
			noView.message,
			`The OAuth client is missing the permission architect:flow:view needed to read flow ${seedIds.noInputs}`,
		);
		assert.match(noView.description, /Architect > Flow > View/);
		assert.equal(requestCount(bench, 'launch'), 0);

		const credentialId = saveCredential(bench, { ...seedClients.noExecutionView });
		const waiting = launch(credentialId, seedIds.noInputs, {
			waitForCompletion: true,
			options: { pollInterval: 0.05 },
		});
		const noExecutionView = failureOf(await runNode(bench, waiting));
		const [execution] = bench.emulator.executions();
		assert.equal(
			noExecutionView.message,
			`The OAuth client is missing the permission architect:flowExecution:view needed to read flow execution ${execution.id}`,
		);
		assert.match(noExecutionView.description, /Architect > Flow Execution > View/);
	});

	test('404: the flow is not found, with the likely causes', async () => {
		const failure = failureOf(await runNode(bench, launch(saveCredential(bench), UNKNOWN_FLOW)));
		assert.equal(failure.httpCode, '404');
		assert.equal(
			failure.message,
			`Genesys Cloud found nothing to read flow ${UNKNOWN_FLOW}: Flow '${UNKNOWN_FLOW}' was not found.`,
		);
		assert.match(
			failure.description,
			/the ID is wrong, the flow was never published .* another region/,
		);
		assert.match(failure.description, UUID);
		assert.equal(requestCount(bench, 'launch'), 0);
	});

	test('404 for a flow version or an execution that does not exist', async () => {
		const credentialId = saveCredential(bench);
		const version = failureOf(
			await runNode(
				bench,
				launch(credentialId, seedIds.multiVersion, { flowVersion: versionRef('9.0') }),
			),
		);
		assert.equal(version.httpCode, '404');
		assert.match(
			version.message,
			/^Genesys Cloud found nothing to read version 9\.0 of flow e0ae0000-0000-4000-8000-000000000008/,
		);

		const get = genesysNode(credentialId, {
			resource: 'flowExecution',
			operation: 'get',
			executionId: 'no-such-execution',
		});
		const execution = failureOf(await runNode(bench, get));
		assert.equal(execution.httpCode, '404');
		assert.equal(
			execution.message,
			"Genesys Cloud found nothing to read flow execution no-such-execution: Flow execution 'no-such-execution' was not found.",
		);
		assert.match(execution.description, UUID);
	});

	test('429 after the Rate Limit Wait Ceiling: the item fails saying how to go slower', async () => {
		bench.emulator.configure({
			faultScript: [{ route: 'launch', kind: 429, times: 20, retryAfterSeconds: 0.2 }],
		});
		const node = launch(saveCredential(bench), seedIds.noInputs, {
			options: { rateLimitWaitCeiling: 0.5 },
		});
		const started = Date.now();
		const failure = failureOf(await runNode(bench, node));
		assert.equal(failure.httpCode, '429');
		assert.equal(
			failure.message,
			'Genesys Cloud kept answering 429 Too Many Requests when trying to launch flow "No inputs"',
		);
		assert.match(
			failure.description,
			/Raise that ceiling, lower Requests per Minute \(with several n8n workers: the limit divided by their number\), or spread the items over time/,
		);
		assert.match(failure.description, /Genesys correlation ID: [0-9a-f-]{36}\./);
		assert.ok(requestCount(bench, 'launch', 429) >= 2, 'it waited and retried before giving up');
		assert.ok(Date.now() - started < 3000);
		assert.deepEqual(bench.emulator.executions(), []);
	});

	test('429 from a tight rate limit: items beyond the ceiling fail, and the message counts those already launched', async () => {
		bench.emulator.configure({ rateLimit: { requests: 2, windowSeconds: 1 } });
		const node = launch(saveCredential(bench), seedIds.noInputs, {
			options: { rateLimitWaitCeiling: 0.2 },
		});
		const failure = failureOf(
			await runNode(
				bench,
				node,
				Array.from({ length: 6 }, () => ({})),
			),
		);
		assert.equal(failure.httpCode, '429');
		assert.match(
			failure.message,
			/^Genesys Cloud kept answering 429 Too Many Requests when trying to launch flow "No inputs"$/,
		);
		const launched = bench.emulator.executions().length;
		assert.ok(launched >= 1 && launched < 6, `${launched} launched`);
		assert.match(
			failure.description,
			new RegExp(`${launched} other item\\(s\\) had already been launched in this run`),
		);
	});
});
