import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { classifyResponse } from '../suitetalk/classifyResponse';
import { clockSkewMs } from '../suitetalk/clockSkew';
import { InvalidCredentialError, readCredentialData, type NetSuiteTbaCredentialData } from '../suitetalk/credentialData';
import { faultAdvice } from '../suitetalk/faultAdvice';
import { signSoapRequest, UnbuiltSoapRequest, type SoapHttpRequest } from '../suitetalk/signRequest';
import { attribute, child, childText, soapBody } from '../suitetalk/xml';

/** getServerTime answers in well under a second; a test that hangs longer tells the person nothing. */
const TEST_TIMEOUT_MS = 30_000;

/** What n8n's legacy `request` helper resolves to with `resolveWithFullResponse` and `simple: false`. */
interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/** n8n 2.41's credential-test context offers only the legacy `request` helper (CredentialTestContext). */
type TestHelpers = ICredentialTestFunctions['helpers'];

const WHERE_TO_LOOK =
	"Check the Endpoint URL (leave it empty to use the one derived from the Account ID and API Version) and any proxy in between: a proxy's or login page's answer is not NetSuite's.";

function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return '';
}

function sentence(text: string): string {
	return /[.!?]$/.test(text) ? text : `${text}.`;
}

function failure(message: string): INodeCredentialTestResult {
	return { status: 'Error', message };
}

/**
 * What NetSuite's answer to the credential's getServerTime says about the credential. Success only
 * for a getServerTimeResponse: any other 2xx (a proxy's HTML page, another SOAP service) proves
 * nothing, and each fault keeps its own advice (a concurrency block or maintenance is not a
 * refused passport).
 */
function credentialTestVerdict(response: FullResponse, apiVersion: string, localNowMs: number): INodeCredentialTestResult {
	const outcome = classifyResponse(response.statusCode, bodyText(response.body));
	if (outcome.kind === 'fault') {
		const fault = { ...outcome.fault, clockSkewMs: clockSkewMs(response.headers, localNowMs) };
		if (fault.retryable) {
			// One try, no retries here: the node's advice ("stayed exceeded", "raise Max Retries") does not fit.
			return failure(
				`NetSuite did not check the credential this time: ${fault.message} (${fault.code}). This clears by itself (a concurrency block or maintenance) and does not mean the credential was refused: test again in a moment.`,
			);
		}
		const advice = faultAdvice(fault);
		return failure(`${sentence(advice.message)} ${advice.description}`);
	}
	if (outcome.kind === 'transport') return failure(`${outcome.problem.message}. ${WHERE_TO_LOOK}`);
	const result = child(child(soapBody(outcome.document), 'getServerTimeResponse'), 'getServerTimeResult');
	if (!result) {
		return failure(
			`The Endpoint URL answered HTTP ${response.statusCode} with a SOAP envelope, but not with NetSuite's getServerTimeResponse. ${WHERE_TO_LOOK}`,
		);
	}
	const status = child(result, 'status');
	const isSuccess = attribute(status, 'isSuccess');
	if (isSuccess === 'false' || isSuccess === '0') {
		const detail = child(status, 'statusDetail');
		return failure(
			`NetSuite accepted the token passport but getServerTime failed: ${childText(detail, 'message') ?? 'no message'} (${childText(detail, 'code') ?? 'no code'})`,
		);
	}
	return { status: 'OK', message: `NetSuite accepted the token passport (SuiteTalk ${apiVersion})` };
}

function networkCode(error: unknown): string {
	const candidate = (error as { cause?: { code?: unknown }; code?: unknown }) ?? {};
	const code = candidate.code ?? candidate.cause?.code;
	return typeof code === 'string' ? code : 'network error';
}

/**
 * Sends getServerTime through the same signing path as every request of the node and of n8n's HTTP
 * Request node (the credential's `authenticate`), with the credential's own API Version and
 * Endpoint URL, and reads the answer with the node's parser.
 */
export async function testCredentialData(
	helpers: TestHelpers,
	data: ICredentialDataDecryptedObject,
	clock: () => number = Date.now,
): Promise<INodeCredentialTestResult> {
	let credential: NetSuiteTbaCredentialData;
	let signed: SoapHttpRequest;
	try {
		credential = readCredentialData(data);
		signed = signSoapRequest(
			data,
			{ url: '', body: new UnbuiltSoapRequest({ operation: 'getServerTime', fields: [] }, credential.apiVersion) },
			clock,
		);
	} catch (error) {
		// readCredentialData names the field, never its value.
		return failure(error instanceof InvalidCredentialError ? error.message : 'The credential could not sign a request.');
	}
	let response: FullResponse;
	try {
		response = (await helpers.request({
			method: 'POST',
			uri: signed.url,
			headers: signed.headers,
			body: signed.body,
			json: false,
			encoding: null,
			resolveWithFullResponse: true,
			simple: false,
			timeout: TEST_TIMEOUT_MS,
		})) as FullResponse;
	} catch (error) {
		// Only the code: the client's message may quote the signed request.
		return failure(`The request to ${signed.url} failed before NetSuite answered (${networkCode(error)}). ${WHERE_TO_LOOK}`);
	}
	return credentialTestVerdict(response, credential.apiVersion, clock());
}

export async function netSuiteTbaApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	return await testCredentialData(this.helpers, credential.data ?? {});
}
