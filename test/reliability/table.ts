import { MATRIX_OPTIONS, type Area, type ReliabilityCase } from './cases';

/**
 * Renders docs/reliability.md from the cases. `scripts/reliability-table.ts` writes it;
 * `table.test.ts` fails when the committed file differs, so the table cannot drift from the suite.
 */

const AREA_TITLES: Record<Area, string> = {
	transport: 'Transport',
	xml: 'XML hostility',
	fault: 'NetSuite faults (PROTOCOL §6)',
	budget: 'getAsyncResult call budget (PROTOCOL §5)',
	clock: 'Clock',
	input: 'Input',
	scale: 'Many items',
	cancellation: 'Cancellation',
	secrets: 'Secrets',
};

function cell(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ').replace(/[\u0000-\u001f]/g, '');
}

function code(text: string): string {
	const escaped = text.replace(/\|/g, '\\|');
	const fence = escaped.includes('`') ? '``' : '`';
	const pad = fence === '``' ? ' ' : '';
	return `${fence}${pad}${escaped}${pad}${fence}`;
}

function requests(reliabilityCase: ReliabilityCase): string {
	const { requests: count } = reliabilityCase.expect;
	return typeof count === 'number' ? String(count) : `${count.min}–${count.max}`;
}

function outcome(reliabilityCase: ReliabilityCase): string {
	const { expect: expected, onError } = reliabilityCase;
	if (expected.outcome === 'canceled') return 'execution canceled';
	if (expected.outcome === 'success') {
		if (reliabilityCase.area === 'secrets') return 'no secret found';
		const fields = expected.output
			? Object.entries(expected.output)
					.map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
					.join(', ')
			: '';
		return fields ? `item out: ${code(fields)}` : 'item out';
	}
	const where =
		onError === 'continueErrorOutput' ? 'error-output item' : onError === 'continueRegularOutput' ? 'item with error' : 'workflow error naming the item';
	const message = expected.message === undefined ? '' : `: ${code(expected.message + (expected.match === 'prefix' ? '…' : ''))}`;
	return `${where}${message}`;
}

export function renderReliabilityTable(cases: readonly ReliabilityCase[]): string {
	const lines: string[] = [
		'<!-- Generated from test/reliability/cases.ts by `npx tsx scripts/reliability-table.ts`; test/reliability/table.test.ts fails when this file differs. Do not edit by hand. -->',
		'',
		'## Reliability',
		'',
		`The fault matrix in \`test/reliability/\` runs each case below through n8n's engine against the SuiteTalk simulator or a deliberately hostile HTTP server, and asserts the outcome and message shown here. For every case it also checks that there was no unhandled rejection and no process exit, that the item came out (as an output item, an error-output item or a workflow error naming the item), that the number of signed requests matches the one shown and the server saw exactly those, and — after the whole matrix — that no secret or signature appears in any output, error or log line.`,
		'',
		`Runs use Max Retries ${MATRIX_OPTIONS.maxRetries}, First Retry Wait ${MATRIX_OPTIONS.retryWait} s and Request Timeout ${MATRIX_OPTIONS.requestTimeout} s unless the case says otherwise, so "retried" cases that keep failing send ${MATRIX_OPTIONS.maxRetries + 1} requests. "Requests" counts signed requests; 0 means the input was refused before anything was sent.`,
		'',
	];
	const areas = [...new Set(cases.map((candidate) => candidate.area))];
	let number = 0;
	for (const area of areas) {
		lines.push(`### ${AREA_TITLES[area]}`, '', '| # | Case | What happens | Retried | Requests | Outcome and message |', '|---|---|---|---|---|---|');
		for (const reliabilityCase of cases.filter((candidate) => candidate.area === area)) {
			number += 1;
			const bug = reliabilityCase.bug ? ' **(found a bug, fixed)**' : '';
			lines.push(
				`| ${number} | ${cell(reliabilityCase.scenario)} <br>\`${reliabilityCase.id}\` | ${cell(reliabilityCase.behaviour)}${bug} | ${reliabilityCase.expect.retried ? 'yes' : 'no'} | ${requests(reliabilityCase)} | ${outcome(reliabilityCase)} |`,
			);
		}
		lines.push('');
	}
	const bugs = cases.filter((candidate) => candidate.bug && !candidate.bug.startsWith('See '));
	lines.push(
		'### Bugs the matrix found',
		'',
		`${cases.length} cases; ${cases.filter((candidate) => candidate.bug).length} of them found a bug (${bugs.length} distinct), each fixed in the node:`,
		'',
		...bugs.map((candidate) => `- \`${candidate.id}\`: ${cell(candidate.bug ?? '')}`),
		'',
	);
	return lines.join('\n');
}
