import type { ILoadOptionsFunctions, ResourceMapperFields } from 'n8n-workflow';

import { GenesysApi } from '../api/genesysApi';
import { resolveTarget } from '../flowInputs/launchTargets';
import { toResourceMapperFields } from '../flowInputs/resourceMapperFields';
import { runsAsTool } from '../actions/asTool';
import { clientOptionsFrom } from '../actions/common.descriptions';
import { GenesysClient } from '../transport/genesysClient';

/**
 * The Trigger Data fields: the input variables of the chosen flow version, read from its input schema. As a
 * tool, each comes pre-filled with its $fromAI() argument, so the model gets one typed argument per input.
 */
export async function getTriggerDataFields(
	this: ILoadOptionsFunctions,
): Promise<ResourceMapperFields> {
	const flowId = String(
		this.getNodeParameter('flowId', undefined, { extractValue: true }) ?? '',
	).trim();
	const version = String(
		this.getNodeParameter('flowVersion', '', { extractValue: true }) ?? '',
	).trim();
	// Not an error: a freshly added node has no flow yet, and n8n would show a red warning for a throw.
	if (!flowId) {
		return {
			fields: [],
			emptyFieldsNotice: 'Pick a flow first: its input variables become the Trigger Data fields.',
		};
	}
	const api = new GenesysApi(await GenesysClient.create(this, clientOptionsFrom({})));
	const target = await resolveTarget(api, this.getNode(), flowId, version);
	if (target.variables.length === 0) {
		return {
			fields: [],
			emptyFieldsNotice: `Flow "${target.flowName}" has no input variables, so it is launched without Trigger Data. To add inputs, mark variables "Input to Flow" in Architect and publish the flow.`,
		};
	}
	const asTool = runsAsTool(this.getNode());
	return {
		fields: toResourceMapperFields(target.variables, { asTool, flowName: target.flowName }),
	};
}
