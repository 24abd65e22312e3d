import type { IExecuteFunctions } from 'n8n-workflow';

import { readM2mCredential } from '../rest/m2mToken';
import { accountHostLabel } from '../shared/accountId';
import { InvalidCredentialError } from '../shared/credentialError';
import { readCredentialData } from '../suitetalk/credentialData';
import { InvalidInputError } from './inputValidation';
import type { RestCallSettings, RestCredentialType } from '../transport/callRest';
import { readCallSettings, STATUS_RESPONSE_LIMIT_BYTES } from './sharedOptions';

/** Which credential signs REST requests and where they go. */
export interface RestAccess {
	credentialType: RestCredentialType;
	accountId: string;
	origin: string;
}

export const TBA_AUTHENTICATION = 'tba';
export const M2M_AUTHENTICATION = 'oAuth2M2m';

export function restCredentialType(ctx: IExecuteFunctions): RestCredentialType {
	return ctx.getNodeParameter('authentication', 0, TBA_AUTHENTICATION) === M2M_AUTHENTICATION ? 'netSuiteOAuth2M2mApi' : 'netSuiteTbaApi';
}

function readM2m(data: Record<string, unknown>): { m2m: ReturnType<typeof readM2mCredential> } | { problem: unknown } {
	try {
		return { m2m: readM2mCredential(data) };
	} catch (problem) {
		return { problem };
	}
}

/**
 * The TBA credential's REST origin is its Endpoint URL's (a proxy or the simulator) or the
 * account's own host; the M2M credential has its Account Domain URL for the same purpose.
 */
export async function readRestAccess(ctx: IExecuteFunctions): Promise<RestAccess> {
	const credentialType = restCredentialType(ctx);
	const data = await ctx.getCredentials(credentialType);
	if (credentialType === 'netSuiteOAuth2M2mApi') {
		const read = readM2m(data);
		if ('problem' in read) {
			const { problem } = read;
			// The shared description names the TBA credential; this one names the credential in use.
			if (problem instanceof InvalidCredentialError) throw new InvalidInputError(problem.message, 'Open the NetSuite OAuth2 M2M API credential and correct the field named above.');
			throw problem;
		}
		const { m2m } = read;
		return { credentialType, accountId: m2m.accountId, origin: m2m.domainUrl };
	}
	const tba = readCredentialData(data);
	const origin = tba.endpointUrl ? new URL(tba.endpointUrl).origin : `https://${accountHostLabel(tba.accountId)}.suitetalk.api.netsuite.com`;
	return { credentialType, accountId: tba.accountId, origin };
}

/** The same retry, timeout and account-window options as SOAP requests, aimed at REST. */
export function readRestCallSettings(ctx: IExecuteFunctions, itemIndex: number, access: RestAccess): RestCallSettings & ReturnType<typeof readCallSettings> {
	const call = readCallSettings(ctx, itemIndex, { apiVersion: 'rest', accountId: access.accountId }, STATUS_RESPONSE_LIMIT_BYTES);
	return { ...call, credentialType: access.credentialType, origin: access.origin };
}
