import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FlowRuntimeExecution } from '../../../../schemas/generated/genesys';
import { typedOutputs } from '../../flowInputs/typedOutputs';

export const TERMINAL_STATUSES = new Set(['COMPLETED', 'ERROR', 'FAILED', 'TERMINATED']);
const FAILED_STATUSES = new Set(['ERROR', 'FAILED', 'TERMINATED']);

/** The item a finished (or read) execution becomes. */
export function executionItem(
	execution: FlowRuntimeExecution,
	simplify: boolean,
	extra: IDataObject = {},
): IDataObject {
	if (!simplify) return { ...extra, ...(execution as IDataObject) };
	const item: IDataObject = {
		executionId: execution.id,
		name: execution.name,
		status: execution.status,
		...extra,
		flowVersion: execution.flowVersion?.id,
		dateLaunched: execution.dateLaunched,
		dateCompleted: execution.dateCompleted,
		completionReason: execution.completionReason,
		outputs:
			execution.status === 'COMPLETED'
				? typedOutputs(
						execution.outputData as IDataObject | undefined,
						execution.flowVersion?.outputSchema,
					)
				: {},
	};
	if (execution.conversation?.id) item.conversationId = execution.conversation.id;
	if (execution.flowErrorInfo) item.flowErrorInfo = execution.flowErrorInfo as IDataObject;
	return item;
}

/**
 * A flow that read a variable without a value fails at run time (the launch itself was accepted): say which
 * one, since the usual cause is an input left empty or sent under a key that is not an input.
 */
function missingValueHint(info: FlowRuntimeExecution['flowErrorInfo']): string {
	if (!info?.code?.startsWith('error.workflow.')) return '';
	const expression = (info.messageParams as IDataObject | undefined)?.expression;
	if (typeof expression !== 'string' || !expression) return '';
	return `The flow needed ${expression} and found no usable value: give it in Trigger Data (an input left empty takes the initial value set in Architect).`;
}

/** An execution that ended in ERROR, FAILED or TERMINATED fails its item with the flow's own error. */
export function assertSucceeded(
	node: INode,
	execution: FlowRuntimeExecution,
	itemIndex: number,
): void {
	if (!FAILED_STATUSES.has(execution.status)) return;
	const info = execution.flowErrorInfo;
	const reason = info?.message ?? execution.completionReason ?? 'no reason given';
	throw new NodeOperationError(
		node,
		`Flow execution ${execution.id} ended with status ${execution.status}: ${reason}`,
		{
			itemIndex,
			description: [
				info?.code ? `Flow error code: ${info.code}.` : '',
				missingValueHint(info),
				info?.contextId ? `Genesys correlation ID: ${info.contextId}.` : '',
				'Open the execution in Genesys Cloud (Architect > Flow execution history) to see where the flow failed.',
			]
				.filter(Boolean)
				.join(' '),
		},
	);
}
