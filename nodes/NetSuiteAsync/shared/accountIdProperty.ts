import type { INodeProperties } from 'n8n-workflow';

/** Both credentials (TBA for SOAP, OAuth 2.0 M2M for REST) name the same NetSuite account the same way. */
export const ACCOUNT_ID_PROPERTY: INodeProperties = {
	displayName: 'Account ID',
	name: 'accountId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '1234567_SB1',
	description:
		'Your NetSuite account ID as shown under Setup > Company > Company Information (sandbox IDs end in _SB1, _SB2, …)',
};
