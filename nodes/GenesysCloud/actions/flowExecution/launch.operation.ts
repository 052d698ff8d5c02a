import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FlowExecutionLaunchRequest } from '../../../../schemas/generated/genesys';
import { buildInputData } from '../../flowInputs/buildInputData';
import { LaunchTargets, type ResolvedTarget } from '../../flowInputs/launchTargets';
import {
	defaultOf,
	flowLocator,
	optionsCollection,
	simplifiedOutput,
	simplifyOutputOption,
} from '../common.descriptions';
import { defineOperation, ITEMS_PER_REQUEST_SLOT, type RunContext } from '../operation';
import { dryRunItem, dryRunOption, isDryRun } from './dryRun';
import { assertSucceeded, executionItem } from './executionOutput';
import { flowVersionOf, flowVersionParameters } from './flowVersionParameters';
import { alreadyLaunchedNote, launchExplainer } from './launchErrors';
import { itemParameter, nodeOf } from '../itemParameter';
import { defaultExecutionName, triggerDataSource } from './launchParameters';
import { waitForCompletion } from './waitForCompletion';

const show = { resource: ['flowExecution'], operation: ['launch'] };

export const description: INodeProperties[] = [
	{ ...flowLocator, displayOptions: { show } },
	...flowVersionParameters(show),
	{
		displayName: 'Trigger Data',
		name: 'triggerDataMode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Fields',
				value: 'fields',
				description:
					'One field per input variable of the flow, or mapped automatically from the input item',
			},
			{
				name: 'JSON',
				value: 'json',
				description:
					"An object of the flow's inputs keyed by variable name, with or without the Flow prefix",
			},
		],
		default: 'fields',
		description: "How to give the flow's input variables (sent to Genesys Cloud as inputData)",
		displayOptions: { show },
	},
	{
		// Real flow schemas mark no input required: say once what an empty field means.
		displayName:
			'Empty fields are not sent: the flow then uses the initial value set for that variable in Architect. A field whose expression resolves to null or nothing counts as empty.',
		name: 'triggerDataNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, triggerDataMode: ['fields'] } },
	},
	{
		displayName: 'Trigger Data Fields',
		name: 'triggerData',
		type: 'resourceMapper',
		noDataExpression: true,
		default: { mappingMode: 'defineBelow', value: null },
		required: true,
		typeOptions: {
			// A v1 Flow Version is a string, a v2 one a locator: the editor compares these values as text.
			loadOptionsDependsOn: ['flowId.value', 'flowVersion', 'flowVersion.value'],
			resourceMapper: {
				resourceMapperMethod: 'getTriggerDataFields',
				mode: 'add',
				valuesLabel: 'Trigger Data',
				fieldWords: { singular: 'input', plural: 'inputs' },
				addAllFields: true,
				multiKeyMatch: false,
				supportAutoMap: true,
				// A republished flow may have gained inputs: reload the fields when the node is opened.
				refreshStaleSchemaOnOpen: true,
				noFieldsError:
					'No Trigger Data fields: pick a flow (a flow without input variables is launched without Trigger Data)',
			},
		},
		displayOptions: { show: { ...show, triggerDataMode: ['fields'] } },
	},
	{
		displayName: 'Trigger Data (JSON)',
		name: 'triggerDataJson',
		type: 'json',
		default: '{}',
		description:
			'The flow\'s inputs as a JSON object, e.g. {"customerId": "C-42", "priority": 2}. Keys may carry the Flow. prefix or not.',
		displayOptions: { show: { ...show, triggerDataMode: ['json'] } },
	},
	{
		displayName: 'Execution Name',
		name: 'executionName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Follow-up for {{ $json.customerId }}',
		description:
			'Name of the execution in Genesys Cloud. Leave empty for one that names this n8n workflow, execution and item.',
		displayOptions: { show },
	},
	{
		displayName: 'Wait for Completion',
		name: 'waitForCompletion',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the flow finishes and output its status and output variables, instead of returning as soon as it starts',
		displayOptions: { show },
	},
	optionsCollection(show, [
		dryRunOption,
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 0.1 },
			default: 5,
			description:
				'With Wait for Completion: how often to check the execution. Checks slow down after 30 seconds so that long flows cost few requests.',
		},
		simplifyOutputOption,
		{
			displayName: 'Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description:
				'With Wait for Completion: how long to wait before failing the item (the flow keeps running)',
		},
	]),
];

/** Read from the description once, not per item. */
const WAIT_DEFAULTS = {
	timeoutSeconds: defaultOf<number>(description, 'waitTimeout'),
	pollIntervalSeconds: defaultOf<number>(description, 'pollInterval'),
};

interface PreparedLaunch {
	target: ResolvedTarget;
	request: FlowExecutionLaunchRequest & { name: string };
}

/** A launch run's own state: each flow's schema read once, and the items Genesys Cloud already accepted. */
interface LaunchRun extends RunContext {
	targets: LaunchTargets;
	launched: Set<number>;
	/** Every item prepared as for a launch, and none launched: `launched` stays empty, so no halt note claims any. */
	dryRun: boolean;
}

/** Items waiting for their flows sleep between polls and hold no request slot: many can wait side by side. */
const WAITING_ITEM_WINDOW = 1000;

async function prepare(
	this: IExecuteFunctions,
	run: LaunchRun,
	itemIndex: number,
): Promise<PreparedLaunch> {
	const flowId = String(
		itemParameter(this, 'flowId', itemIndex, '', { extractValue: true }) ?? '',
	).trim();
	const version = flowVersionOf(this, itemIndex);
	const target = await run.targets.get(flowId, version, itemIndex);
	const inputData = buildInputData(
		nodeOf(this),
		target,
		triggerDataSource(this, itemIndex),
		itemIndex,
	);
	const name =
		String(itemParameter(this, 'executionName', itemIndex, '') ?? '').trim() ||
		defaultExecutionName(this, itemIndex);
	const request: PreparedLaunch['request'] = {
		flowId: target.flowId,
		...(version && { flowVersion: version }),
		name,
		inputData,
	};
	return { target, request };
}

async function execute(
	this: IExecuteFunctions,
	run: LaunchRun,
	itemIndex: number,
	{ target, request }: PreparedLaunch,
): Promise<IDataObject> {
	if (run.dryRun) return dryRunItem(target, request);
	const options = itemParameter<IDataObject>(this, 'options', itemIndex, {});
	const simplify = simplifiedOutput(this, itemIndex);
	const launched = await run.api.executions.launch(request, {
		itemIndex,
		action: `launch flow "${target.flowName}"`,
		explainers: [launchExplainer({ flowId: target.flowId, executionName: request.name })],
	});
	run.launched.add(itemIndex);
	const flow = { flowId: target.flowId, flowName: target.flowName };
	if (!itemParameter(this, 'waitForCompletion', itemIndex, false)) {
		if (!simplify) return { ...flow, ...(launched as IDataObject) };
		return {
			executionId: launched.id,
			name: launched.name ?? request.name,
			...flow,
			flowVersion: launched.flowVersion?.id ?? target.version,
		};
	}
	const execution = await waitForCompletion.call(
		this,
		run.api,
		launched.id,
		{
			timeoutMs: Number(options.waitTimeout ?? WAIT_DEFAULTS.timeoutSeconds) * 1000,
			pollIntervalMs: Number(options.pollInterval ?? WAIT_DEFAULTS.pollIntervalSeconds) * 1000,
		},
		itemIndex,
		target.flowId,
	);
	assertSucceeded(this.getNode(), execution, itemIndex);
	return executionItem(execution, simplify, flow);
}

export const operation = defineOperation<PreparedLaunch, LaunchRun>({
	start(run) {
		return {
			...run,
			targets: new LaunchTargets(run.api, nodeOf(this)),
			launched: new Set(),
			dryRun: isDryRun(this),
		};
	},
	prepare,
	execute,
	itemWindow(maxConcurrentRequests) {
		return this.getNodeParameter('waitForCompletion', 0, false) && !isDryRun(this)
			? WAITING_ITEM_WINDOW
			: maxConcurrentRequests * ITEMS_PER_REQUEST_SLOT;
	},
	haltNote: (run, failedItemIndex) => alreadyLaunchedNote(run.launched, failedItemIndex),
});
