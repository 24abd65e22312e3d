import { sleep, type IDataObject, type IExecuteFunctions, type IN8nHttpFullResponse } from 'n8n-workflow';

import { restErrorOf, type RestErrorDetail } from '../rest/restErrors';
import { inAccountSlot, type AccountSlots } from './accountConcurrency';
import { backoffDelayMs } from './backoff';
import { ExecutionCancelledError, SuiteTalkTransportError } from './errors';

export type RestCredentialType = 'netSuiteTbaApi' | 'netSuiteOAuth2M2mApi';

export interface RestCallSettings {
	credentialType: RestCredentialType;
	/** `https://<account>.suitetalk.api.netsuite.com`, or the simulator's origin. */
	origin: string;
	maxRetries: number;
	requestTimeoutMs: number;
	backoffBaseMs?: number;
	random?: () => number;
	accountSlots?: AccountSlots;
}

export interface RestRequest {
	method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
	/** Absolute, or a path under the origin. */
	url: string;
	headers?: Record<string, string>;
	body?: unknown;
	/** Carries an idempotency key: NetSuite recognises a repeat, so a request that may have arrived can be sent again. */
	idempotent?: boolean;
}

export interface RestResponse {
	status: number;
	headers: Record<string, string>;
	/** Parsed JSON when the body is JSON, else undefined (202/204 carry none). */
	json?: unknown;
	retries: number;
}

/** NetSuite answered a REST request with an error body (RFC 7807 with o:errorDetails). */
export class RestApiError extends Error {
	constructor(
		readonly httpStatus: number,
		readonly details: RestErrorDetail[],
		readonly retries: number,
		readonly location?: string,
	) {
		super(details[0] ? `${details[0].detail} (${details[0].code})` : `NetSuite answered HTTP ${httpStatus}`);
		this.name = 'RestApiError';
	}

	get errorCode(): string | undefined {
		return this.details[0]?.code;
	}
}

/** Statuses that say the request was not carried out: a concurrency block or an outage in front of NetSuite. */
const REFUSED_STATUSES = [429, 502, 503, 504];

function lowerCaseHeaders(headers: IDataObject | undefined): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	return result;
}

function parseJson(body: unknown): unknown {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'object' && !Buffer.isBuffer(body)) return body;
	const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
	if (text.trim() === '') return undefined;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/**
 * One REST web services request through the chosen credential (TBA signs each attempt afresh, M2M
 * adds its Bearer token). Repeats only what certainly did not happen: a 429/502/503/504 answer,
 * and for GET (reading twice changes nothing) also network failures and timeouts.
 */
export async function callRest(ctx: IExecuteFunctions, request: RestRequest, settings: RestCallSettings): Promise<RestResponse> {
	const signal = ctx.getExecutionCancelSignal();
	const url = new URL(request.url, settings.origin).toString();
	const random = settings.random ?? Math.random;
	for (let retries = 0; ; retries++) {
		if (signal?.aborted) throw new ExecutionCancelledError();
		const attempt = await inAccountSlot(
			settings.accountSlots,
			signal,
			ctx.logger,
			async () => {
				try {
					const response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, settings.credentialType, {
						method: request.method,
						url,
						headers: { Accept: 'application/json', ...(request.headers ?? {}) },
						...(request.body === undefined ? {} : { body: request.body as IDataObject }),
						json: request.body !== undefined,
						returnFullResponse: true,
						ignoreHttpStatusErrors: true,
						timeout: settings.requestTimeoutMs,
					})) as IN8nHttpFullResponse;
					return { kind: 'answered' as const, response };
				} catch (error) {
					return { kind: 'thrown' as const, error };
				}
			},
			(result) => (result.kind === 'answered' ? (result.response.statusCode === 429 ? 'refused' : 'success') : 'neutral'),
		);
		if (signal?.aborted) throw new ExecutionCancelledError();
		let failure: SuiteTalkTransportError;
		if (attempt.kind === 'answered') {
			const { statusCode: status } = attempt.response;
			const headers = lowerCaseHeaders(attempt.response.headers as IDataObject);
			const json = parseJson(attempt.response.body);
			if (status >= 200 && status < 300) return { status, headers, json, retries };
			if (!REFUSED_STATUSES.includes(status)) throw new RestApiError(status, restErrorOf(json), retries, headers.location);
			const detail = restErrorOf(json)[0];
			failure = new SuiteTalkTransportError(
				'HTTP_ERROR',
				`NetSuite refused the request with HTTP ${status}${detail ? `: ${detail.detail} (${detail.code})` : ''}`,
				true,
				retries,
				status,
				'notProcessed',
			);
		} else {
			const cause = ((attempt.error as { cause?: unknown })?.cause ?? attempt.error) as { code?: string; message?: string };
			const timedOut = cause?.code === 'ECONNABORTED' || cause?.code === 'ETIMEDOUT' || /timeout/i.test(cause?.message ?? '');
			const refused = cause?.code === 'ECONNREFUSED';
			failure = new SuiteTalkTransportError(
				timedOut ? 'TIMEOUT' : 'NETWORK_ERROR',
				timedOut
					? `NetSuite did not answer within ${Math.round(settings.requestTimeoutMs / 1000)} s`
					: `The request to NetSuite failed before an answer arrived (${cause?.code ?? cause?.message ?? 'network error'})`,
				true,
				retries,
				undefined,
				refused ? 'notProcessed' : 'mayHaveBeenProcessed',
				request.method === 'GET' || request.idempotent === true || refused ? undefined : 'a REST submission is never sent twice; run again with the same idempotency key to find its job',
			);
			if (failure.notRepeatedBecause) throw failure;
		}
		if (retries >= settings.maxRetries) throw failure;
		await sleep(backoffDelayMs(retries + 1, random, settings.backoffBaseMs), signal).catch(() => undefined);
	}
}
