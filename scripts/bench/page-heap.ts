/**
 * Part 5: heap needed per MB of a getAsyncResult page, to choose the default Max Page Size (review
 * R5). Each size runs in a fresh child (`--expose-gc`) through the code production runs on an
 * answer: classifyResponse (parseXml, fault check), readAsyncResultPage, recordOutput per record.
 * The heap is read after a forced GC at each stage while everything production still holds at that
 * point is held, so the figure is what a page keeps alive, not what the GC happened to leave lying about.
 */
import { fork } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

import { recordOutput, RESULT_PAGE_LIMIT_BYTES } from '../../nodes/NetSuiteAsync/actions/readJobResults';
import { readAsyncResultPage } from '../../nodes/NetSuiteAsync/suitetalk/asyncResult';
import { classifyResponse } from '../../nodes/NetSuiteAsync/suitetalk/classifyResponse';
import { envelope } from '../../test/simulator/responses';
import { asyncResultResponse } from '../../test/simulator/results';
import type { SearchRecord } from '../../test/simulator/types';
import { customer } from './results-memory';
import { fixed, megabytes, type Report } from './table';

const SIZES_MB = [8, 16];
const MB = 1024 * 1024;
const CHILD_TIMEOUT_MS = 120_000;

interface HeapReport {
	xmlBytes: number;
	records: number;
	/** Heap growth over the baseline with only the answer text held. */
	textHeld: number;
	/** Text and parsed document held (inside callSuiteTalk, as classifyResponse returns). */
	documentHeld: number;
	/** Document, page and the output items held (readPage returned, items collected). */
	itemsHeld: number;
	/** Growth of the child's peak RSS while the page was parsed and read: transient structures included. */
	peakRssGrowth: number;
	maxRssKb: number;
	parseMs: number;
}

function pageXml(targetBytes: number): { xml: string; records: number } {
	const sample = (count: number) =>
		envelope(
			{ version: '2025_2', style: 'platformCore', nsId: 'BENCH' },
			asyncResultResponse({ kind: 'search', records: rows(count), pageSize: count }, 1),
		);
	const perRecord = sample(200).length / 200;
	const records = Math.max(1, Math.round(targetBytes / perRecord));
	return { xml: sample(records), records };
}

function rows(count: number): SearchRecord[] {
	return Array.from({ length: count }, (_, index) => customer(index + 1));
}

const gc = (globalThis as { gc?: () => void }).gc;

function heapAfterGc(): number {
	gc?.();
	gc?.();
	return process.memoryUsage().heapUsed;
}

/** Runs in the child: the page comes from a file as bytes, decoded the way readBodyText decodes an answer. */
function measure(file: string, records: number): HeapReport {
	const baseline = heapAfterGc();
	let bytes: Buffer | undefined = readFileSync(file);
	const xmlBytes = bytes.length;
	const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	bytes = undefined;
	const textHeld = heapAfterGc() - baseline;
	const rssBefore = process.resourceUsage().maxRSS;
	const started = Date.now();
	const outcome = classifyResponse(200, text);
	const parseMs = Date.now() - started;
	if (outcome.kind !== 'ok') throw new Error(`the page did not parse: ${JSON.stringify(outcome).slice(0, 300)}`);
	const documentHeld = heapAfterGc() - baseline;
	const page = readAsyncResultPage(outcome.document);
	const items = page.records.map((record) => recordOutput('BENCH', page, record));
	const itemsHeld = heapAfterGc() - baseline;
	if (items.length !== records) throw new Error(`${items.length} items from a page of ${records} records`);
	const peakRssGrowth = (process.resourceUsage().maxRSS - rssBefore) * 1024;
	return { xmlBytes, records, textHeld, documentHeld, itemsHeld, peakRssGrowth, maxRssKb: process.resourceUsage().maxRSS, parseMs };
}

function runChild(targetBytes: number): Promise<HeapReport> {
	// Generated here, not in the child: the generator's own peak would hide the parser's.
	const { xml, records } = pageXml(targetBytes);
	const file = join(mkdtempSync(join(tmpdir(), 'netsuite-page-heap-')), 'page.xml');
	writeFileSync(file, xml);
	return new Promise<HeapReport>((resolve, reject) => {
		const child = fork(__filename, ['--child', file, String(records)], {
			execArgv: [...process.execArgv, '--expose-gc'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`the page-heap child did not answer within ${CHILD_TIMEOUT_MS / 1000} s`));
		}, CHILD_TIMEOUT_MS);
		child.once('message', (message: { report?: HeapReport; error?: string }) => {
			clearTimeout(timer);
			if (message.report) resolve(message.report);
			else reject(new Error(`the page-heap child failed: ${message.error}`));
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the page-heap child exited with code ${code} before reporting`));
		});
	}).finally(() => rmSync(dirname(file), { recursive: true, force: true }));
}

export interface PageHeapResult {
	/** Worst of the sizes: peak retained heap per MB of page XML. */
	heapPerMb?: number;
}

export async function runPageHeapBench(report: Report): Promise<PageHeapResult> {
	const measured: HeapReport[] = [];
	for (const size of SIZES_MB) {
		try {
			measured.push(await runChild(size * MB));
		} catch (error) {
			report.check(false, `page heap ${size} MB: ${(error as Error).message}`);
		}
	}
	if (measured.length === 0) return {};
	const perMb = (bytes: number, xmlBytes: number) => bytes / xmlBytes;
	// The larger of what stays alive and what the process needed at its peak: a page must fit both.
	const worst = (run: HeapReport) => Math.max(run.documentHeld, run.itemsHeld, run.textHeld + run.peakRssGrowth);
	const heapPerMb = Math.max(...measured.map((run) => perMb(worst(run), run.xmlBytes)));
	report.add({
		title: '5. Result page heap: memory a getAsyncResult page keeps alive while it is read (review R5)',
		headers: ['Page XML', 'Records', 'Text held', 'Text + document', 'Text + document + page + items', 'Peak RSS growth while parsing and reading', 'Memory per MB of XML', 'Parse', 'Child maxRSS'],
		align: ['right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
		rows: measured.map((run) => [
			megabytes(run.xmlBytes),
			run.records.toLocaleString('en-US'),
			megabytes(run.textHeld),
			megabytes(run.documentHeld),
			megabytes(run.itemsHeld),
			megabytes(run.peakRssGrowth),
			`${fixed(perMb(worst(run), run.xmlBytes), 1)} MB`,
			`${fixed(run.parseMs / 1000, 2)} s`,
			megabytes(run.maxRssKb * 1024),
		]),
		notes: [
			`Each size in a fresh child with --expose-gc, the page read from a file and decoded as readBodyText does; heap read after a forced GC at each stage while production's references are held (classifyResponse → readAsyncResultPage → recordOutput); the peak RSS growth (kernel maxRSS) adds what the parser holds only while it runs. Memory per MB = max(retained heap, text + peak RSS growth) / page size. Rows are Customer search rows as in part 4.`,
			`Worst case ${fixed(heapPerMb, 1)} MB of memory per MB of page: the default Max Page Size of ${RESULT_PAGE_LIMIT_BYTES / MB} MB needs about ${fixed((heapPerMb * RESULT_PAGE_LIMIT_BYTES) / MB / 1024, 2)} GB of memory on top of n8n, before n8n copies the items into its run data; the old 256 MB limit would have needed about ${fixed((heapPerMb * 256) / 1024, 1)} GB.`,
		],
	});
	return { heapPerMb };
}

if (process.argv[2] === '--child') {
	try {
		if (!gc) throw new Error('run with --expose-gc');
		const result = measure(process.argv[3], Number(process.argv[4]));
		process.send!({ report: result }, () => process.exit(0));
	} catch (error) {
		process.send!({ error: (error as Error).stack ?? String(error) }, () => process.exit(1));
	}
}
