import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

/**
 * Minimal `INodeTypes` for `new Workflow({ nodeTypes })`: a plain map keyed by the full
 * node type name as it appears in a workflow's `node.type`
 * (e.g. 'n8n-nodes-netsuite-async.netSuiteAsync', 'n8n-nodes-base.manualTrigger').
 */
export class TestNodeTypes implements INodeTypes {
	private readonly types: Map<string, INodeType | IVersionedNodeType>;

	constructor(types: Record<string, INodeType | IVersionedNodeType> = {}) {
		this.types = new Map(Object.entries(types));
	}

	register(typeName: string, type: INodeType | IVersionedNodeType): this {
		this.types.set(typeName, type);
		return this;
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types.get(nodeType);
		if (!type) {
			throw new UnexpectedError(
				`Unknown node type "${nodeType}" (registered: ${[...this.types.keys()].join(', ')})`,
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const name of this.types.keys()) known[name] = { className: name, sourcePath: '' };
		return known;
	}
}
