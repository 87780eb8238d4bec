// The request log, live: the server's history followed as server-sent events
// (GET /_openzoom/requests/stream), filtered by status, operation and account,
// each request opened with its bodies (secrets masked) and its Zoom error.
import { useEffect, useState } from 'preact/hooks';
import { describe, follow } from '../api.ts';
import { Body, Field, Head, when } from '../ui.tsx';
import type { AccountSummary } from './accounts.tsx';
// The server's own type for what the log sends (a type only: nothing of the server is bundled).
import type { RequestView } from '../../../src/core/request-history.ts';


/** Kept in the page at most. */
const KEEP = 500;

export function RequestsView({ accounts }: { accounts: AccountSummary[] }) {
  const [status, setStatus] = useState('');
  const [operation, setOperation] = useState('');
  const [accountId, setAccountId] = useState('');
  const [controlPlane, setControlPlane] = useState(false);
  const [rows, setRows] = useState<RequestView[]>([]);
  const [open, setOpen] = useState<RequestView | null>(null);
  const [state, setState] = useState('connecting');

  useEffect(() => {
    const q = new URLSearchParams();
    if (status) q.set('status', status);
    if (operation.trim()) q.set('operation', operation.trim());
    if (accountId) q.set('account_id', accountId);
    setRows([]);
    const stop = new AbortController();
    const run = async () => {
      // Reconnects after a drop (a restarting server), picking up where it was.
      let after: number | undefined;
      while (!stop.signal.aborted) {
        const query = new URLSearchParams(q);
        if (after !== undefined) query.set('after', String(after));
        try {
          setState('live');
          await follow(`/requests/stream?${query}`, (event, data) => {
            if (event !== 'request') return;
            const r = JSON.parse(data) as RequestView;
            after = r.id;
            setRows((old) => [r, ...old].slice(0, KEEP));
          }, stop.signal);
        } catch (err) {
          if (stop.signal.aborted) return;
          setState(`disconnected: ${describe(err)}`);
        }
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    void run();
    return () => stop.abort();
  }, [status, operation, accountId]);

  const shown = rows.filter((r) => controlPlane || !r.path.startsWith('/_openzoom/'));
  return (
    <div class="split wide-list">
      <section class="list" aria-labelledby="requests-title">
        <h2 id="requests-title">
          Requests <span class={`badge ${state === 'live' ? 'on' : ''}`}>{state}</span>
        </h2>
        <form class="inline" aria-label="Filter requests" onSubmit={(e) => e.preventDefault()}>
          <Field label="Status">
            <select value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
              <option value="">any</option>
              <option value="2xx">2xx</option>
              <option value="3xx">3xx</option>
              <option value="4xx">4xx</option>
              <option value="5xx">5xx</option>
            </select>
          </Field>
          <Field label="Operation">
            <input value={operation} onChange={(e) => setOperation(e.currentTarget.value)} placeholder="e.g. userCreate" />
          </Field>
          <Field label="Account">
            <select value={accountId} onChange={(e) => setAccountId(e.currentTarget.value)}>
              <option value="">any</option>
              {accounts.map((a) => (
                <option value={a.id}>{a.account_name}</option>
              ))}
            </select>
          </Field>
          <label class="check">
            <input type="checkbox" checked={controlPlane} onChange={(e) => setControlPlane(e.currentTarget.checked)} /> Show control-plane requests
          </label>
        </form>
        <table class="requests">
          <Head cols={['Time', 'Request', 'Status', 'Operation', 'ms']} />
          <tbody>
            {shown.map((r) => (
              <tr class={r.status >= 400 ? 'failed' : ''}>
                <td class="small">{when(r.time).slice(11)}</td>
                <td>
                  <button type="button" class="link mono" aria-pressed={open?.id === r.id} onClick={() => setOpen(r)}>
                    {r.method} {r.path}
                  </button>
                </td>
                <td>
                  {r.status}
                  {r.code !== undefined ? ` · ${r.code}` : ''}
                </td>
                <td class="small">{r.operation ?? ''}</td>
                <td class="small">{r.duration_ms}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="detail" aria-label="Request details">
        {open && <RequestDetail r={open} />}
      </section>
    </div>
  );
}

function zoomError(r: RequestView): { code?: unknown; message?: unknown } | null {
  if (r.status < 400 || !r.response_body) return null;
  try {
    const body = JSON.parse(r.response_body) as { code?: unknown; message?: unknown; error?: unknown; reason?: unknown };
    return { code: body.code ?? body.error, message: body.message ?? body.reason };
  } catch {
    return null;
  }
}

function RequestDetail({ r }: { r: RequestView }) {
  const error = zoomError(r);
  return (
    <div>
      <h2 class="mono">
        {r.method} {r.path}
      </h2>
      <dl class="facts">
        <dt>Status</dt>
        <dd>{r.status}</dd>
        <dt>Time</dt>
        <dd>{when(r.time)}</dd>
        <dt>Duration</dt>
        <dd>{r.duration_ms} ms</dd>
        <dt>Operation</dt>
        <dd>{r.operation ?? '—'}</dd>
        <dt>Account</dt>
        <dd>{r.account_id ?? '—'}</dd>
        <dt>Tracking id</dt>
        <dd class="mono">{r.tracking_id ?? '—'}</dd>
      </dl>
      {error && (
        <p class="zoom-error" role="note">
          Zoom error <strong>{String(error.code)}</strong>: {String(error.message)}
        </p>
      )}
      <Body label="Request body" text={r.request_body} />
      <Body label="Response body" text={r.response_body} />
    </div>
  );
}
