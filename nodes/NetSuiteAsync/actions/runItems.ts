import { NodeApiError, type IDataObject, type IExecuteFunctions, type INodeExecutionData } from 'n8n-workflow';

import type { NetSuiteTbaCredentialData } from '../suitetalk/credentialData';
import { ExecutionCancelledError } from '../transport/errors';
import { CredentialProblem } from './credentialProblem';
import type { ItemOperation, OperationOutput } from './itemOperation';
import { toNodeError, type ItemError } from './toNodeError';

type Prepared<P> = { parameters: P } | { error: ItemError };
type Outcome = { outputs: OperationOutput } | { error: ItemError };

/** Runs `task` for indexes 0..count-1 with at most `limit` at once; stops starting new ones once `shouldStop()` is true. */
async function runPool(count: number, limit: number, task: (index: number) => Promise<void>, shouldStop: () => boolean) {
	let next = 0;
	const worker = async () => {
		while (next < count && !shouldStop()) {
			const index = next++;
			await task(index);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

export function errorDetails(error: ItemError): IDataObject {
	const { context } = error;
	const details: IDataObject = {
		description: error.description ?? undefined,
		httpCode: error instanceof NodeApiError ? (error.httpCode ?? undefined) : undefined,
		jobId: context.jobId,
		faultCode: context.faultCode ?? context.errorCode,
		nsId: context.nsId,
		retries: context.retries,
	};
	for (const key of Object.keys(details)) if (details[key] === undefined || details[key] === null) delete details[key];
	return details;
}

function jobIdOf(parameters: unknown): string | undefined {
	const jobId = (parameters as { jobId?: unknown })?.jobId;
	return typeof jobId === 'string' ? jobId : undefined;
}

/**
 * Every input item yields its outputs or exactly one error, in input order, with pairedItem;
 * errors follow the node's On Error setting. All items are validated before the first request.
 */
export async function runItems<P, C = NetSuiteTbaCredentialData>(
	ctx: IExecuteFunctions,
	operation: ItemOperation<P, C>,
	credential: C | CredentialProblem,
	concurrency: number,
): Promise<INodeExecutionData[][]> {
	const items = ctx.getInputData();
	const node = ctx.getNode();
	const continueOnFail = ctx.continueOnFail();

	const prepared: Array<Prepared<P>> = items.map((_, itemIndex) => {
		if (credential instanceof CredentialProblem) return { error: toNodeError(node, credential.cause, itemIndex) };
		try {
			return { parameters: operation.readParameters(ctx, itemIndex, credential) };
		} catch (error) {
			return { error: toNodeError(node, error, itemIndex) };
		}
	});
	const invalid = prepared.find((entry): entry is { error: ItemError } => 'error' in entry);
	if (invalid && !continueOnFail) throw invalid.error;

	const outcomes: Outcome[] = prepared.map((entry) => ('error' in entry ? { error: entry.error } : { outputs: [] }));
	const signal = ctx.getExecutionCancelSignal();
	let failed = false;
	await runPool(
		items.length,
		concurrency,
		async (itemIndex) => {
			const entry = prepared[itemIndex];
			if ('error' in entry) return;
			try {
				outcomes[itemIndex] = {
					outputs: await operation.execute(ctx, entry.parameters, itemIndex, credential as C),
				};
			} catch (error) {
				outcomes[itemIndex] = { error: toNodeError(node, error, itemIndex, jobIdOf(entry.parameters)) };
				failed = true;
			}
		},
		// A cancelled execution starts no further item (with On Error "continue", each would only
		// become a "cancelled" error item); the node then ends with one cancellation error.
		() => signal?.aborted === true || (failed && !continueOnFail),
	);
	if (signal?.aborted) throw toNodeError(node, new ExecutionCancelledError(), 0);

	const outputs: INodeExecutionData[][] = Array.from({ length: operation.outputCount?.(ctx) ?? 1 }, () => []);
	for (const [itemIndex, outcome] of outcomes.entries()) {
		if ('error' in outcome) {
			if (!continueOnFail) throw outcome.error;
			// Only `error`, `message` and `details` keep an item on n8n's error output, where n8n merges in
			// the input item (so the jobId travels along); an `error` property would reduce it to the message.
			outputs[0].push({ json: { error: outcome.error.message, details: errorDetails(outcome.error) }, pairedItem: { item: itemIndex } });
			continue;
		}
		const { output, items: jsons } = Array.isArray(outcome.outputs) ? { output: 0, items: outcome.outputs } : outcome.outputs;
		for (const json of jsons) outputs[output].push({ json, pairedItem: { item: itemIndex } });
	}
	return outputs;
}
