/**
 * Part 2 in a process of its own: only the two code paths and what they import are loaded, so the
 * timing does not depend on what the rest of the benchmark left in the heap or the JIT.
 */
import { fork } from 'child_process';
import { join } from 'path';

import { runOverheadBench, type OverheadResult } from './overhead';
import { Report, type Table } from './table';

interface ChildMessage {
	tables?: Table[];
	failures?: string[];
	result?: OverheadResult;
	error?: string;
}

const CHILD_TIMEOUT_MS = 120_000;

/** Parent side: runs this file as a child and replays its tables and checks into `report`. */
export function runOverheadInChild(report: Report): Promise<OverheadResult | undefined> {
	return new Promise((resolve) => {
		const child = fork(__filename, ['--child'], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
		let settled = false;
		const finish = (message: ChildMessage) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			for (const table of message.tables ?? []) report.add(table);
			for (const failure of message.failures ?? []) report.check(false, failure);
			if (message.error) report.check(false, `overhead: ${message.error}`);
			resolve(message.result);
		};
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			finish({ error: `the overhead child did not finish within ${CHILD_TIMEOUT_MS / 1000} s` });
		}, CHILD_TIMEOUT_MS);
		child.once('message', finish);
		child.once('exit', (code) => finish({ error: `the overhead child exited with code ${code} before reporting` }));
	});
}

if (process.argv.includes('--child')) {
	const report = new Report(true);
	runOverheadBench(report).then(
		(result) => process.send!({ tables: report.tables, failures: report.failures, result } satisfies ChildMessage, () => process.exit(0)),
		(error: Error) => process.send!({ error: error.stack ?? error.message } satisfies ChildMessage, () => process.exit(1)),
	);
}
