// `npm run coverage`: per category, how many of the contract's operations have
// a provider method. The counts are over Zoom's reference (the 436 operations
// of ../shared/zoom-api/operations.json); operations of Zoom's files beyond it
// (contract/extra-operations.json) are listed apart. `--markdown` prints the
// table; `--readme` writes it into README.md between the coverage markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { handlers } from '../src/api/index.ts';
import { Clock } from '../src/core/clock.ts';
import { Contract } from '../src/core/contract.ts';
import { Coherence } from '../src/core/coherence.ts';
import { ReadCache } from '../src/core/read-cache.ts';

const contract = new Contract();
const implemented = handlers({ clock: new Clock(), baseUrl: 'http://127.0.0.1:9090', readCache: (kind) => new ReadCache(kind, new Coherence()) });
const reference = contract.operations.filter((op) => !op.extra);
const extras = contract.operations.filter((op) => op.extra);
const rows = new Map<string, { total: number; done: number; missing: string[] }>();
for (const op of reference) {
  const row = rows.get(op.category) ?? { total: 0, done: 0, missing: [] };
  row.total++;
  if (implemented.has(op.operationId)) row.done++;
  else row.missing.push(op.operationId);
  rows.set(op.category, row);
}
const sorted = [...rows.entries()].sort((a, b) => b[1].done / b[1].total - a[1].done / a[1].total || a[0].localeCompare(b[0]));
const total = reference.length;
const done = [...rows.values()].reduce((n, r) => n + r.done, 0);
const extraDone = extras.filter((op) => implemented.has(op.operationId));
const extraLine = `beyond the reference: ${extraDone.length} of ${extras.length} implemented (${extras.map((op) => `${op.operationId}${implemented.has(op.operationId) ? '' : ' (missing)'}`).join(', ')})`;

function markdownTable(): string {
  const lines = ['| category | implemented | of |', '|---|---:|---:|'];
  for (const [category, r] of sorted) lines.push(`| ${category} | ${r.done === r.total ? `**${r.done}**` : r.done} | ${r.total} |`);
  lines.push(`| **all** | **${done}** | **${total}** |`);
  if (extras.length > 0) lines.push('', `Also ${extraLine}.`);
  return lines.join('\n');
}

if (process.argv.includes('--readme')) {
  const readme = readFileSync('README.md', 'utf8');
  const updated = readme.replace(/(<!-- coverage:start -->\n)[\s\S]*?(\n<!-- coverage:end -->)/, `$1${markdownTable()}$2`);
  writeFileSync('README.md', updated);
  console.log('README.md coverage table updated');
} else if (process.argv.includes('--markdown')) {
  console.log(markdownTable());
} else {
  const width = Math.max(...[...rows.keys()].map((k) => k.length));
  for (const [category, r] of sorted) {
    console.log(`${category.padEnd(width)}  ${String(r.done).padStart(3)} / ${String(r.total).padStart(3)}${r.done === r.total ? '  complete' : ''}`);
  }
  console.log(`${'all'.padEnd(width)}  ${String(done).padStart(3)} / ${String(total).padStart(3)}`);
  if (extras.length > 0) console.log(extraLine);
  if (process.argv.includes('--missing')) {
    for (const [category, r] of sorted) if (r.missing.length) console.log(`\n${category}: ${r.missing.join(', ')}`);
  }
}
