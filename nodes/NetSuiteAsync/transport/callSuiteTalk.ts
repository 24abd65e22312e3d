import { sleep, type IDataObject, type IExecuteFunctions, type IN8nHttpFullResponse } from 'n8n-workflow';

import { classifyResponse } from '../suitetalk/classifyResponse';
import { clockSkewMs, isClockSkewed } from '../suitetalk/clockSkew';
import { InvalidCredentialError } from '../suitetalk/credentialData';
import { INVALID_LOGIN_CODES } from '../suitetalk/faults';
import { NotASoapEnvelopeError, type SoapRequest } from '../suitetalk/envelope';
import { UnbuiltSoapRequest } from '../suitetalk/signRequest';
import type { XmlElement } from '../suitetalk/xml';
import { inAccountSlot, isConcurrencyRefusal, type AccountSlots, type ConcurrencyFeedback } from './accountConcurrency';
import { backoffDelayMs } from './backoff';
import { ExecutionCancelledError, SuiteTalkFaultError, SuiteTalkTransportError, type TransportErrorCode } from './errors';
import { htmlPageDelivery, mayRepeat, retryPolicyFor, thrownErrorDelivery, type Delivery } from './retryPolicy';
import { InvalidEncodingError, readBodyText, ResponseTimeoutError, ResponseTooLargeError } from './responseBody';

export const CREDENTIAL_TYPE = 'netSuiteTbaApi';

/**
 * Counts requests against a limit the caller keeps (getAsyncResult's 20 calls per job): `reserve`
 * runs before every attempt and throws to stop before sending; `release` gives back an attempt
 * that certainly never left this machine.
 */
export interface AttemptLedger {
	reserve(): void;
	release(): void;
}

export interface CallSettings {
	apiVersion: string;
	maxRetries: number;
	requestTimeoutMs: number;
	maxResponseBytes: number;
	backoffBaseMs?: number;
	random?: () => number;
	ledger?: AttemptLedger;
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
	| {
			kind: 'retryable' | 'final';
			delivery: Delivery;
			/** `notRepeatedBecause`: the retry policy's reason when a transient failure is not repeated. */
			error: (retries: number, notRepeatedBecause?: string) => Error;
			/** NetSuite's clock minus this machine's, when a refused passport's answer shows it. */
			skewedByMs?: number;
			/** The request never left this machine. */
			unsent?: boolean;
	  };

/** An attempt that ended without a SOAP answer: retryable or final, with what NetSuite may have done. */
function transportFailure(
	problem: { code: TransportErrorCode; message: string; retryable: boolean; httpStatus?: number },
	delivery: Delivery,
): Attempt {
	return {
		kind: problem.retryable ? 'retryable' : 'final',
		delivery,
		unsent: delivery === 'notProcessed' && problem.httpStatus === undefined,
		error: (retries, notRepeatedBecause) =>
			new SuiteTalkTransportError(
				problem.code,
				problem.message,
				problem.retryable,
				retries,
				problem.httpStatus,
				delivery,
				notRepeatedBecause,
			),
	};
}

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
		return transportFailure({ code: 'REQUEST_NOT_SIGNED', message: cause.message ?? '', retryable: false }, 'notProcessed');
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
	return transportFailure(
		{ code: timedOut ? 'TIMEOUT' : 'NETWORK_ERROR', message: reason, retryable: true },
		timedOut ? 'mayHaveBeenProcessed' : thrownErrorDelivery(cause.code, phase),
	);
}

async function attempt(ctx: IExecuteFunctions, unsigned: UnbuiltSoapRequest, settings: CallSettings): Promise<Attempt> {
	const signal = ctx.getExecutionCancelSignal();
	const startedAtMs = Date.now();
	let response: IN8nHttpFullResponse;
	try {
		// The credential's authenticate adds the passport and the endpoint URL; a retry runs it again,
		// so every attempt carries a new nonce and timestamp.
		response = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, CREDENTIAL_TYPE, {
			method: 'POST',
			url: '',
			headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: unsigned.soapRequest.operation },
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
		if (error instanceof ResponseTooLargeError || error instanceof InvalidEncodingError) {
			const problem = { message: error.message, httpStatus: response.statusCode };
			return transportFailure(
				error instanceof ResponseTooLargeError
					? { ...problem, code: 'RESPONSE_TOO_LARGE', retryable: false }
					: { ...problem, code: 'INVALID_ENCODING', retryable: true },
				'mayHaveBeenProcessed',
			);
		}
		return classifyThrown(error, settings, 'body');
	}
	const outcome = classifyResponse(response.statusCode, text);
	if (outcome.kind === 'ok') return { kind: 'ok', result: { document: outcome.document, nsId: outcome.nsId } };
	if (outcome.kind === 'fault') {
		// The answer's Date header against this machine's clock: a passport timestamp off by more
		// than 5 minutes is refused with nothing but "Invalid login attempt".
		const skew = clockSkewMs(response.headers, Date.now());
		const appliedOffsetMs = unsigned.clockOffsetMs;
		const fault = {
			...outcome.fault,
			clockSkewMs: skew,
			...(appliedOffsetMs ? { clockCorrectedMs: appliedOffsetMs } : {}),
		};
		// Worth a corrected retry only when the passport was refused and the timestamp it carried
		// was still off by more than NetSuite tolerates.
		const refusedTimestamp =
			INVALID_LOGIN_CODES.includes(fault.code) && skew !== undefined && isClockSkewed(skew - (appliedOffsetMs ?? 0));
		return {
			kind: fault.retryable ? 'retryable' : 'final',
			delivery: new SuiteTalkFaultError(fault, 0).delivery,
			skewedByMs: refusedTimestamp ? skew : undefined,
			error: (retries) => new SuiteTalkFaultError(fault, retries),
		};
	}
	const { problem } = outcome;
	return transportFailure(problem, problem.code === 'HTML_RESPONSE' ? htmlPageDelivery(problem.httpStatus) : 'mayHaveBeenProcessed');
}

/**
 * The clock offset learnt from NetSuite's Date header, per execution: once a refused passport has
 * shown this machine's clock is off, later requests of the run are signed with the corrected time
 * instead of each paying a refusal first (the AWS SDK keeps its systemClockOffset the same way).
 */
const learntClockOffsets = new WeakMap<object, number>();

function sendAttempt(ctx: IExecuteFunctions, request: SoapRequest, settings: CallSettings): Promise<Attempt> {
	const clockOffsetMs = learntClockOffsets.get(ctx);
	const unsigned = new UnbuiltSoapRequest(request, settings.apiVersion, clockOffsetMs ?? 0);
	return attempt(ctx, unsigned, settings);
}

function concurrencyFeedback(outcome: Attempt): ConcurrencyFeedback {
	if (outcome.kind === 'ok') return 'success';
	return isConcurrencyRefusal(outcome.error(0)) ? 'refused' : 'neutral';
}

/**
 * Sends one SuiteTalk request and returns its parsed answer. Retries (bounded, with backoff)
 * only what clears by itself (concurrency blocks, maintenance, outages, network trouble), and
 * only as far as the operation's retry policy allows: what may have been processed is repeated
 * only for operations where a repeat is harmless (see retryPolicy.ts).
 */
export async function callSuiteTalk(
	ctx: IExecuteFunctions,
	request: SoapRequest,
	settings: CallSettings,
): Promise<CallResult> {
	const signal = ctx.getExecutionCancelSignal();
	const random = settings.random ?? Math.random;
	const policy = retryPolicyFor(request.operation);
	let clockCorrected = false;
	for (let retries = 0; ; retries++) {
		throwIfCancelled(signal);
		settings.ledger?.reserve();
		const outcome = await inAccountSlot(settings.accountSlots, signal, ctx.logger, () => sendAttempt(ctx, request, settings), concurrencyFeedback);
		if (outcome.kind === 'ok') return { ...outcome.result, retries };
		if (outcome.unsent) settings.ledger?.release();
		if (outcome.skewedByMs !== undefined && !clockCorrected) {
			// One corrected retry, not a loop: a second refusal means more than the clock is wrong.
			clockCorrected = true;
			// The skew is measured against the uncorrected clock, so it replaces any earlier offset.
			learntClockOffsets.set(ctx, outcome.skewedByMs);
			ctx.logger.warn(
				`NetSuite refused a token passport and its clock differs from this machine's by ${Math.round(outcome.skewedByMs / 1000)} s; retrying once with the timestamp corrected. Synchronise this machine's clock (NTP).`,
			);
			continue;
		}
		if (outcome.kind === 'final' || retries >= settings.maxRetries) throw outcome.error(retries);
		if (!mayRepeat(request.operation, outcome.delivery)) throw outcome.error(retries, policy.why);
		// sleep rejects when n8n cancels the execution; either way the abort flag is the truth.
		await sleep(backoffDelayMs(retries + 1, random, settings.backoffBaseMs), signal).catch(() => undefined);
		throwIfCancelled(signal);
	}
}
