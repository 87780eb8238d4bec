// What `npm run bench` prints and writes: the table of targets, each goal with
// whether it is met, and for `--profile` the functions that took the most time.
import { readFileSync, writeFileSync } from 'node:fs';

export interface Row {
  target: string;
  url: string;
  reqPerSec: number;
  p99Ms: number;
  /** Median latency, where a target is measured at a fixed request rate. */
  p50Ms?: number;
  non2xx: number;
  errors: number;
  bytes: number;
  /** Against the baseline it is compared with (1 KB for single reads, the same bytes for lists). */
  ratio?: number;
  baseline?: string;
}

export interface Goal {
  goal: string;
  actual: string;
  met: boolean | null;
}

export function printTable(rows: Row[]): void {
  const table = [['target', 'req/s', 'p99 ms', 'bytes', 'non-2xx', 'vs baseline']];
  for (const r of rows) {
    table.push([r.target, r.reqPerSec.toFixed(0), r.p99Ms.toFixed(1), String(r.bytes), String(r.non2xx + r.errors), r.ratio === undefined ? '' : r.ratio.toFixed(2)]);
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '));
}

export function printGoals(goals: Goal[]): void {
  console.log('');
  for (const g of goals) console.log(`${g.met === null ? 'info' : g.met ? 'met ' : 'MISS'}  ${g.goal}: ${g.actual}`);
}

/** The functions with the most self time in a V8 CPU profile, as lines of text (also written beside it). */
export function summariseProfile(file: string, top = 25): string {
  const p = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const where = f.url ? `${f.url.replace(/^.*\/(node_modules\/|src\/)/, '$1')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    const dt = p.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  const lines = [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, t]) => `${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`);
  const text = lines.join('\n') + '\n';
  writeFileSync(file.replace(/\.cpuprofile$/, '.txt'), text);
  return text;
}
