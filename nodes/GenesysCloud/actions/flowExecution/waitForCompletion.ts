import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { FlowRuntimeExecution } from '../../../../schemas/generated/genesys';
import type { GenesysApi } from '../../api/genesysApi';
import { TERMINAL_STATUSES } from './executionOutput';
import {
	firstPollDelay,
	flowKey,
	nextPollDelay,
	recordDuration,
	type WaitSettings,
} from './pollSchedule';

/**
 * Polls one execution until it ends or the deadline passes; n8n's cancel signal stops the wait at once. The
 * first poll comes when the flow's earlier executions suggest it will be done (pollSchedule.ts).
 */
export async function waitForCompletion(
	this: IExecuteFunctions,
	api: GenesysApi,
	executionId: string,
	settings: WaitSettings,
	itemIndex: number,
	flowId = '',
): Promise<FlowRuntimeExecution> {
	const started = Date.now();
	const deadline = started + settings.timeoutMs;
	const signal = this.getExecutionCancelSignal();
	const key = flowKey(api.client.apiBaseUrl, flowId);
	let polls = 0;
	for (;;) {
		const planned =
			polls === 0 && flowId
				? firstPollDelay(key, settings.pollIntervalMs)
				: nextPollDelay(settings, Date.now() - started);
		await sleep(Math.min(planned, Math.max(deadline - Date.now(), 0)), signal);
		polls++;
		const execution = await api.executions.get(executionId, { itemIndex });
		if (TERMINAL_STATUSES.has(execution.status)) {
			if (flowId) recordDuration(key, execution.dateLaunched, execution.dateCompleted);
			return execution;
		}
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
