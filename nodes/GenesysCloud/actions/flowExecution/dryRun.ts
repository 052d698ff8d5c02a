import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FlowExecutionLaunchRequest } from '../../../../schemas/generated/genesys';
import type { ResolvedTarget } from '../../flowInputs/launchTargets';

export const dryRunOption: INodeProperties = {
	displayName: 'Dry Run',
	name: 'dryRun',
	type: 'boolean',
	default: false,
	// One answer for the whole run: a run that launched some items and not others would be hard to read.
	noDataExpression: true,
	description:
		"Whether to check every item as a launch does (the flow, its type and publication, the version's inputs, the Trigger Data) and output the request that would be sent, without launching anything. Nothing starts, so there is nothing to wait for: Wait for Completion is ignored.",
};

export function isDryRun(ctx: IExecuteFunctions): boolean {
	return ctx.getNodeParameter('options.dryRun', 0, false) === true;
}

/** A dry run's item: the body the launch would have sent, exactly, and the flow and version it would start. */
export function dryRunItem(
	target: ResolvedTarget,
	request: FlowExecutionLaunchRequest,
): IDataObject {
	return {
		dryRun: true,
		flowId: target.flowId,
		flowName: target.flowName,
		flowVersion: target.version,
		request: { ...request },
	};
}
