/**
 * Writes docs/reliability.md from the reliability matrix's cases (test/reliability/cases.ts).
 * Run after changing a case: npx tsx scripts/reliability-table.ts
 * (test/reliability/table.test.ts fails while the committed file differs from what this writes).
 */
import { writeFileSync } from 'fs';
import { join } from 'path';

import { cases } from '../test/reliability/cases';
import { renderReliabilityTable } from '../test/reliability/table';

const target = join(__dirname, '..', 'docs', 'reliability.md');
writeFileSync(target, renderReliabilityTable(cases));
console.log(`wrote ${target} (${cases.length} cases)`);
