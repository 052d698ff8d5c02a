import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';

import { LoadOptionsContext } from 'n8n-core';
import type {
	ICredentialTestRequest,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeParameters,
} from 'n8n-workflow';

import { GENESYS_REGIONS, resolveHosts } from '../../nodes/GenesysCloud/transport/regions';
import { seedClients, seedIds } from '../../emulator';
import {
	CREDENTIAL_TYPE,
	failureOf,
	flowRef,
	genesysNode,
	launchParameters,
	requestCount,
	runNode,
	saveCredential,
	setUp,
	type Bench,
} from './support';

/**
 * Everything a user could see from these runs (error messages, descriptions, output items) and every secret
 * that must never appear in it; the last test checks one against the other.
 */
const seen: Array<{ test: string; text: string }> = [];
const secrets = new Set<string>(Object.values(seedClients).map((client) => client.clientSecret));

function remember(testName: string, bench: Bench, result: Awaited<ReturnType<typeof runNode>>) {
	const error = result.error as { message?: string; description?: string | null } | undefined;
	if (error)
		seen.push({ test: testName, text: `${error.message ?? ''}\n${error.description ?? ''}` });
	for (const item of result.items) seen.push({ test: testName, text: JSON.stringify(item.json) });
	// And the whole run as n8n would keep it in the execution.
	seen.push({ test: testName, text: JSON.stringify(result.run) });
	// Every token the credential ever stored (the emulator does not reveal them otherwise).
	for (const { data } of bench.harness.credentials.store.values()) {
		if (data.accessToken) secrets.add(String(data.accessToken));
	}
	return result;
}

/** Runs a node and remembers what the run showed, for the leak check at the end. */
async function run(bench: Bench, node: INode, input: IDataObject[] = [{}]) {
	return remember(node.name, bench, await runNode(bench, node, input));
}

const getFlow = (
	credentialId: string,
	options: INodeParameters = {},
	flowId: string = seedIds.demo,
) =>
	genesysNode(credentialId, {
		resource: 'flow',
		operation: 'get',
		flowId: flowRef(flowId),
		options,
	});

const launchNoInputs = (credentialId: string, extra: INodeParameters = {}) =>
	genesysNode(
		credentialId,
		launchParameters(seedIds.noInputs, {
			triggerDataMode: 'json',
			triggerDataJson: '{}',
			...extra,
		}),
	);

const items = (count: number) => Array.from({ length: count }, (_, n) => ({ n }));

function ok(result: { error?: { message?: string } }) {
	assert.equal(result.error, undefined, result.error?.message);
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as { port: number };
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

describe('Credential: one token per client, reused across items and runs, renewed once', () => {
	let bench: Bench;
	let credentialId: string;
	// Latency keeps requests in flight together, so that concurrency is real.
	before(async () => {
		bench = await setUp({ latencyMs: 15 });
		credentialId = saveCredential(bench);
	});
	after(async () => await bench.close());

	test('a run of 30 items, 10 at a time, fetches the token once', async () => {
		const result = await run(
			bench,
			launchNoInputs(credentialId, { options: { maxConcurrentRequests: 10 } }),
			items(30),
		);
		ok(result);
		assert.equal(result.items.length, 30);
		assert.equal(bench.emulator.executions().length, 30);
		assert.equal(bench.emulator.stats().tokensIssued, 1);
		assert.equal(bench.emulator.stats().tokenRequestsTotal, 1);
		assert.equal(requestCount(bench, 'launch', 401), 0);
	});

	test('the token is persisted in the stored credential and a second run reuses it', async () => {
		const stored = bench.harness.credentials.stored(credentialId).data;
		assert.match(String(stored.accessToken), /\S{16,}/);
		const before = bench.emulator.stats();
		const result = await run(bench, launchNoInputs(credentialId), items(5));
		ok(result);
		assert.equal(bench.emulator.stats().tokensIssued, before.tokensIssued);
		assert.equal(bench.emulator.stats().tokenRequestsTotal, before.tokenRequestsTotal);
		assert.equal(
			bench.harness.credentials.stored(credentialId).data.accessToken,
			stored.accessToken,
		);
		assert.equal(requestCount(bench, 'launch', 200), 35);
	});

	test('after the tokens expire, 40 items 20 at a time meet the 401 together and get exactly ONE new token', async () => {
		// n8n alone calls preAuthentication once per request that met the 401: 20 token requests here. A budget
		// far above the requests' needs lets them out as a burst (at the default 300 a minute, one every 200 ms,
		// the first one's renewal would be done before the second is sent); so in the other burst tests. Here
		// all 20 must meet the old token, so the budget (10 a millisecond) sends them faster than a renewal
		// can come back, even on a loaded machine (at 1 a millisecond, one in a CI run came after it).
		const oldToken = bench.harness.credentials.stored(credentialId).data.accessToken;
		bench.emulator.expireTokens();
		const before = bench.emulator.stats();
		const preAuthBefore = bench.harness.credentials.preAuthenticationCalls;
		const result = await run(
			bench,
			getFlow(credentialId, { maxConcurrentRequests: 20, requestsPerMinute: 600_000 }),
			items(40),
		);
		ok(result);
		assert.equal(result.items.length, 40);
		assert.ok(result.items.every((item) => item.json.id === seedIds.demo));
		const stats = bench.emulator.stats();
		assert.equal(stats.tokensIssued - before.tokensIssued, 1, 'one new token');
		assert.equal(stats.tokenRequestsTotal - before.tokenRequestsTotal, 1, 'one token request');
		// It really was a burst: every request of the first wave met the expired token and asked for a new one.
		assert.equal(requestCount(bench, 'getFlow', 401), 20);
		assert.equal(bench.harness.credentials.preAuthenticationCalls - preAuthBefore, 20);
		const newToken = bench.harness.credentials.stored(credentialId).data.accessToken;
		assert.notEqual(newToken, oldToken);
	});

	test('401s spread out in time (jitter) are served by the token fetched for the first ones', async () => {
		// Requests that meet the 401 after the new token arrived get it from the credential's process cache.
		bench.emulator.configure({ jitterMs: 60 });
		bench.emulator.expireTokens();
		const before = bench.emulator.stats();
		const getFlow401 = requestCount(bench, 'getFlow', 401);
		const result = await run(
			bench,
			getFlow(credentialId, { maxConcurrentRequests: 20, requestsPerMinute: 60_000 }),
			items(40),
		);
		ok(result);
		assert.ok(requestCount(bench, 'getFlow', 401) - getFlow401 >= 2);
		assert.equal(bench.emulator.stats().tokensIssued - before.tokensIssued, 1);
		bench.emulator.configure({ jitterMs: 0 });
	});

	test('the same after an expiry in the middle of launches: every item launched once, one new token', async () => {
		bench.emulator.expireTokens();
		const before = bench.emulator.stats();
		const launchesBefore = bench.emulator.executions().length;
		const result = await run(
			bench,
			launchNoInputs(credentialId, { options: { maxConcurrentRequests: 20 } }),
			items(40),
		);
		ok(result);
		assert.equal(result.items.length, 40);
		assert.equal(bench.emulator.executions().length - launchesBefore, 40);
		assert.equal(bench.emulator.stats().tokensIssued - before.tokensIssued, 1);
	});

	test('custom URLs with trailing slashes (and stray spaces) reach the emulator', async () => {
		const id = saveCredential(bench, {
			apiBaseUrl: `${bench.emulator.url}/`,
			loginBaseUrl: ` ${bench.emulator.url}/// `,
		});
		const result = await run(bench, getFlow(id));
		ok(result);
		assert.equal(result.items[0].json.id, seedIds.demo);
		assert.equal(result.items[0].json.name, 'Customer follow-up');
		assert.deepEqual(
			resolveHosts({
				region: 'custom',
				apiBaseUrl: 'http://gw.example:8080/genesys//',
				loginBaseUrl: 'http://gw.example:8080/login/',
			}),
			{
				apiBaseUrl: 'http://gw.example:8080/genesys',
				loginBaseUrl: 'http://gw.example:8080/login',
				regionLabel: 'custom URLs',
			},
		);
	});
});

describe('Credential: tokens that live less than the 60-second reuse margin (gateways, the emulator)', () => {
	let bench: Bench;
	before(
		async () => (bench = await setUp({ tokenLifetimeSeconds: 30, latencyMs: 5, jitterMs: 150 })),
	);
	after(async () => await bench.close());

	test('still one new token for a burst of 401s', async () => {
		const credentialId = saveCredential(bench);
		ok(await run(bench, getFlow(credentialId)));
		bench.emulator.expireTokens();
		const before = bench.emulator.stats().tokensIssued;
		const result = await run(
			bench,
			getFlow(credentialId, { maxConcurrentRequests: 20, requestsPerMinute: 60_000 }),
			items(40),
		);
		ok(result);
		assert.equal(bench.emulator.stats().tokensIssued - before, 1);
	});
});

describe('Credential: the scope', () => {
	let bench: Bench;
	before(async () => (bench = await setUp()));
	after(async () => await bench.close());

	const lastTokenRequest = () => {
		const requests = bench.emulator.stats().tokenRequests;
		return requests[requests.length - 1];
	};

	test('flow:execute is requested by default; a cleared Scope field sends no scope', async () => {
		// The default of the credential type itself, not the one support.ts writes.
		const defaults = Object.fromEntries(
			bench.harness.credentialTypes
				.getByName(CREDENTIAL_TYPE)
				.properties.map((property) => [property.name, property.default]),
		);
		assert.equal(defaults.scope, 'flow:execute');
		assert.equal(defaults.region, 'mypurecloud.com');

		// A credential saved without the field gets the type's default, as n8n fills defaults on read.
		const withoutScope = saveCredential(bench);
		delete bench.harness.credentials.stored(withoutScope).data.scope;
		ok(await run(bench, getFlow(withoutScope)));
		assert.deepEqual(lastTokenRequest(), {
			clientId: 'demo-client',
			scope: 'flow:execute',
			status: 200,
		});

		ok(await run(bench, getFlow(saveCredential(bench, { scope: '' }))));
		assert.deepEqual(lastTokenRequest(), { clientId: 'demo-client', scope: null, status: 200 });

		ok(await run(bench, getFlow(saveCredential(bench, { scope: ' flow:execute,  architect ' }))));
		assert.equal(lastTokenRequest().scope, 'flow:execute architect');
	});

	test('requireScope flow:execute: the default scope launches', async () => {
		bench.emulator.configure({ requireScope: 'flow:execute', requireScopeFailure: '403' });
		ok(await run(bench, launchNoInputs(saveCredential(bench)), items(2)));
		assert.equal(bench.emulator.executions().length, 2);
		bench.emulator.reset();
	});

	test('requireScope flow:execute without the scope (403): the message names the scope', async () => {
		bench.emulator.configure({ requireScope: 'flow:execute', requireScopeFailure: '403' });
		const failure = failureOf(
			await run(bench, launchNoInputs(saveCredential(bench, { scope: '' }))),
		);
		assert.equal(failure.httpCode, '403');
		assert.match(
			failure.message,
			/^Genesys Cloud refused to launch flow "No inputs" \(403 Forbidden\): .*required scope: \[flow:execute\]/,
		);
		assert.match(failure.description, /keep flow:execute in the credential's Scope/);
		assert.deepEqual(bench.emulator.executions(), []);
		bench.emulator.reset();
	});

	test('requireScope flow:execute without the scope (empty 400): the scope comes first among the causes', async () => {
		bench.emulator.configure({ requireScope: 'flow:execute', requireScopeFailure: 'empty400' });
		const failure = failureOf(
			await run(bench, launchNoInputs(saveCredential(bench, { scope: '' }))),
		);
		assert.equal(failure.httpCode, '400');
		assert.equal(
			failure.message,
			'Genesys Cloud refused to launch flow "No inputs" with 400 Bad Request and no explanation',
		);
		assert.match(
			failure.description,
			/^Likely causes, most likely first: 1\. The token lacks a scope your org or gateway requires: keep "flow:execute" in the credential's Scope field \(it requests no scope now\)\./,
		);
		bench.emulator.reset();
	});

	test('a token granted without the requested scope is remembered, and the 400 on launch points at it', async () => {
		bench.emulator.configure({
			tokenScopePolicy: 'grant-allowed',
			requireScope: 'flow:execute',
			requireScopeFailure: 'empty400',
		});
		const credentialId = saveCredential(bench, {
			...seedClients.noFlowExecuteScope,
			scope: 'flow:execute architect:readonly',
		});
		const failure = failureOf(await run(bench, launchNoInputs(credentialId)));
		assert.equal(
			bench.harness.credentials.stored(credentialId).data.grantedScope,
			'architect:readonly',
		);
		assert.equal(failure.httpCode, '400');
		assert.match(
			failure.description,
			/^Likely causes, most likely first: 1\. The token was granted without "flow:execute" \(the credential requested "flow:execute architect:readonly"\): ask your Genesys admin to allow that scope for the OAuth client, or clear the Scope field/,
		);
		bench.emulator.reset();
	});

	test('requesting only flow:execute and being granted nothing: the 400 still names flow:execute first', async () => {
		// The emulator omits `scope` when it grants none, which OAuth reads as "granted as requested": the
		// credential cannot tell the gap, so the explanation falls back to the requested scope.
		bench.emulator.configure({
			tokenScopePolicy: 'grant-allowed',
			requireScope: 'flow:execute',
			requireScopeFailure: 'empty400',
		});
		const credentialId = saveCredential(bench, { ...seedClients.noFlowExecuteScope });
		const failure = failureOf(await run(bench, launchNoInputs(credentialId)));
		assert.equal(failure.httpCode, '400');
		assert.match(failure.description, /^Likely causes, most likely first: 1\. [^2]*"flow:execute"/);
		bench.emulator.reset();
	});

	test('invalid_scope: the node asks again at once without the scope, remembers it, and says so in later scope errors', async () => {
		bench.emulator.configure({ tokenScopePolicy: 'reject-unknown' });
		ok(await run(bench, getFlow(saveCredential(bench, { ...seedClients.noFlowExecuteScope }))));
		const first = bench.emulator.stats().tokenRequests.map(({ scope, status }) => [scope, status]);
		assert.deepEqual(
			first,
			[
				['flow:execute', 400],
				[null, 200],
			],
			'refused once, then granted without a scope',
		);
		assert.equal(requestCount(bench, 'getFlow', 200), 1);

		// Another run, a new stored credential of the same client: the refusal is remembered, no second 400.
		bench.emulator.reset();
		bench.emulator.configure({ tokenScopePolicy: 'reject-unknown' });
		ok(
			await run(
				bench,
				launchNoInputs(saveCredential(bench, { ...seedClients.noFlowExecuteScope })),
			),
		);
		assert.deepEqual(
			bench.emulator.stats().tokenRequests.map(({ scope, status }) => [scope, status]),
			[[null, 200]],
		);

		// An org that does require the scope it refuses: the error tells what the node did about the scope.
		bench.emulator.reset();
		bench.emulator.configure({ tokenScopePolicy: 'reject-unknown', requireScope: 'flow:execute' });
		const failure = failureOf(
			await run(
				bench,
				launchNoInputs(saveCredential(bench, { ...seedClients.noFlowExecuteScope })),
			),
		);
		assert.equal(failure.httpCode, '403');
		assert.match(
			failure.description,
			/The token endpoint refused the scope "flow:execute" \(invalid_scope\), so the node fetched its token without it/,
		);
		assert.match(failure.description, /by roles/);
		bench.emulator.reset();
	});

	test('several scopes refused together: the node asks once more with none', async () => {
		bench.emulator.configure({ tokenScopePolicy: 'reject-unknown' });
		// A made-up scope only this test asks for, so the refusal the process remembers is this one.
		const credentialId = saveCredential(bench, {
			...seedClients.noFlowExecuteScope,
			scope: 'flow:execute architect:readonly',
		});
		ok(await run(bench, getFlow(credentialId)));
		const requests = bench.emulator
			.stats()
			.tokenRequests.map(({ scope, status }) => [scope, status]);
		assert.deepEqual(requests, [
			['flow:execute architect:readonly', 400],
			[null, 200],
		]);
		bench.emulator.reset();
	});
});

describe('Credential: errors that explain themselves', () => {
	let bench: Bench;
	before(async () => (bench = await setUp()));
	after(async () => await bench.close());

	for (const invalidClientStatus of [401, 400] as const) {
		test(`a wrong client secret (invalid_client ${invalidClientStatus}) says so, names the login host and the region`, async () => {
			bench.emulator.configure({ invalidClientStatus });
			const wrongSecret = 'not-the-demo-secret-8c1f';
			secrets.add(wrongSecret);
			const failure = failureOf(
				await run(bench, launchNoInputs(saveCredential(bench, { clientSecret: wrongSecret }))),
			);
			assert.equal(
				failure.message,
				`Genesys Cloud rejected the Client ID or Client Secret at ${bench.emulator.url} (invalid_client) for custom URLs`,
			);
			assert.match(
				failure.description,
				/^The most common cause is a region that does not match the org's/,
			);
			assert.equal(bench.emulator.stats().tokensIssued, 0);
			assert.deepEqual(bench.emulator.executions(), []);
			bench.emulator.reset();
		});
	}

	test('an unknown client ID gets the same explanation', async () => {
		const failure = failureOf(
			await run(bench, getFlow(saveCredential(bench, { clientId: 'typo-client' }))),
		);
		assert.match(
			failure.message,
			/^Genesys Cloud rejected the Client ID or Client Secret at http:\/\/127\.0\.0\.1:\d+ \(invalid_client\)/,
		);
	});

	test('an unreachable login host (closed port) is named, with the region', async () => {
		const port = await closedPort();
		const credentialId = saveCredential(bench, { loginBaseUrl: `http://127.0.0.1:${port}` });
		const failure = failureOf(await run(bench, getFlow(credentialId)));
		assert.equal(
			failure.message,
			`Could not reach the Genesys Cloud login host http://127.0.0.1:${port} for custom URLs`,
		);
		assert.match(
			failure.description,
			/^The connection failed with ECONNREFUSED\. Check that the credential's Region is your org's region/,
		);
		assert.equal(requestCount(bench, 'getFlow'), 0);
	});

	test('an unreachable host of a named region names the host and the region', async () => {
		// `.invalid` never resolves (RFC 2606), so this stays offline wherever it runs.
		const credentialId = saveCredential(bench, {
			region: 'example.invalid',
			apiBaseUrl: '',
			loginBaseUrl: '',
		});
		const failure = failureOf(await run(bench, getFlow(credentialId)));
		assert.equal(
			failure.message,
			'Could not reach the Genesys Cloud login host https://login.example.invalid for region example.invalid',
		);
		assert.match(failure.description, /^The connection failed with (ENOTFOUND|EAI_AGAIN)\./);
	});

	test('a missing permission names it: architect:flow:launch on launch, architect:flow:view on reading a flow', async () => {
		const noLaunch = failureOf(
			await run(bench, launchNoInputs(saveCredential(bench, { ...seedClients.noLaunch }))),
		);
		assert.equal(
			noLaunch.message,
			'The OAuth client is missing the permission architect:flow:launch needed to launch flow "No inputs"',
		);
		assert.match(
			noLaunch.description,
			/add architect:flow:launch \(Architect > Flow > Launch\) to a role/,
		);

		const noView = failureOf(
			await run(bench, getFlow(saveCredential(bench, { ...seedClients.noFlowView }))),
		);
		assert.equal(
			noView.message,
			`The OAuth client is missing the permission architect:flow:view needed to read flow ${seedIds.demo}`,
		);
		assert.match(noView.description, /Architect > Flow > View/);
	});

	test('with Continue On Fail, a token failure becomes one error item per input item', async () => {
		const node = {
			...launchNoInputs(saveCredential(bench, { clientSecret: 'wrong-secret-for-items' })),
			onError: 'continueRegularOutput' as const,
		};
		secrets.add('wrong-secret-for-items');
		const result = await run(bench, node, items(3));
		ok(result);
		assert.equal(result.items.length, 3);
		for (const [index, item] of result.items.entries()) {
			assert.match(
				String(item.json.error),
				/^Genesys Cloud rejected the Client ID or Client Secret at /,
			);
			assert.match(String(item.json.description), /region that does not match/);
			assert.deepEqual(item.pairedItem, { item: index });
		}
	});
});

describe('Credential: regions', () => {
	test('the region list holds the 18 domains of the reference, then Custom', async () => {
		const domains = [
			'mypurecloud.com',
			'use2.us-gov-pure.cloud',
			'usw2.pure.cloud',
			'cac1.pure.cloud',
			'sae1.pure.cloud',
			'mxc1.pure.cloud',
			'mypurecloud.ie',
			'euw2.pure.cloud',
			'mypurecloud.de',
			'euc2.pure.cloud',
			'mec1.pure.cloud',
			'edee1.eusc-pure.cloud',
			'aps1.pure.cloud',
			'mypurecloud.jp',
			'apne2.pure.cloud',
			'apne3.pure.cloud',
			'apse1.pure.cloud',
			'mypurecloud.com.au',
		];
		assert.deepEqual(
			[...GENESYS_REGIONS.map((region) => region.value)].sort(),
			[...domains].sort(),
		);
		for (const { name, value } of GENESYS_REGIONS) {
			assert.match(
				name,
				/^(Americas|EMEA|Asia Pacific) \(.+\)/,
				`${value} is labelled by location`,
			);
			assert.deepEqual(resolveHosts({ region: value }), {
				apiBaseUrl: `https://api.${value}`,
				loginBaseUrl: `https://login.${value}`,
				regionLabel: `region ${name.split(' — ')[0]}`,
			});
		}
		// The loaded credential type offers them all, plus Custom.
		const { N8nHarness } = await import('../harness/harness');
		const harness = await N8nHarness.load();
		const region = harness.credentialTypes
			.getByName(CREDENTIAL_TYPE)
			.properties.find((property) => property.name === 'region');
		const values = (region?.options as Array<{ value: string }>).map((option) => option.value);
		assert.deepEqual(values, [...GENESYS_REGIONS.map((r) => r.value), 'custom']);
	});
});

describe("Credential: the declarative test request (the editor's Test button)", () => {
	let bench: Bench;
	before(async () => (bench = await setUp()));
	after(async () => await bench.close());

	const testRequest = () =>
		bench.harness.credentialTypes.getByName(CREDENTIAL_TYPE).test as ICredentialTestRequest;

	/** The base URL n8n's credential tester would compute for stored credential data. */
	function baseUrlFor(data: IDataObject): string {
		const node = getFlow('unused');
		const workflow = bench.harness.workflow({ nodes: [node] });
		const value = workflow.expression.getSimpleParameterValue(
			node,
			String(testRequest().request.baseURL),
			'internal',
			{ $credentials: data },
			undefined,
			'',
		);
		return String(value);
	}

	/**
	 * What n8n's credential tester does with a declarative test: preAuthentication, authenticate, the request;
	 * a status named by a rule fails the test with the rule's message. Returns the status and that message.
	 */
	async function pressTest(
		credentialId: string,
	): Promise<{ status: number; message?: string; body: IDataObject }> {
		const node = getFlow(credentialId);
		const workflow = bench.harness.workflow({ nodes: [node] });
		const context = new LoadOptionsContext(
			workflow,
			node,
			bench.harness.additionalData(),
			'parameters.flowId',
		);
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		const type = bench.harness.credentialTypes.getByName(CREDENTIAL_TYPE);
		Object.assign(
			credentials,
			await type.preAuthentication!.call(
				{ helpers: context.helpers } as IHttpRequestHelper,
				credentials,
			),
		);
		const { request, rules } = testRequest();
		const options = await bench.harness.credentials.authenticate(
			credentials,
			CREDENTIAL_TYPE,
			{
				...request,
				baseURL: baseUrlFor(credentials),
				method: request.method ?? 'GET',
				json: true,
				returnFullResponse: true,
				ignoreHttpStatusErrors: true,
			} as IHttpRequestOptions,
			workflow,
			node,
		);
		const response = (await context.helpers.httpRequest(options)) as {
			statusCode: number;
			body: IDataObject;
		};
		const rule = rules?.find(
			(r) => r.type === 'responseCode' && r.properties.value === response.statusCode,
		);
		return { status: response.statusCode, message: rule?.properties.message, body: response.body };
	}

	test('its base URL derives from the region, or from the custom API URL without trailing slashes', () => {
		assert.equal(testRequest().request.url, '/api/v2/flows');
		assert.equal(baseUrlFor({ region: 'mypurecloud.ie' }), 'https://api.mypurecloud.ie');
		assert.equal(
			baseUrlFor({ region: 'custom', apiBaseUrl: 'http://127.0.0.1:8787//' }),
			'http://127.0.0.1:8787',
		);
		for (const { value } of GENESYS_REGIONS)
			assert.equal(baseUrlFor({ region: value }), resolveHosts({ region: value }).apiBaseUrl);
		// The same base URL the node uses, whatever the user typed.
		const typed = { region: 'custom', apiBaseUrl: ' http://127.0.0.1:8787/ ' };
		assert.equal(baseUrlFor(typed), resolveHosts(typed).apiBaseUrl);
	});

	test('a working client passes: the token works and it lists one workflow', async () => {
		const result = await pressTest(saveCredential(bench, { apiBaseUrl: `${bench.emulator.url}/` }));
		assert.equal(result.status, 200);
		assert.equal(result.message, undefined);
		assert.equal(result.body.pageSize, 1);
		assert.ok((result.body.entities as IDataObject[]).every((flow) => flow.type === 'WORKFLOW'));
	});

	test('stray spaces around the custom API URL do not fail the test (the node tolerates them too)', async () => {
		const result = await pressTest(
			saveCredential(bench, { apiBaseUrl: ` ${bench.emulator.url}/ ` }),
		);
		assert.equal(result.status, 200);
	});

	test('a client whose token endpoint refuses flow:execute passes: the token is fetched without it', async () => {
		bench.emulator.configure({ tokenScopePolicy: 'reject-unknown' });
		const result = await pressTest(
			saveCredential(bench, { ...seedClients.noFlowExecuteScope, scope: 'flow:execute' }),
		);
		assert.equal(result.status, 200);
		assert.equal(result.message, undefined);
		bench.emulator.reset();
	});

	test("a client without architect:flow:view fails the test with the permission's name", async () => {
		const result = await pressTest(saveCredential(bench, { ...seedClients.noFlowView }));
		assert.equal(result.status, 403);
		assert.match(String(result.message), /lack the architect:flow:view permission/);
	});
});

describe('no error message, description or output item contains the client secret or an access token', () => {
	test('across every run of this file', () => {
		assert.ok(seen.length >= 20, `collected ${seen.length} texts`);
		assert.ok(secrets.size >= 8, `collected ${secrets.size} secrets and tokens`);
		for (const { test: where, text } of seen) {
			for (const secret of secrets)
				assert.ok(!text.includes(secret), `"${where}" showed a secret or token: ${text}`);
		}
	});
});
