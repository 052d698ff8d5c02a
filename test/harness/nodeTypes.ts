import type {
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
	KnownNodesAndCredentials,
	LoadedClass,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

/** Node types of every loaded package, looked up by full type name as n8n's own registry does. */
export class HarnessNodeTypes implements INodeTypes {
	private readonly byType = new Map<string, LoadedClass<INodeType | IVersionedNodeType>>();

	add(
		packageName: string,
		shortName: string,
		loaded: LoadedClass<INodeType | IVersionedNodeType>,
	): void {
		this.byType.set(`${packageName}.${shortName}`, loaded);
	}

	/**
	 * The `<name>Tool` type n8n makes of a `usableAsTool` node (n8n's convertNodeToAiTool, in the n8n app, not in
	 * n8n-core): the same node under a name ending in "Tool", which is what the node and its `@tool` display
	 * options look at. It keeps its main input and output here, so that a test can hand it a model's arguments
	 * as its input item, the way n8n's engine runs a tool an AI Agent asked for; test/e2e runs the real thing.
	 */
	addToolVariant(
		packageName: string,
		shortName: string,
		loaded: LoadedClass<INodeType | IVersionedNodeType>,
	): void {
		const node = loaded.type as INodeType;
		if (!node.description?.usableAsTool) return;
		const tool: INodeType = Object.assign(
			Object.create(Object.getPrototypeOf(node) as object),
			node,
			{
				description: { ...node.description, name: `${node.description.name}Tool` },
			},
		);
		this.add(packageName, `${shortName}Tool`, { ...loaded, type: tool });
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const loaded = this.byType.get(nodeType);
		if (!loaded)
			throw new Error(
				`Unknown node type "${nodeType}" (loaded: ${[...this.byType.keys()].join(', ')})`,
			);
		return loaded.type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): KnownNodesAndCredentials['nodes'] {
		return {};
	}

	description(nodeType: string): INodeTypeDescription {
		return this.getByNameAndVersion(nodeType).description;
	}
}
