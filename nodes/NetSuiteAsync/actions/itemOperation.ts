import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { NetSuiteTbaCredentialData } from '../suitetalk/credentialData';

/** An item's output JSON: on the node's first output, or on the one named by `output`. */
export type OperationOutput = IDataObject[] | { output: number; items: IDataObject[] };

/** One operation of the node, split so that every item's input is checked before any request. */
export interface ItemOperation<Parameters, Credential = NetSuiteTbaCredentialData> {
	readParameters(ctx: IExecuteFunctions, itemIndex: number, credential: Credential): Parameters;
	/** The output items (as JSON) one input item yields. */
	execute(
		ctx: IExecuteFunctions,
		parameters: Parameters,
		itemIndex: number,
		credential: Credential,
	): Promise<OperationOutput>;
	/** How many outputs the node has for this operation's parameters (default 1); see configuredOutputs. */
	outputCount?(ctx: IExecuteFunctions): number;
}
