import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Flow, FlowVersion } from '../../../schemas/generated/genesys';
import type { GenesysClient } from '../transport/genesysClient';
import type { LaunchTarget } from './buildInputData';
import { readInputVariables } from './inputVariables';

export interface ResolvedTarget extends LaunchTarget {
	/** The version launched: the one asked for, or the published one. */
	version: string;
	flowType: string;
}

function encode(segment: string): string {
	return encodeURIComponent(segment);
}

/** Reads a flow and the input schema of the version to launch, refusing what Genesys would refuse. */
export async function resolveTarget(
	client: GenesysClient,
	node: INode,
	flowId: string,
	version: string,
	itemIndex?: number,
): Promise<ResolvedTarget> {
	if (!flowId) {
		throw new NodeOperationError(node, 'No flow is selected', {
			itemIndex,
			description: 'Pick a workflow in Flow (From List), or give its ID or Architect URL.',
		});
	}
	const context = { action: `read flow ${flowId}`, flowId, itemIndex };
	const flow = await client.request<Flow>({ method: 'GET', path: `/api/v2/flows/${encode(flowId)}` }, context);
	const flowType = String(flow.type ?? '').toUpperCase();
	if (flowType !== 'WORKFLOW') {
		throw new NodeOperationError(node, `Flow "${flow.name}" is a ${flowType.toLowerCase() || 'non-workflow'} flow, which cannot be launched`, {
			itemIndex,
			description: 'Genesys Cloud launches only flows of type Workflow through the API. Pick a workflow in Flow.',
		});
	}
	if (flow.deleted) {
		throw new NodeOperationError(node, `Flow "${flow.name}" was deleted in Genesys Cloud`, {
			itemIndex,
			description: 'Pick another workflow in Flow, or restore this one in Architect.',
		});
	}
	const published = flow.publishedVersion?.id;
	if (!version && !published) {
		throw new NodeOperationError(node, `Flow "${flow.name}" has no published version`, {
			itemIndex,
			description: 'Publish the workflow in Architect (inputs added since the last publish are not visible either), or give a Flow Version.',
		});
	}
	let schema = version ? undefined : flow.inputSchema;
	if (!schema) {
		const versionId = version || String(published);
		const detail = await client.request<FlowVersion>(
			{ method: 'GET', path: `/api/v2/flows/${encode(flowId)}/versions/${encode(versionId)}` },
			{ ...context, action: `read version ${versionId} of flow ${flowId}` },
		);
		schema = detail.inputSchema;
	}
	return {
		flowId: flow.id,
		flowName: flow.name,
		flowType,
		version: version || String(published),
		variables: readInputVariables(schema),
	};
}

/** The targets of one node run: each flow and version is read once, however many items launch it. */
export class LaunchTargets {
	private readonly cache = new Map<string, Promise<ResolvedTarget>>();

	constructor(
		private readonly client: GenesysClient,
		private readonly node: INode,
	) {}

	get(flowId: string, version: string, itemIndex: number): Promise<ResolvedTarget> {
		const key = `${flowId}\n${version}`;
		let target = this.cache.get(key);
		if (!target) {
			target = resolveTarget(this.client, this.node, flowId, version, itemIndex);
			this.cache.set(key, target);
		}
		return target;
	}
}
