/** Markdown tables that read well in a terminal too (padded columns), and the report they collect into. */

export type Align = 'left' | 'right';

export interface Table {
	title: string;
	headers: string[];
	rows: string[][];
	/** Per column; default: first column left, the rest right. */
	align?: Align[];
	/** Lines printed under the table (assumptions, goal verdicts). */
	notes?: string[];
}

function width(text: string): number {
	return [...text].length;
}

function pad(text: string, size: number, align: Align): string {
	const fill = ' '.repeat(Math.max(0, size - width(text)));
	return align === 'left' ? text + fill : fill + text;
}

export function renderTable(table: Table): string {
	const columns = table.headers.length;
	const align = (index: number): Align => table.align?.[index] ?? (index === 0 ? 'left' : 'right');
	const widths = table.headers.map((header, index) =>
		Math.max(3, width(header), ...table.rows.map((row) => width(row[index] ?? ''))),
	);
	const line = (cells: string[]) =>
		`| ${Array.from({ length: columns }, (_, index) => pad(cells[index] ?? '', widths[index], align(index))).join(' | ')} |`;
	const rule = `| ${widths.map((size, index) => (align(index) === 'left' ? '-'.repeat(size) : `${'-'.repeat(size - 1)}:`)).join(' | ')} |`;
	const lines = [`### ${table.title}`, '', line(table.headers), rule, ...table.rows.map(line)];
	if (table.notes?.length) lines.push('', ...table.notes);
	return lines.join('\n');
}

export class Report {
	readonly tables: Table[] = [];
	readonly sections: string[] = [];
	readonly failures: string[] = [];

	/** quiet: collect without printing (a child process hands its report to the parent). */
	constructor(private readonly quiet = false) {}

	add(table: Table): void {
		const text = renderTable(table);
		this.tables.push(table);
		this.sections.push(text);
		if (!this.quiet) console.log(`\n${text}\n`);
	}

	/** A correctness check inside the benchmark: any failure makes `npm run bench` exit non-zero. */
	check(ok: boolean, what: string): void {
		if (!ok) {
			this.failures.push(what);
			if (!this.quiet) console.error(`CHECK FAILED: ${what}`);
		}
	}

	markdown(header: string): string {
		return `${header}\n\n${this.sections.join('\n\n')}\n`;
	}
}

export function fixed(value: number, digits = 1): string {
	return Number.isFinite(value) ? value.toFixed(digits) : '–';
}

export function seconds(ms: number, digits = 1): string {
	return `${fixed(ms / 1000, digits)} s`;
}

export function ratio(value: number, digits = 1): string {
	return Number.isFinite(value) ? `${value.toFixed(digits)}×` : '–';
}

export function mean(values: readonly number[]): number {
	return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN;
}

export function median(values: readonly number[]): number {
	if (!values.length) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function megabytes(bytes: number): string {
	return `${fixed(bytes / (1024 * 1024), 1)} MB`;
}
