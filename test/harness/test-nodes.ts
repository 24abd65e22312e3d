import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	ITriggerFunctions,
	ITriggerResponse,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, jsonParse } from 'n8n-workflow';

export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
export const ITEMS_TYPE = 'test.items';

/**
 * Stand-in for n8n-nodes-base's Manual Trigger (same type name, so workflow JSON exported
 * from n8n runs unchanged). Implemented like the real one: a `trigger()` whose
 * `manualTriggerFunction` emits one empty item. In 'manual' mode n8n-core runs it through
 * TriggersAndPollers; in other modes the engine passes the start item ({ json: {} }) through.
 */
export const manualTriggerNodeType: INodeType = {
	description: {
		displayName: 'When clicking ‘Execute workflow’',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: 'Runs the flow on clicking a button in n8n',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		const manualTriggerFunction = async () => {
			this.emit([this.helpers.returnJsonArray([{}])]);
		};
		return { manualTriggerFunction };
	},
};

/**
 * 'test.items': outputs the items given in parameter `items` (a JSON string of an array or
 * object, or an array) — lets a test feed N items into the node under test. Each output item
 * is paired to input item 0 (it runs once regardless of how many items come in).
 */
export const itemsNodeType: INodeType = {
	description: {
		displayName: 'Test Items',
		name: 'items',
		group: ['transform'],
		version: 1,
		description: 'Outputs fixed items (test helper)',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Items', name: 'items', type: 'json', default: '[]' },
		],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as unknown;
		const parsed = typeof raw === 'string' ? jsonParse<unknown>(raw) : raw;
		const list = Array.isArray(parsed) ? parsed : [parsed];
		return [
			list.map((entry) => {
				if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
					throw new NodeOperationError(this.getNode(), 'Every entry of "items" must be an object');
				}
				return { json: entry as IDataObject, pairedItem: { item: 0 } };
			}),
		];
	},
};

export const builtinNodeTypes: Record<string, INodeType> = {
	[MANUAL_TRIGGER_TYPE]: manualTriggerNodeType,
	[ITEMS_TYPE]: itemsNodeType,
};
