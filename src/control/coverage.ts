// GET /_openzoom/coverage: per category of Zoom's reference, its operations
// and which have their real behaviour here (the others answer 501) — the
// table `npm run coverage` prints, for the console. Operations of Zoom's files
// beyond the reference (contract/extra-operations.json) are counted apart.
import type { FastifyInstance } from 'fastify';
import type { Operation } from '../core/contract.ts';
import type { ControlDeps } from './routes.ts';
import { QUERIES, readQuery } from './schemas.ts';

interface CategoryRow {
  category: string;
  operations: number;
  implemented: number;
  items: { operation_id: string; method: string; path: string; title: string; implemented: boolean }[];
}

function table(ops: readonly Operation[], implemented: ReadonlySet<string>): CategoryRow[] {
  const rows = new Map<string, CategoryRow>();
  for (const op of ops) {
    let row = rows.get(op.category);
    if (!row) rows.set(op.category, (row = { category: op.category, operations: 0, implemented: 0, items: [] }));
    const done = implemented.has(op.operationId);
    row.operations++;
    if (done) row.implemented++;
    row.items.push({ operation_id: op.operationId, method: op.method, path: op.path, title: op.title, implemented: done });
  }
  return [...rows.values()].sort((a, b) => b.implemented / b.operations - a.implemented / a.operations || a.category.localeCompare(b.category));
}

export function registerCoverage(c: FastifyInstance, deps: Pick<ControlDeps, 'contract' | 'implemented'>): void {
  let answer: object | undefined;
  c.get('/coverage', async (req) => {
    readQuery(req, QUERIES.none);
    // The implemented set is fixed once the server is built.
    answer ??= {
      ...deps.contract.coverage(deps.implemented),
      categories: table(deps.contract.operations.filter((op) => !op.extra), deps.implemented),
      extra_categories: table(deps.contract.operations.filter((op) => op.extra), deps.implemented),
    };
    return answer;
  });
}
