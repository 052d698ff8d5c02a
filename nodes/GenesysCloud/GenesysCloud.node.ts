import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as flow from './actions/flow/Flow.resource';
import * as flowExecution from './actions/flowExecution/FlowExecution.resource';
import { runsAsTool, withFixInMessage } from './actions/asTool';
import { router } from './actions/router';
import { toolDescriptions } from './actions/toolDescription';
import { searchFlowVersions, searchWorkflows } from './methods/listSearch';
import { getTriggerDataFields } from './methods/resourceMapping';

export class GenesysCloud implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Genesys Cloud',
		name: 'genesysCloud',
		icon: { light: 'file:genesysCloud.svg', dark: 'file:genesysCloud.dark.svg' },
		group: ['output'],
		// 2: Flow Version is picked from the flow's versions (a resource locator instead of a string).
		version: [1, 2],
		defaultVersion: 2,
		// $parameter.flowId is the flow's ID only; the raw parameter holds the name cached when it was picked.
		subtitle:
			'={{ $parameter["operation"] === "launch" ? "Launch " + ($parameter.toJSON().flowId?.cachedResultName || "a workflow") : $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Launch Genesys Cloud Architect workflows with their Trigger Data, wait for their outputs, and read flows and executions',
		defaults: { name: 'Genesys Cloud' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'genesysCloudOAuth2Api', required: true }],
		properties: [
			...toolDescriptions,
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Flow', value: 'flow', description: 'An Architect flow and its input variables' },
					{
						name: 'Flow Execution',
						value: 'flowExecution',
						description: 'A run of a Genesys Cloud workflow',
					},
				],
				default: 'flowExecution',
			},
			...flowExecution.description,
			...flow.description,
		],
	};

	methods = {
		listSearch: { searchWorkflows, searchFlowVersions },
		resourceMapping: { getTriggerDataFields },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		try {
			return await router.call(this);
		} catch (error) {
			throw runsAsTool(this.getNode())
				? withFixInMessage(error as Error & { description?: string })
				: error;
		}
	}
}
