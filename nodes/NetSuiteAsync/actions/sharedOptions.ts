import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { CallSettings } from '../transport/callSuiteTalk';
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
		displayName: 'Items Checked at Once',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 50 },
		default: DEFAULT_CONCURRENCY,
		description:
			"How many items this node sends requests for at the same time. Each uses one of the NetSuite account's concurrency slots, which all integrations share (5 on a Standard account).",
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
		typeOptions: { minValue: 0, numberPrecision: 2 },
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

/** The operation's "Options" collection: its own options first, then the request options every operation has. */
export function optionsCollection(show: Record<string, unknown[]>, own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: show as NonNullable<INodeProperties['displayOptions']>['show'] },
		options: [...own, ...requestOptions],
	};
}

export function readCallSettings(
	ctx: IExecuteFunctions,
	itemIndex: number,
	apiVersion: string,
	maxResponseBytes: number,
	defaultRequestTimeoutSeconds = DEFAULT_REQUEST_TIMEOUT_SECONDS,
): CallSettings {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as Record<string, unknown>;
	return {
		apiVersion,
		maxRetries: readWholeNumber(options.maxRetries ?? DEFAULT_MAX_RETRIES, 'Max Retries', 0, 20),
		requestTimeoutMs: readSeconds(options.requestTimeout ?? defaultRequestTimeoutSeconds, 'Request Timeout', { min: 1 }) * 1000,
		maxResponseBytes,
		backoffBaseMs:
			readSeconds(options.retryWait ?? DEFAULT_RETRY_WAIT_SECONDS, 'First Retry Wait', { min: 0, allowZero: true }) * 1000,
	};
}

export function readConcurrency(ctx: IExecuteFunctions): number {
	const options = ctx.getNodeParameter('options', 0, {}) as Record<string, unknown>;
	return readWholeNumber(options.concurrency ?? DEFAULT_CONCURRENCY, 'Items Checked at Once', 1, 50);
}
