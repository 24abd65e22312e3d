import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { NetSuiteTbaCredentialData } from '../suitetalk/credentialData';

/** One operation of the node, split so that every item's input is checked before any request. */
export interface ItemOperation<Parameters> {
	readParameters(ctx: IExecuteFunctions, itemIndex: number, credential: NetSuiteTbaCredentialData): Parameters;
	/** The output items (as JSON) one input item yields. */
	execute(
		ctx: IExecuteFunctions,
		parameters: Parameters,
		itemIndex: number,
		credential: NetSuiteTbaCredentialData,
	): Promise<IDataObject[]>;
}
