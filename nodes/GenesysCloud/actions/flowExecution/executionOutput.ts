import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { FlowRuntimeExecution } from '../../../../schemas/generated/genesys';
import { withoutPrefix } from '../../flowInputs/inputVariables';

export const TERMINAL_STATUSES = new Set(['COMPLETED', 'ERROR', 'FAILED', 'TERMINATED']);
const FAILED_STATUSES = new Set(['ERROR', 'FAILED', 'TERMINATED']);

/** Output variables without the Flow. prefix; values exactly as Genesys sent them (integers may be strings). */
function simplifyOutputs(outputData: FlowRuntimeExecution['outputData']): IDataObject {
	const outputs: IDataObject = {};
	for (const [key, value] of Object.entries(outputData ?? {})) outputs[withoutPrefix(key)] = value as IDataObject[string];
	return outputs;
}

/** The item a finished (or read) execution becomes. */
export function executionItem(execution: FlowRuntimeExecution, simplify: boolean, extra: IDataObject = {}): IDataObject {
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
		outputs: execution.status === 'COMPLETED' ? simplifyOutputs(execution.outputData) : {},
	};
	if (execution.conversation?.id) item.conversationId = execution.conversation.id;
	if (execution.flowErrorInfo) item.flowErrorInfo = execution.flowErrorInfo as IDataObject;
	return item;
}

/** An execution that ended in ERROR, FAILED or TERMINATED fails its item with the flow's own error. */
export function assertSucceeded(node: INode, execution: FlowRuntimeExecution, itemIndex: number): void {
	if (!FAILED_STATUSES.has(execution.status)) return;
	const info = execution.flowErrorInfo;
	const reason = info?.message ?? execution.completionReason ?? 'no reason given';
	throw new NodeOperationError(node, `Flow execution ${execution.id} ended with status ${execution.status}: ${reason}`, {
		itemIndex,
		description: [
			info?.code ? `Flow error code: ${info.code}.` : '',
			info?.contextId ? `Genesys correlation ID: ${info.contextId}.` : '',
			'Open the execution in Genesys Cloud (Architect > Flow execution history) to see where the flow failed.',
		]
			.filter(Boolean)
			.join(' '),
	});
}
