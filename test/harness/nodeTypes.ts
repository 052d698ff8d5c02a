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
