import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { ACCOUNT_ID_PROPERTY } from '../nodes/NetSuiteAsync/shared/accountIdProperty';
import { isRestUrl, requestUrl, signRestRequest } from '../nodes/NetSuiteAsync/rest/signRestRequest';
import { DEFAULT_API_VERSION } from '../nodes/NetSuiteAsync/suitetalk/account';
import { isUnbuiltSoapRequest, signSoapRequest } from '../nodes/NetSuiteAsync/suitetalk/signRequest';

export class NetSuiteTbaApi implements ICredentialType {
	name = 'netSuiteTbaApi';

	displayName = 'NetSuite TBA API';

	icon = { light: 'file:netsuite.svg', dark: 'file:netsuite.dark.svg' } as const;

	documentationUrl = 'https://github.com/n8n-nodes-netsuite-async/n8n-nodes-netsuite-async#netsuite-setup';

	properties: INodeProperties[] = [
		ACCOUNT_ID_PROPERTY,
		{
			displayName: 'Consumer Key',
			name: 'consumerKey',
			type: 'string',
			default: '',
			required: true,
			description: 'Shown once when the integration record is saved (Setup > Integration > Manage Integrations)',
		},
		{
			displayName: 'Consumer Secret',
			name: 'consumerSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'Token ID',
			name: 'tokenId',
			type: 'string',
			default: '',
			required: true,
			description: 'Shown once when the access token is created (Setup > Users/Roles > Access Tokens)',
		},
		{
			displayName: 'Token Secret',
			name: 'tokenSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'string',
			default: DEFAULT_API_VERSION,
			placeholder: DEFAULT_API_VERSION,
			description:
				'SuiteTalk SOAP endpoint version (YYYY_N). A job must be read through the same version that submitted it.',
		},
		{
			displayName: 'Endpoint URL',
			name: 'endpointUrl',
			type: 'string',
			default: '',
			placeholder: 'https://1234567-sb1.suitetalk.api.netsuite.com/services/NetSuitePort_2025_2',
			description:
				'Optional full SOAP URL (e.g. through a proxy). Leave empty to derive it from the Account ID and API Version. A URL ending in NetSuitePort_YYYY_N must name the API Version. In the HTTP Request node, the URL typed there is used instead.',
		},
	];

	// No `test` here: n8n would prefer it over the node's credentialTest (netSuiteTbaApiTest), which
	// sends getServerTime through this same authenticate and reads NetSuite's answer.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// REST web services and RESTlets get an OAuth 1.0a header; SOAP keeps its tokenPassport.
		if (!isUnbuiltSoapRequest(requestOptions.body)) {
			const url = requestUrl(requestOptions);
			if (url && isRestUrl(url)) return signRestRequest(credentials, requestOptions);
		}
		return signSoapRequest(credentials, requestOptions);
	}
}
