import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { LaunchTargets } from '../flowInputs/launchTargets';
import { forEachConcurrently } from '../transport/concurrency';
import { GenesysClient } from '../transport/genesysClient';
import * as flow from './flow/Flow.resource';
import * as flowExecution from './flowExecution/FlowExecution.resource';
import type { Operation, OperationOutput, RunContext } from './runContext';

const resources: Record<string, Record<string, Operation>> = {
	flowExecution: flowExecution.operations,
	flow: flow.operations,
};

type NodeError = NodeApiError | NodeOperationError;

/**
 * Items in progress at once, by default a little more than the requests allowed at once (Max Concurrent
 * Requests, enforced by the client) so a slot never idles; more items in progress only cost memory.
 */
const defaultItemWindow = (maxConcurrentRequests: number) => maxConcurrentRequests * 2;

function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** The item an error becomes under "Continue On Fail": paired to its input, never holding a secret. */
function errorItem(error: NodeError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

function toItems(output: OperationOutput, itemIndex: number): INodeExecutionData[] {
	return (Array.isArray(output) ? output : [output]).map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/**
 * Runs the chosen operation for every input item, a bounded number of requests at a time, keeping output
 * order and pairing. Work that only checks (validation, reading schemas) runs for all items before any launch, so a
 * bad item stops the run before anything was sent; with "Continue On Fail" every item comes out, paired.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" is not supported`);
	}
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const maxConcurrentRequests = Math.max(1, Number(options.maxConcurrentRequests ?? 10));
	const itemWindow = operation.itemWindow?.call(this, maxConcurrentRequests) ?? defaultItemWindow(maxConcurrentRequests);
	const client = await GenesysClient.create(this, {
		maxConcurrentRequests,
		requestsPerMinute: Number(options.requestsPerMinute ?? 300),
		rateLimitCeilingMs: Number(options.rateLimitWaitCeiling ?? 300) * 1000,
		maxRetries: Number(options.maxRetries ?? 5),
	});
	const run: RunContext = { client, targets: new LaunchTargets(client, this.getNode()), launched: new Set() };
	const continueOnFail = this.continueOnFail();

	const results: INodeExecutionData[][] = new Array(items.length);
	const prepared: unknown[] = new Array(items.length);
	let firstError: { itemIndex: number; error: NodeError } | undefined;
	// Once an item fails (without Continue On Fail), requests still waiting for a slot are refused with this.
	const halted = new NodeOperationError(this.getNode(), 'Not sent: another item failed first');
	const fail = (itemIndex: number, error: unknown) => {
		if (error === halted) return;
		const nodeError = asNodeError(this, error, itemIndex);
		if (continueOnFail) {
			results[itemIndex] = [errorItem(nodeError, itemIndex)];
			return;
		}
		if (!firstError || itemIndex < firstError.itemIndex) firstError = { itemIndex, error: nodeError };
		client.halt(halted);
	};
	const stopped = () => firstError !== undefined;

	if (operation.prepare) {
		const prepare = operation.prepare;
		await forEachConcurrently(items.length, itemWindow, async (itemIndex) => {
			try {
				prepared[itemIndex] = await prepare.call(this, run, itemIndex);
			} catch (error) {
				fail(itemIndex, error);
			}
		}, stopped);
	}
	if (!firstError) {
		await forEachConcurrently(items.length, itemWindow, async (itemIndex) => {
			if (results[itemIndex]) return;
			try {
				results[itemIndex] = toItems(await operation.execute.call(this, run, itemIndex, prepared[itemIndex]), itemIndex);
			} catch (error) {
				fail(itemIndex, error);
			}
		}, stopped);
	}
	if (firstError) {
		const { error, itemIndex } = firstError;
		// The failing item may itself have been launched (its wait failed): it is not one of the "other" items.
		const others = [...run.launched].filter((launchedIndex) => launchedIndex !== itemIndex).length;
		if (others > 0) {
			error.description = `${error.description ?? ''} ${others} other item(s) had already been launched in this run; their flows are running in Genesys Cloud.`.trim();
		}
		throw error;
	}
	return [results.flat()];
}
