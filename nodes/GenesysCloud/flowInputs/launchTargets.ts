import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Flow } from '../../../schemas/generated/genesys';
import type { GenesysApi } from '../api/genesysApi';
import type { LaunchTarget } from './buildInputData';
import { readSchemaVariables } from './schemaReader';

export interface ResolvedTarget extends LaunchTarget {
	/** The version launched: the one asked for, or the published one. */
	version: string;
	flowType: string;
}

/** Refuses what Genesys would refuse to launch, then reads the input schema of the version to launch. */
async function targetOf(
	api: GenesysApi,
	node: INode,
	flow: Flow,
	version: string,
	itemIndex?: number,
): Promise<ResolvedTarget> {
	const flowType = String(flow.type ?? '').toUpperCase();
	if (flowType !== 'WORKFLOW') {
		throw new NodeOperationError(
			node,
			`Flow "${flow.name}" is of type ${flowType || 'unknown'}, not a workflow, so it cannot be launched`,
			{
				itemIndex,
				description:
					'Genesys Cloud launches only flows of type Workflow through the API. Pick a workflow in Flow.',
			},
		);
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
			description:
				'Publish the workflow in Architect (inputs added since the last publish are not visible either), or give a Flow Version.',
		});
	}
	let schema = version ? undefined : flow.inputSchema;
	if (!schema) {
		const versionId = version || String(published);
		schema = (await api.flows.getVersion(flow.id, versionId, { itemIndex })).inputSchema;
	}
	return {
		flowId: flow.id,
		flowName: flow.name,
		flowType,
		version: version || String(published),
		variables: readSchemaVariables(schema),
	};
}

function assertSelected(node: INode, flowId: string, itemIndex?: number): void {
	if (flowId) return;
	throw new NodeOperationError(node, 'No flow is selected', {
		itemIndex,
		description: 'Pick a workflow in Flow (From List), or give its ID or Architect URL.',
	});
}

/** Reads a flow and the input schema of the version to launch, refusing what Genesys would refuse. */
export async function resolveTarget(
	api: GenesysApi,
	node: INode,
	flowId: string,
	version: string,
	itemIndex?: number,
): Promise<ResolvedTarget> {
	assertSelected(node, flowId, itemIndex);
	return await targetOf(api, node, await api.flows.get(flowId, { itemIndex }), version, itemIndex);
}

/**
 * The targets of one node run: each flow is read once, and each other version of it once, however many items
 * launch it. Failures are cached too, so a missing flow costs one request, not one per item.
 */
export class LaunchTargets {
	private readonly flows = new Map<string, Promise<Flow>>();

	private readonly targets = new Map<string, Promise<ResolvedTarget>>();

	constructor(
		private readonly api: GenesysApi,
		private readonly node: INode,
	) {}

	get(flowId: string, version: string, itemIndex: number): Promise<ResolvedTarget> {
		const key = `${flowId}\n${version}`;
		let target = this.targets.get(key);
		if (!target) {
			target = this.resolve(flowId, version, itemIndex);
			this.targets.set(key, target);
		}
		return target;
	}

	private async resolve(
		flowId: string,
		version: string,
		itemIndex: number,
	): Promise<ResolvedTarget> {
		assertSelected(this.node, flowId, itemIndex);
		let flow = this.flows.get(flowId);
		if (!flow) {
			flow = this.api.flows.get(flowId, { itemIndex });
			this.flows.set(flowId, flow);
		}
		return await targetOf(this.api, this.node, await flow, version, itemIndex);
	}
}
