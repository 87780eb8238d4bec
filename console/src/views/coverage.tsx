// The coverage table: per category of Zoom's reference, what this server
// implements (the rest answers 501).
import { control } from '../api.ts';
import { ErrorNote, Head, useLoad } from '../ui.tsx';

interface Row {
  category: string;
  operations: number;
  implemented: number;
  items: { operation_id: string; method: string; path: string; title: string; implemented: boolean }[];
}

export function CoverageView() {
  const cov = useLoad(() => control<{ operations: number; implemented: number; categories: Row[]; extra_categories: Row[] }>('/coverage'), []);
  const d = cov.data;
  return (
    <section aria-labelledby="coverage-title">
      <h2 id="coverage-title">Coverage</h2>
      <ErrorNote error={cov.error} />
      {d && (
        <p>
          {d.implemented} of {d.operations} operations of Zoom's reference are implemented; the others answer 501.
        </p>
      )}
      {d && <Table rows={d.categories} caption="Zoom's reference, by category" />}
      {d && d.extra_categories.length > 0 && <Table rows={d.extra_categories} caption="Operations beyond the reference" />}
    </section>
  );
}

function Table({ rows, caption }: { rows: Row[]; caption: string }) {
  return (
    <table class="coverage">
      <caption>{caption}</caption>
      <Head cols={['Category', 'Implemented', 'Operations']} />
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">
              <details>
                <summary>{r.category}</summary>
                <ul class="ops">
                  {r.items.map((o) => (
                    <li class={o.implemented ? '' : 'muted'}>
                      <span aria-hidden="true">{o.implemented ? '✓' : '·'}</span> <span class="visually-hidden">{o.implemented ? 'implemented' : 'missing'}</span>
                      <code>
                        {o.method} {o.path}
                      </code>{' '}
                      {o.operation_id}
                    </li>
                  ))}
                </ul>
              </details>
            </th>
            <td>
              <meter min={0} max={r.operations} value={r.implemented} aria-label={`${r.category}: ${r.implemented} of ${r.operations}`} /> {r.implemented}
            </td>
            <td>{r.operations}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
