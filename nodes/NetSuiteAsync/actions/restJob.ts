import type { IExecuteFunctions } from 'n8n-workflow';

import { readRestJobReference } from '../rest/jobReference';
import { InvalidInputError } from './inputValidation';

/** The item's Job ID parameter as a REST job ID, or a clear error before any request. */
export function readRestJob(ctx: IExecuteFunctions, itemIndex: number): string {
	const reference = readRestJobReference(ctx.getNodeParameter('jobId', itemIndex, ''));
	if ('problem' in reference) throw new InvalidInputError(reference.problem, reference.fix);
	return reference.jobId;
}
