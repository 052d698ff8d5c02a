import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { FlowRuntimeExecution } from '../../../../schemas/generated/genesys';
import type { GenesysClient } from '../../transport/genesysClient';
import { TERMINAL_STATUSES } from './executionOutput';

export interface WaitSettings {
	timeoutMs: number;
	pollIntervalMs: number;
}

/** Polls stay at the chosen interval while a flow is young, then back off, so long runs cost few requests. */
const BACKOFF_AFTER_MS = 30_000;
const MAX_POLL_INTERVAL_MS = 30_000;

export function nextPollDelay(settings: WaitSettings, elapsedMs: number): number {
	if (elapsedMs < BACKOFF_AFTER_MS) return settings.pollIntervalMs;
	const grown = settings.pollIntervalMs * 1.5 ** Math.floor((elapsedMs - BACKOFF_AFTER_MS) / BACKOFF_AFTER_MS + 1);
	return Math.min(Math.max(grown, settings.pollIntervalMs), Math.max(MAX_POLL_INTERVAL_MS, settings.pollIntervalMs));
}

export async function readExecution(client: GenesysClient, executionId: string, itemIndex: number) {
	return await client.request<FlowRuntimeExecution>(
		{ method: 'GET', path: `/api/v2/flows/executions/${encodeURIComponent(executionId)}` },
		{ action: `read flow execution ${executionId}`, itemIndex },
	);
}

/** Polls one execution until it ends or the deadline passes; n8n's cancel signal stops the wait at once. */
export async function waitForCompletion(
	this: IExecuteFunctions,
	client: GenesysClient,
	executionId: string,
	settings: WaitSettings,
	itemIndex: number,
): Promise<FlowRuntimeExecution> {
	const started = Date.now();
	const deadline = started + settings.timeoutMs;
	const signal = this.getExecutionCancelSignal();
	for (;;) {
		const delay = Math.min(nextPollDelay(settings, Date.now() - started), Math.max(deadline - Date.now(), 0));
		await sleep(delay, signal);
		const execution = await readExecution(client, executionId, itemIndex);
		if (TERMINAL_STATUSES.has(execution.status)) return execution;
		if (Date.now() >= deadline) {
			throw new NodeOperationError(
				this.getNode(),
				`Flow execution ${executionId} was still ${execution.status} after ${Math.round(settings.timeoutMs / 1000)} seconds`,
				{
					itemIndex,
					description: `The flow keeps running in Genesys Cloud. Read its outcome later with Flow Execution > Get and execution ID ${executionId}, or raise Options > Timeout.`,
				},
			);
		}
	}
}
