import type { IConnections, INode } from 'n8n-workflow';

import { MANUAL_TRIGGER_TYPE } from './test-nodes';

/** A node for `chainWorkflow`: only `name` and `type` are required. */
export type NodeSpec = Partial<INode> & Pick<INode, 'name' | 'type'>;

export interface BuiltWorkflow {
	nodes: INode[];
	connections: IConnections;
}

function toNode(spec: NodeSpec, index: number): INode {
	return {
		id: spec.id ?? `node-${index}`,
		typeVersion: 1,
		position: [index * 220, 0],
		parameters: {},
		...spec,
	} as INode;
}

/**
 * `Start` (manual trigger) → nodes[0] → nodes[1] → … connected main[0] → input 0.
 * If the first spec is already a manual trigger, no extra trigger is added.
 */
export function chainWorkflow(...specs: NodeSpec[]): BuiltWorkflow {
	const all =
		specs[0]?.type === MANUAL_TRIGGER_TYPE
			? specs
			: [{ name: 'Start', type: MANUAL_TRIGGER_TYPE } as NodeSpec, ...specs];
	const nodes = all.map(toNode);
	const connections: IConnections = {};
	for (let i = 0; i < nodes.length - 1; i++) {
		connect(connections, nodes[i].name, nodes[i + 1].name);
	}
	return { nodes, connections };
}

/** Adds `from`.main[outputIndex] → `to` (input `inputIndex`) to `connections` (mutates, returns it). */
export function connect(
	connections: IConnections,
	from: string,
	to: string,
	outputIndex = 0,
	inputIndex = 0,
): IConnections {
	const main = (connections[from] ??= {}).main ?? [];
	connections[from].main = main;
	while (main.length <= outputIndex) main.push([]);
	(main[outputIndex] ??= []).push({ node: to, type: 'main', index: inputIndex });
	return connections;
}
