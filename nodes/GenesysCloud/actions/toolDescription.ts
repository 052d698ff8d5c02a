import type { INodeProperties } from 'n8n-workflow';

/**
 * What an AI agent or MCP client reads about this node as a tool. n8n's own "Set Automatically" description is
 * the operation's action ("Launch a workflow in Genesys Cloud"), the same for every flow, so two tools for two
 * flows would look alike to a model. A node that declares `toolDescription` itself gets no n8n-made one
 * (n8n's convertNodeToAiTool), and an expression there is resolved when the tool is handed to the model.
 *
 * n8n's expression engine gives `$parameter.flowId` as the flow's ID only, so the name comes from the Trigger
 * Data fields, which carry it as a tool (flowInputs/resourceMapperFields.ts); a flow given in JSON or without
 * inputs is named by its ID.
 */
const FLOW = '"{{ $parameter.triggerData?.schema?.[0]?.flowName ?? $parameter.flowId }}"';
const RETURNS =
	"{{ $parameter.waitForCompletion ? 'waits until the execution ends and returns its execution ID, status and the flow\\'s output variables' : 'returns its execution ID at once while the flow runs on in Genesys Cloud' }}";

/** The tool's description for one operation, shown only when the node is a tool. */
function toolDescription(
	show: { resource: string[]; operation: string[] },
	text: string,
): INodeProperties {
	return {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		typeOptions: { rows: 3 },
		default: text,
		description:
			'What the AI model reads about this tool. Keep it naming the flow, so that a model can tell two Genesys Cloud tools apart.',
		displayOptions: { show: { '@tool': [true], ...show } },
	};
}

export const toolDescriptions: INodeProperties[] = [
	toolDescription(
		{ resource: ['flowExecution'], operation: ['launch'] },
		`=Launches the Genesys Cloud workflow ${FLOW} with its input variables as arguments, and ${RETURNS}. A wrong or missing argument launches nothing, and the answer names the argument to fix.`,
	),
	toolDescription(
		{ resource: ['flowExecution'], operation: ['get'] },
		'Reads a Genesys Cloud flow execution by its execution ID: its status, when it ran, and the output variables of a completed one.',
	),
	toolDescription(
		{ resource: ['flow'], operation: ['get'] },
		'Reads a Genesys Cloud Architect flow: its published version and its input and output variables with their types.',
	),
	toolDescription(
		{ resource: ['flow'], operation: ['getMany'] },
		'Lists Genesys Cloud Architect flows (workflows by default), optionally filtered by name.',
	),
];
