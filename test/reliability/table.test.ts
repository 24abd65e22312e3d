import { readFileSync } from 'fs';
import { join } from 'path';

import { cases, matrixCases } from './cases';
import { renderReliabilityTable } from './table';

const ROOT = join(__dirname, '..', '..');

describe('the reliability table cannot drift', () => {
	it('docs/reliability.md is exactly what the cases render (regenerate: npx tsx scripts/reliability-table.ts)', () => {
		expect(readFileSync(join(ROOT, 'docs', 'reliability.md'), 'utf8')).toBe(renderReliabilityTable(cases));
	});

	it('case ids are unique', () => {
		expect(new Set(cases.map((candidate) => candidate.id)).size).toBe(cases.length);
	});

	it('every case outside the generic matrix is run by the file it names', () => {
		for (const candidate of cases.filter((entry) => entry.file !== undefined)) {
			const source = readFileSync(join(__dirname, candidate.file as string), 'utf8');
			expect([candidate.id, source.includes(`'${candidate.id}'`)]).toEqual([candidate.id, true]);
		}
	});

	it('every matrix case says how to reach its server and what comes out', () => {
		for (const candidate of matrixCases) {
			expect([candidate.id, candidate.server === 'none']).toEqual([candidate.id, false]);
			if (candidate.expect.outcome === 'error') expect([candidate.id, typeof candidate.expect.message]).toEqual([candidate.id, 'string']);
		}
	});
});
