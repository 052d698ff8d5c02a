import './environment';

import path from 'node:path';
import {
	PackageDirectoryLoader,
	LazyPackageDirectoryLoader,
	WorkflowExecute,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
} from 'n8n-core';
import type {
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	IRun,
	IRunExecutionData,
	IWorkflowExecuteAdditionalData,
	ResourceMapperFields,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { HarnessCredentialTypes } from './credentialTypes';
import { HarnessCredentialsHelper, type StoredCredential } from './credentialsHelper';
import { HarnessNodeTypes } from './nodeTypes';

export const PROJECT_DIR = path.resolve(__dirname, '..', '..');

export interface WorkflowDefinition {
	name?: string;
	nodes: INode[];
	connections?: IConnections;
}

/**
 * A package to load, optionally only some of its nodes and credentials. n8n-nodes-base holds ~500 nodes and
 * ~400 credentials: loading one node from it through n8n's lazy loader (its known/*.json manifests) takes
 * milliseconds instead of requiring every file.
 */
export interface PackageSpec {
	directory: string;
	/** Node types to load, full (`n8n-nodes-base.httpRequest`) or short (`httpRequest`); all when absent. */
	includeNodes?: string[];
	/** Credential types to load with them (only used with includeNodes; all when includeNodes is absent). */
	includeCredentials?: string[];
}

export interface RunOptions {
	/** Items fed to the first node, as if a trigger had produced them. */
	input?: IDataObject[];
	/** Called with the running execution, e.g. to cancel it. */
	onStart?: (execution: { cancel: () => void }) => void;
}

export interface RunResult {
	run: IRun;
	/** Items of the node's first output on its first run; [] when the node did not run. */
	output(nodeName: string): INodeExecutionData[];
	/** The error that stopped the run, if any. */
	error: IRun['data']['resultData']['error'];
}

/**
 * Runs workflow JSON through n8n's real engine in this process: packages loaded by n8n-core's
 * PackageDirectoryLoader from their built files, executed by WorkflowExecute, credentials served by a
 * helper that behaves like n8n's own.
 */
export class N8nHarness {
	readonly nodeTypes = new HarnessNodeTypes();

	readonly credentialTypes = new HarnessCredentialTypes();

	readonly credentials = new HarnessCredentialsHelper(this.credentialTypes);

	private executionCounter = 0;

	static async load(packages: Array<string | PackageSpec> = [PROJECT_DIR]): Promise<N8nHarness> {
		const harness = new N8nHarness();
		for (const spec of packages) {
			if (typeof spec === 'string') await harness.loadPackage(spec);
			else await harness.loadPackage(spec.directory, spec);
		}
		return harness;
	}

	async loadPackage(directory: string, only: Omit<PackageSpec, 'directory'> = {}): Promise<void> {
		if (only.includeNodes?.length) {
			await this.loadSome(directory, only.includeNodes, only.includeCredentials ?? []);
			return;
		}
		const loader = new PackageDirectoryLoader(directory);
		await loader.loadAll();
		for (const [shortName, loaded] of Object.entries(loader.nodeTypes)) {
			this.nodeTypes.add(loader.packageName, shortName, loaded);
			this.nodeTypes.addToolVariant(loader.packageName, shortName, loaded);
		}
		for (const [name, loaded] of Object.entries(loader.credentialTypes)) {
			this.credentialTypes.add(name, loaded);
		}
	}

	/** Loads only the named nodes and credentials, each from its own file, as n8n's lazy loading does. */
	private async loadSome(
		directory: string,
		includeNodes: string[],
		includeCredentials: string[],
	): Promise<void> {
		const loader = new LazyPackageDirectoryLoader(directory, [], includeNodes);
		await loader.loadAll();
		const shortNames = includeNodes.map((name) => name.replace(`${loader.packageName}.`, ''));
		for (const shortName of shortNames)
			this.nodeTypes.add(loader.packageName, shortName, loader.getNode(shortName));
		for (const name of includeCredentials)
			this.credentialTypes.add(name, loader.getCredential(name));
	}

	saveCredential(credential: StoredCredential): void {
		this.credentials.save(credential);
	}

	additionalData(hooks?: ExecutionLifecycleHooks): IWorkflowExecuteAdditionalData {
		return {
			credentialsHelper: this.credentials,
			hooks,
			executeWorkflow: async () => {
				throw new Error('Sub-workflows are not available in the harness');
			},
			getRunExecutionData: async () => undefined,
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678/',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
			currentNodeParameters: undefined,
			executionTimeoutTimestamp: undefined,
			userId: 'harness-user',
			setExecutionStatus: () => {},
			variables: {},
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('Task runners are not available in the harness');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	workflow(definition: WorkflowDefinition): Workflow {
		return new Workflow({
			id: 'harness-workflow',
			name: definition.name ?? 'Harness workflow',
			nodes: definition.nodes,
			connections: definition.connections ?? {},
			nodeTypes: this.nodeTypes,
			active: false,
			settings: { executionOrder: 'v1' },
		});
	}

	async run(definition: WorkflowDefinition, options: RunOptions = {}): Promise<RunResult> {
		const workflow = this.workflow(definition);
		const executionId = String(++this.executionCounter);
		const hooks = new ExecutionLifecycleHooks('manual', executionId, {
			id: workflow.id,
			name: workflow.name ?? 'Harness workflow',
			nodes: definition.nodes,
			connections: workflow.connectionsBySourceNode,
			active: false,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(),
			updatedAt: new Date(),
		});
		let resolveFinished!: (run: IRun) => void;
		const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
		hooks.addHandler('workflowExecuteAfter', (run) => resolveFinished(run));

		const startNode = definition.nodes[0];
		const runExecutionData: IRunExecutionData = {
			startData: {},
			resultData: { runData: {} },
			executionData: {
				contextData: {},
				metadata: {},
				waitingExecution: {},
				waitingExecutionSource: null,
				nodeExecutionStack: [
					{
						node: startNode,
						data: { main: [(options.input ?? [{}]).map((json) => ({ json }))] },
						source: null,
					},
				],
			},
		} as unknown as IRunExecutionData;

		const additionalData = this.additionalData(hooks);
		// n8n sets it per execution; the node names its Genesys executions after it.
		additionalData.executionId = executionId;
		const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
		const running = execute.processRunExecutionData(workflow);
		options.onStart?.({ cancel: () => running.cancel() });
		await running.catch(() => undefined);
		const run = await finished;
		return {
			run,
			error: run.data.resultData.error,
			output: (nodeName) => run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		};
	}

	/** Calls a node's load-options-style method the way n8n's editor endpoints do, with the node's parameters. */
	private loadOptionsContext(node: INode, path: string): LoadOptionsContext {
		const workflow = this.workflow({ nodes: [node] });
		const additionalData = this.additionalData();
		additionalData.currentNodeParameters = node.parameters as INodeParameters;
		return new LoadOptionsContext(workflow, node, additionalData, path);
	}

	async listSearch(
		node: INode,
		methodName: string,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const method = nodeType.methods?.listSearch?.[methodName];
		if (!method) throw new Error(`The node has no listSearch method "${methodName}"`);
		// The editor asks on behalf of the parameter whose list it opens.
		const parameter = nodeType.description.properties.find((property) =>
			property.modes?.some((mode) => mode.typeOptions?.searchListMethod === methodName),
		);
		return await method.call(
			this.loadOptionsContext(node, `parameters.${parameter?.name ?? 'flowId'}`),
			filter,
			paginationToken,
		);
	}

	async resourceMapperFields(node: INode, methodName: string): Promise<ResourceMapperFields> {
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const method = nodeType.methods?.resourceMapping?.[methodName];
		if (!method) throw new Error(`The node has no resourceMapping method "${methodName}"`);
		return await method.call(this.loadOptionsContext(node, 'parameters.triggerData'));
	}
}
