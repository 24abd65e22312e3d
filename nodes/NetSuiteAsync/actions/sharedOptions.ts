import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { NetSuiteTbaCredentialData } from '../suitetalk/credentialData';
import { accountConcurrency } from '../transport/accountConcurrency';
import type { CallSettings } from '../transport/callSuiteTalk';
import { MIN_WAIT_SECONDS, minWaitSeconds } from '../waitFloor';
import { readSeconds, readWholeNumber } from './inputValidation';

export const DEFAULT_MAX_RETRIES = 5;
export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;
export const DEFAULT_CONCURRENCY = 1;
export const DEFAULT_RETRY_WAIT_SECONDS = 1;
/** A status answer is a few hundred bytes; anything near this is not NetSuite talking. */
export const STATUS_RESPONSE_LIMIT_BYTES = 1024 * 1024;

/** Options every operation offers: how hard to retry and how much of the account's concurrency to use. */
export const requestOptions: INodeProperties[] = [
	{
		// Named for both operations (a Get Async Result item reads pages, it checks nothing); the parameter name stays.
		displayName: 'Items Processed at Once',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: DEFAULT_CONCURRENCY,
		description:
			"How many items this node sends requests for at the same time. Each uses one of the NetSuite account's concurrency slots, which all integrations share (5 on a Standard account); when NetSuite answers that the limit is reached, the node sends fewer at once for that account and grows back slowly.",
	},
	{
		displayName: 'Max Retries',
		name: 'maxRetries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 20 },
		default: DEFAULT_MAX_RETRIES,
		description:
			'How often a request is repeated after a concurrency block (WS_REQUEST_BLOCKED), maintenance, an outage or a network error, with growing waits. Login errors and invalid job IDs are never retried.',
	},
	{
		displayName: 'First Retry Wait (Seconds)',
		name: 'retryWait',
		type: 'number',
		typeOptions: { minValue: MIN_WAIT_SECONDS, numberPrecision: 2 },
		default: DEFAULT_RETRY_WAIT_SECONDS,
		description: 'Wait before the first retry; each further retry waits about twice as long (up to 30 s), with random spread so that items do not retry in lockstep',
	},
	{
		displayName: 'Request Timeout (Seconds)',
		name: 'requestTimeout',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: DEFAULT_REQUEST_TIMEOUT_SECONDS,
		description: 'How long one request may take before it is abandoned and retried',
	},
];

/** The operation's "Options" collection: its own options and the request options every operation has, alphabetically (as n8n's lint rule wants, which cannot see through the spread). */
export function optionsCollection(show: Record<string, unknown[]>, own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: show as NonNullable<INodeProperties['displayOptions']>['show'] },
		options: [...own, ...requestOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export function readCallSettings(
	ctx: IExecuteFunctions,
	itemIndex: number,
	credential: Pick<NetSuiteTbaCredentialData, 'apiVersion' | 'accountId'>,
	maxResponseBytes: number,
): CallSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	const limiter = accountConcurrency(credential.accountId);
	return {
		apiVersion: credential.apiVersion,
		...(limiter ? { accountSlots: { limiter, ceiling: readConcurrency(ctx) } } : {}),
		maxRetries: readWholeNumber(options.maxRetries ?? DEFAULT_MAX_RETRIES, 'Max Retries', 0, 20),
		requestTimeoutMs: readSeconds(options.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT_SECONDS, 'Request Timeout', { min: 1 }) * 1000,
		maxResponseBytes,
		backoffBaseMs:
			readSeconds(options.retryWait ?? DEFAULT_RETRY_WAIT_SECONDS, 'First Retry Wait', { min: minWaitSeconds() }) * 1000,
	};
}

export function readConcurrency(ctx: IExecuteFunctions): number {
	const options = ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	return readWholeNumber(options.concurrency ?? DEFAULT_CONCURRENCY, 'Items Processed at Once', 1, 50);
}
