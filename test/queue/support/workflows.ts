/**
 * Workflows and credentials of the queue-mode tests, created through the main's REST API as a user would in the
 * editor: a production Webhook trigger ("Respond: Immediately") → the items → Genesys Cloud launch.
 */
import { randomUUID } from 'node:crypto';

import type { N8nRestClient } from '../../e2e/support/n8nRest';
import type { PostgresServer } from './services';
import {
	GENESYS_CREDENTIAL_TYPE,
	GENESYS_NODE_NAME,
	GENESYS_NODE_TYPE,
	emulatorCredential,
	flowRef,
	seedIds,
} from '../../e2e/fixtures/genesys';

export { GENESYS_NODE_NAME, seedIds };

export interface CreatedCredential {
	id: string;
	name: string;
}

/** A Genesys Cloud credential pointing at the emulator, stored in the shared database. */
export async function createEmulatorCredential(
	rest: N8nRestClient,
	emulatorUrl: string,
	name: string,
): Promise<CreatedCredential> {
	const { type, data } = emulatorCredential(emulatorUrl, 'unused', name);
	const created = await rest.post<{ id: string; name: string }>('/rest/credentials', {
		name,
		type,
		data,
	});
	return { id: created.id, name: created.name };
}

export interface WebhookLaunchOptions {
	name: string;
	/** The production webhook path: POST /webhook/<path> starts the workflow. */
	webhookPath: string;
	items: number;
	credential: CreatedCredential;
	waitForCompletion: boolean;
	/** The Genesys node's Options (Max Concurrent Requests, Requests per Minute, Poll Interval…). */
	options?: Record<string, unknown>;
	flowId?: string;
}

/** Webhook → "Items" (Set: `{ items: [{n: 0}, …] }`) → "One item each" (Split Out) → Genesys Cloud launch. */
export function webhookLaunchWorkflow(o: WebhookLaunchOptions) {
	const main = (node: string) => ({ main: [[{ node, type: 'main', index: 0 }]] });
	const items = Array.from({ length: o.items }, (_, n) => ({ n }));
	return {
		name: o.name,
		settings: {
			executionOrder: 'v1',
			saveDataSuccessExecution: 'all',
			saveDataErrorExecution: 'all',
		},
		connections: {
			Webhook: main('Items'),
			Items: main('One item each'),
			'One item each': main(GENESYS_NODE_NAME),
		},
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: {
					httpMethod: 'POST',
					path: o.webhookPath,
					responseMode: 'onReceived',
					options: {},
				},
			},
			{
				id: randomUUID(),
				name: 'Items',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} },
			},
			{
				id: randomUUID(),
				name: 'One item each',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 0],
				parameters: { fieldToSplitOut: 'items', options: {} },
			},
			{
				id: randomUUID(),
				name: GENESYS_NODE_NAME,
				type: GENESYS_NODE_TYPE,
				typeVersion: 1,
				position: [660, 0],
				parameters: {
					resource: 'flowExecution',
					operation: 'launch',
					flowId: flowRef(o.flowId ?? seedIds.noInputs, 'No inputs'),
					triggerDataMode: 'json',
					triggerDataJson: '{}',
					waitForCompletion: o.waitForCompletion,
					options: o.options ?? {},
				},
				credentials: { [GENESYS_CREDENTIAL_TYPE]: o.credential },
			},
		],
	};
}

export interface ActiveWorkflow {
	id: string;
	name: string;
	webhookPath: string;
}

/**
 * Creates the workflow and publishes (activates) it, then waits until its production webhook is registered:
 * n8n 2.41 answers the activation before it has stored the webhook (a POST right after gets a 404).
 */
export async function createActiveWorkflow(
	rest: N8nRestClient,
	postgres: PostgresServer,
	o: WebhookLaunchOptions,
): Promise<ActiveWorkflow> {
	const created = await rest.createWorkflow(webhookLaunchWorkflow(o));
	await rest.activateWorkflow(created.id, created.versionId);
	const deadline = Date.now() + 30_000;
	const sql = `select count(*) from webhook_entity where "workflowId" = '${created.id.replace(/'/g, "''")}'`;
	while ((await postgres.query(sql)) === '0') {
		if (Date.now() > deadline)
			throw new Error(`the webhook of workflow ${created.id} was not registered within 30 s`);
		await new Promise((r) => setTimeout(r, 200));
	}
	return { id: created.id, name: o.name, webhookPath: o.webhookPath };
}

/** POST to a production webhook; with "Respond: Immediately" n8n answers as soon as the execution is queued. */
export async function triggerWebhook(url: string, body: unknown = {}): Promise<void> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`POST ${url} → ${res.status}: ${text}`);
}

export interface ExecutionSummary {
	id: string;
	workflowId: string;
	status: string;
	finished?: boolean;
	mode?: string;
	startedAt?: string | null;
	stoppedAt?: string | null;
}

/** The executions of a workflow, newest first (`GET /rest/executions`). */
export async function listExecutions(
	rest: N8nRestClient,
	workflowId: string,
): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = await rest.get<{ results: ExecutionSummary[] }>(
		`/rest/executions?filter=${filter}&limit=50`,
	);
	return page.results;
}

/** One execution with its data (`GET /rest/executions/:id`): status, and the error when it failed. */
export async function getExecution(rest: N8nRestClient, id: string) {
	return await rest.get<ExecutionSummary & { data?: string }>(`/rest/executions/${id}`);
}

const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);

/** Waits until the workflow has `count` executions, all in a final status; returns them. */
export async function waitForExecutions(
	rest: N8nRestClient,
	workflowId: string,
	count: number,
	timeoutMs: number,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	let last: ExecutionSummary[] = [];
	while (Date.now() < deadline) {
		last = await listExecutions(rest, workflowId);
		if (last.length >= count && last.every((e) => FINAL.has(e.status))) return last;
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(
		`workflow ${workflowId}: expected ${count} finished executions within ${timeoutMs} ms, got ${JSON.stringify(last)}`,
	);
}

/** Waits for the workflow's first execution to exist (queued or running); returns its id. */
export async function waitForExecutionId(
	rest: N8nRestClient,
	workflowId: string,
	timeoutMs: number,
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const [first] = await listExecutions(rest, workflowId);
		if (first) return first.id;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`workflow ${workflowId} has no execution after ${timeoutMs} ms`);
}
