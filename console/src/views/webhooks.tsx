// Webhooks of an account: its event subscriptions, each one's events with
// every delivery attempt (status, latency, the response's start), redelivery,
// and sample events from Zoom's catalogue.
import { useEffect, useState } from 'preact/hooks';
import { control } from '../api.ts';
import { Action, Body, ErrorNote, Field, Head, Json, useLoad, when } from '../ui.tsx';
import type { AccountSummary } from './accounts.tsx';

interface Subscription {
  id: string;
  client_id: string;
  type: string;
  name: string;
  endpoint_url: string | null;
  events: string[];
  status: string;
}

interface Delivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  last_status: number | null;
  next_attempt_at: string | null;
  updated_at: string;
}

interface Attempt {
  attempt: number;
  at: string;
  status_code: number;
  latency_ms: number;
  error: string;
  response: string;
}

export function WebhooksView({ account }: { account: AccountSummary }) {
  const subs = useLoad(() => control<{ subscriptions: Subscription[] }>(`/event_subscriptions?account_id=${encodeURIComponent(account.id)}`), [account.id]);
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    const list = subs.data?.subscriptions ?? [];
    if (!list.some((s) => s.id === chosen)) setChosen(list[0]?.id ?? null);
  }, [subs.data]);
  return (
    <div class="split">
      <section class="list" aria-labelledby="subs-title">
        <h2 id="subs-title">Event subscriptions</h2>
        <ErrorNote error={subs.error} />
        {subs.data?.subscriptions.length === 0 && <p class="muted">None for this account.</p>}
        <ul class="items" aria-label="subscriptions">
          {(subs.data?.subscriptions ?? []).map((s) => (
            <li>
              <button type="button" class="link" aria-pressed={chosen === s.id} onClick={() => setChosen(s.id)}>
                {s.name || s.endpoint_url || s.id}
              </button>
              <span class="muted small">
                {' '}
                {s.type} · {s.status} · {s.events.length} events
              </span>
            </li>
          ))}
        </ul>
        <NewSubscription account={account} created={(id) => (subs.reload(), setChosen(id))} />
      </section>
      <section class="detail" aria-label="Subscription events">
        {chosen && <SubscriptionPane id={chosen} sub={subs.data?.subscriptions.find((s) => s.id === chosen)} />}
      </section>
    </div>
  );
}

function NewSubscription({ account, created }: { account: AccountSummary; created(id: string): void }) {
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [events, setEvents] = useState('meeting.started, meeting.ended');
  const [clientId, setClientId] = useState('');
  const app = clientId || account.apps[0]?.client_id || '';
  return (
    <form class="card" aria-label="New webhook subscription" onSubmit={(e) => e.preventDefault()}>
      <h3>New webhook subscription</h3>
      <Field label="App">
        <select value={app} onChange={(e) => setClientId(e.currentTarget.value)}>
          {account.apps.map((a) => (
            <option value={a.client_id}>
              {a.name} ({a.client_id})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Endpoint URL">
        <input type="url" value={url} onInput={(e) => setUrl(e.currentTarget.value)} placeholder="http://127.0.0.1:4000/webhook" />
      </Field>
      <Field label="Secret token">
        <input value={secret} onInput={(e) => setSecret(e.currentTarget.value)} autoComplete="off" />
      </Field>
      <Field label="Events (comma separated)">
        <input value={events} onInput={(e) => setEvents(e.currentTarget.value)} />
      </Field>
      <Action
        run={async () => {
          const sub = await control<{ id: string }>('/event_subscriptions', {
            body: { account_id: account.id, client_id: app, endpoint_url: url, secret_token: secret, events: events.split(',').map((e) => e.trim()).filter(Boolean) },
          });
          created(sub.id);
        }}
        done="Subscribed (the endpoint was validated)."
      >
        Subscribe
      </Action>
    </form>
  );
}

function SubscriptionPane({ id, sub }: { id: string; sub: Subscription | undefined }) {
  const deliveries = useLoad(() => control<{ events: Delivery[] }>(`/event_subscriptions/${id}/events?limit=1000`), [id], 2000);
  const types = useLoad(() => control<{ events: string[] }>('/event_types'), []);
  const [event, setEvent] = useState('meeting.started');
  const [open, setOpen] = useState<string | null>(null);
  const rows = [...(deliveries.data?.events ?? [])].reverse();
  return (
    <div>
      <h2>{sub?.name || sub?.endpoint_url || id}</h2>
      {sub && (
        <details>
          <summary>Subscription JSON</summary>
          <Json label="Subscription" value={sub} />
        </details>
      )}
      <form class="inline" aria-label="Trigger a sample event" onSubmit={(e) => e.preventDefault()}>
        <Field label="Sample event">
          <select value={event} onChange={(e) => setEvent(e.currentTarget.value)}>
            {(types.data?.events ?? [event]).map((e) => (
              <option value={e}>{e}</option>
            ))}
          </select>
        </Field>
        <Action run={async () => (await control('/events/trigger', { body: { event, subscription_id: id } }), deliveries.reload())} done="Sample event queued.">
          Trigger sample
        </Action>
      </form>
      <ErrorNote error={deliveries.error} />
      <table>
        <caption>Events sent to this subscription, newest first</caption>
        <Head cols={['Event', 'Status', 'Attempts', 'Last answer', 'Updated']} />
        <tbody>
          {rows.map((d) => (
            <tr class={d.status === 'failed' ? 'failed' : ''}>
              <td>
                <button type="button" class="link" aria-pressed={open === d.id} onClick={() => setOpen(d.id)}>
                  {d.event}
                </button>
              </td>
              <td>{d.status}</td>
              <td>{d.attempts}</td>
              <td>{d.last_status ?? ''}</td>
              <td class="small">{when(d.updated_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {open && <DeliveryPane subscriptionId={id} deliveryId={open} changed={deliveries.reload} />}
    </div>
  );
}

function DeliveryPane(props: { subscriptionId: string; deliveryId: string; changed(): void }) {
  const path = `/event_subscriptions/${props.subscriptionId}/events/${props.deliveryId}`;
  const d = useLoad(() => control<Delivery & { body: unknown; attempts: Attempt[] }>(path), [path], 2000);
  return (
    <section class="card" aria-labelledby="delivery-title">
      <h3 id="delivery-title">
        {d.data?.event ?? 'Event'} · {d.data?.status ?? ''}
      </h3>
      <ErrorNote error={d.error} />
      <Action run={async () => (await control(`${path}/redeliver`, { body: {} }), d.reload(), props.changed())} done="Queued to be sent again.">
        Redeliver
      </Action>
      {d.data && (
        <table>
          <caption>Delivery attempts</caption>
          <Head cols={['#', 'At', 'Answer', 'Latency', 'Response']} />
          <tbody>
            {d.data.attempts.map((a) => (
              <tr class={a.status_code >= 200 && a.status_code < 300 ? '' : 'failed'}>
                <td>{a.attempt}</td>
                <td class="small">{when(a.at)}</td>
                <td>{a.status_code || a.error}</td>
                <td>{a.latency_ms} ms</td>
                <td class="mono small">{a.response.slice(0, 200)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.data && <Body label="Body as sent" text={JSON.stringify(d.data.body)} />}
    </section>
  );
}
