import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { GenesysApi } from '../api/genesysApi';
import { forEachConcurrently } from '../transport/concurrency';
import { GenesysClient } from '../transport/genesysClient';
import { clientOptionsFrom } from './common.descriptions';
import * as flow from './flow/Flow.resource';
import * as flowExecution from './flowExecution/FlowExecution.resource';
import type { OperationOutput, RunnableOperation } from './operation';

const resources: Record<string, Record<string, RunnableOperation>> = {
	flowExecution: flowExecution.operations,
	flow: flow.operations,
};

type NodeError = NodeApiError | NodeOperationError;

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
	return (Array.isArray(output) ? output : [output]).map((json) => ({
		json,
		pairedItem: { item: itemIndex },
	}));
}

/**
 * Runs the chosen operation for every input item, a bounded number of items at a time, keeping output order and
 * pairing. Every item's `prepare` runs before any item's `execute`, so a bad item stops the run before anything
 * was sent; with "Continue On Fail" every item comes out, paired. What the operation does is its own business.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of "${resource}" is not supported`,
		);
	}
	const clientOptions = clientOptionsFrom(this.getNodeParameter('options', 0, {}) as IDataObject);
	const client = await GenesysClient.create(this, clientOptions);
	const run = operation(this, { api: new GenesysApi(client) }, clientOptions.maxConcurrentRequests);
	const continueOnFail = this.continueOnFail();

	const results: INodeExecutionData[][] = new Array(items.length);
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
		if (!firstError || itemIndex < firstError.itemIndex)
			firstError = { itemIndex, error: nodeError };
		client.halt(halted);
	};
	const stopped = () => firstError !== undefined;
	const eachItem = async (work: (itemIndex: number) => Promise<void>) =>
		await forEachConcurrently(
			items.length,
			run.itemWindow,
			async (itemIndex) => {
				try {
					await work(itemIndex);
				} catch (error) {
					fail(itemIndex, error);
				}
			},
			stopped,
		);

	const { prepare } = run;
	if (prepare) await eachItem(prepare);
	if (!firstError) {
		await eachItem(async (itemIndex) => {
			if (!results[itemIndex])
				results[itemIndex] = toItems(await run.execute(itemIndex), itemIndex);
		});
	}
	if (firstError) {
		const { error, itemIndex } = firstError;
		const note = run.haltNote(itemIndex);
		if (note) error.description = `${error.description ?? ''} ${note}`.trim();
		throw error;
	}
	return [results.flat()];
}
