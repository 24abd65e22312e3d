import { sleep, type IDataObject, type IExecuteFunctions, type IN8nHttpFullResponse } from 'n8n-workflow';

import { classifyResponse } from '../suitetalk/classifyResponse';
import { clockSkewMs } from '../suitetalk/clockSkew';
import { InvalidCredentialError } from '../suitetalk/credentialData';
import { NotASoapEnvelopeError, type SoapRequest } from '../suitetalk/envelope';
import type { UnsignedSoapRequest } from '../suitetalk/signRequest';
import type { XmlElement } from '../suitetalk/xml';
import { inAccountSlot, isConcurrencyRefusal, type AccountSlots, type ConcurrencyFeedback } from './accountConcurrency';
import { backoffDelayMs } from './backoff';
import { ExecutionCancelledError, SuiteTalkFaultError, SuiteTalkTransportError } from './errors';
import { InvalidEncodingError, readBodyText, ResponseTimeoutError, ResponseTooLargeError } from './responseBody';

export const CREDENTIAL_TYPE = 'netSuiteTbaApi';

export interface CallSettings {
	apiVersion: string;
	maxRetries: number;
	requestTimeoutMs: number;
	maxResponseBytes: number;
	backoffBaseMs?: number;
	random?: () => number;
	/** The account's learnt concurrency window, held around each attempt (accountConcurrency.ts). */
	accountSlots?: AccountSlots;
}

export interface CallResult {
	document: XmlElement;
	nsId?: string;
	retries: number;
}

type Attempt =
	| { kind: 'ok'; result: Omit<CallResult, 'retries'> }
	| { kind: 'retryable' | 'final'; error: (retries: number) => Error };

function throwIfCancelled(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new ExecutionCancelledError();
}

function causeOf(error: unknown): { code?: string; name?: string; message?: string } {
	const candidate = (error as { cause?: unknown })?.cause ?? error;
	return (candidate ?? {}) as { code?: string; name?: string; message?: string };
}

/** `phase` says whether the answer had started: a reset mid-body is not a refused request. */
function classifyThrown(error: unknown, settings: CallSettings, phase: 'request' | 'body' = 'request'): Attempt {
	const cause = causeOf(error);
	if (cause instanceof InvalidCredentialError || cause instanceof NotASoapEnvelopeError) {
		return {
			kind: 'final',
			error: (retries) => new SuiteTalkTransportError('REQUEST_NOT_SIGNED', cause.message ?? '', false, retries),
		};
	}
	const seconds = Math.round(settings.requestTimeoutMs / 1000);
	const timedOut =
		error instanceof ResponseTimeoutError ||
		cause.code === 'ECONNABORTED' ||
		cause.code === 'ETIMEDOUT' ||
		/timeout/i.test(cause.message ?? '');
	const what = cause.code ?? cause.message ?? 'network error';
	let reason: string;
	if (timedOut) {
		reason = phase === 'body' ? `NetSuite did not finish its answer within ${seconds} s` : `NetSuite did not answer within ${seconds} s`;
	} else {
		reason =
			phase === 'body'
				? `NetSuite's answer broke off before it was complete (${what})`
				: `The request to NetSuite failed before an answer arrived (${what})`;
	}
	return {
		kind: 'retryable',
		error: (retries) => new SuiteTalkTransportError(timedOut ? 'TIMEOUT' : 'NETWORK_ERROR', reason, true, retries),
	};
}

async function attempt(ctx: IExecuteFunctions, unsigned: UnsignedSoapRequest, settings: CallSettings): Promise<Attempt> {
	const signal = ctx.getExecutionCancelSignal();
	const startedAtMs = Date.now();
	let response: IN8nHttpFullResponse;
	try {
		// The credential's authenticate adds the passport and the endpoint URL; a retry runs it again,
		// so every attempt carries a new nonce and timestamp.
		response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
			method: 'POST',
			url: '',
			headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: unsigned.suiteTalkRequest.operation },
			body: unsigned as unknown as IDataObject,
			encoding: 'stream',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: settings.requestTimeoutMs,
			json: false,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		throwIfCancelled(signal);
		return classifyThrown(error, settings);
	}
	let text: string;
	try {
		// The request timeout covers the whole answer: the HTTP client's own timeout ends at the headers.
		const remainingMs = settings.requestTimeoutMs - (Date.now() - startedAtMs);
		text = await readBodyText(response.body, settings.maxResponseBytes, signal, remainingMs);
	} catch (error) {
		throwIfCancelled(signal);
		if (error instanceof ResponseTooLargeError) {
			return {
				kind: 'final',
				error: (retries) =>
					new SuiteTalkTransportError('RESPONSE_TOO_LARGE', error.message, false, retries, response.statusCode),
			};
		}
		if (error instanceof InvalidEncodingError) {
			return {
				kind: 'retryable',
				error: (retries) =>
					new SuiteTalkTransportError('INVALID_ENCODING', error.message, true, retries, response.statusCode),
			};
		}
		return classifyThrown(error, settings, 'body');
	}
	const outcome = classifyResponse(response.statusCode, text);
	if (outcome.kind === 'ok') return { kind: 'ok', result: { document: outcome.document, nsId: outcome.nsId } };
	if (outcome.kind === 'fault') {
		// The answer's Date header against this machine's clock: a passport timestamp off by more
		// than 5 minutes is refused with nothing but "Invalid login attempt".
		const fault = { ...outcome.fault, clockSkewMs: clockSkewMs(response.headers, Date.now()) };
		return { kind: fault.retryable ? 'retryable' : 'final', error: (retries) => new SuiteTalkFaultError(fault, retries) };
	}
	const { problem } = outcome;
	return {
		kind: problem.retryable ? 'retryable' : 'final',
		error: (retries) =>
			new SuiteTalkTransportError(problem.code, problem.message, problem.retryable, retries, problem.httpStatus),
	};
}

function concurrencyFeedback(outcome: Attempt): ConcurrencyFeedback {
	if (outcome.kind === 'ok') return 'success';
	return isConcurrencyRefusal(outcome.error(0)) ? 'refused' : 'neutral';
}

/**
 * Sends one SuiteTalk request and returns its parsed answer. Retries (bounded, with backoff)
 * only what clears by itself: concurrency blocks, maintenance, outages and network trouble.
 * Both operations this package sends only read, so repeating them is safe.
 */
export async function callSuiteTalk(
	ctx: IExecuteFunctions,
	request: SoapRequest,
	settings: CallSettings,
): Promise<CallResult> {
	const signal = ctx.getExecutionCancelSignal();
	const unsigned: UnsignedSoapRequest = { suiteTalkRequest: { ...request, apiVersion: settings.apiVersion } };
	const random = settings.random ?? Math.random;
	for (let retries = 0; ; retries++) {
		throwIfCancelled(signal);
		const outcome = await inAccountSlot(settings.accountSlots, signal, ctx.logger, () => attempt(ctx, unsigned, settings), concurrencyFeedback);
		if (outcome.kind === 'ok') return { ...outcome.result, retries };
		if (outcome.kind === 'final' || retries >= settings.maxRetries) throw outcome.error(retries);
		// sleep rejects when n8n cancels the execution; either way the abort flag is the truth.
		await sleep(backoffDelayMs(retries + 1, random, settings.backoffBaseMs), signal).catch(() => undefined);
		throwIfCancelled(signal);
	}
}
