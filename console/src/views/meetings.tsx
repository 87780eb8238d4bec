// Meetings of a host: upcoming, live and past, and one meeting driven live
// through the control plane (start, participants, sharing, recording, poll
// answers, end). The kinds of session come from sessions.ts.
import { useEffect, useState } from 'preact/hooks';
import { api, control, describe, uuidPath } from '../api.ts';
import { Action, Choice, ErrorNote, Field, Head, Json, useLoad, when } from '../ui.tsx';
import { SESSION_KINDS, type SessionKind } from './sessions.ts';
import { LivePanel } from './live.tsx';

interface Listed {
  id: number;
  uuid: string;
  topic: string;
  type: number;
  start_time?: string;
  duration?: number;
  status?: string;
}

interface UserItem {
  id: string;
  email: string;
  first_name?: string;
  last_name?: string;
  display_name?: string;
  type: number;
}

type Tab = 'upcoming' | 'live' | 'past';

export function MeetingsView({ accountId }: { accountId: string }) {
  const [kindName, setKindName] = useState(SESSION_KINDS[0]!.kind);
  const kind = SESSION_KINDS.find((k) => k.kind === kindName)!;
  const users = useLoad(() => api<{ users: UserItem[] }>(accountId, '/users?page_size=300'), [accountId]);
  const [hostId, setHostId] = useState('');
  const [tab, setTab] = useState<Tab>('upcoming');
  const [chosen, setChosen] = useState<{ id: string; uuid?: string } | null>(null);
  useEffect(() => {
    const list = users.data?.users ?? [];
    if (!list.some((u) => u.id === hostId)) setHostId(list.find((u) => u.type !== 4 && u.type !== 99)?.id ?? '');
  }, [users.data]);
  useEffect(() => setChosen(null), [accountId, hostId, kindName]);

  return (
    <div class="split">
      <section class="list" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{kind.plural}</h2>
        {SESSION_KINDS.length > 1 && <Choice label="Kind" value={kindName} onChange={setKindName} options={SESSION_KINDS.map((k) => [k.kind, k.plural] as const)} />}
        <ErrorNote error={users.error} />
        <Field label="Host">
          <select value={hostId} onChange={(e) => setHostId(e.currentTarget.value)}>
            {(users.data?.users ?? []).map((u) => (
              <option value={u.id}>
                {u.display_name ?? `${u.first_name ?? ''} ${u.last_name ?? ''}`.trim()} ({u.email})
              </option>
            ))}
          </select>
        </Field>
        {hostId && <Schedule kind={kind} accountId={accountId} hostId={hostId} onCreated={(id) => (setTab('upcoming'), setChosen({ id }))} />}
        <Choice
          label="When"
          value={tab}
          onChange={(t) => (setTab(t), setChosen(null))}
          options={[
            ['upcoming', 'Upcoming'],
            ['live', 'Live'],
            ['past', 'Past'],
          ]}
        />
        {hostId && (tab === 'past' ? <PastList kind={kind} accountId={accountId} hostId={hostId} chosen={chosen} choose={setChosen} /> : <SessionList kind={kind} accountId={accountId} hostId={hostId} type={tab} chosen={chosen} choose={setChosen} />)}
      </section>
      <section class="detail" aria-label={`${kind.label} details`}>
        {chosen && (chosen.uuid ? <PastPanel kind={kind} accountId={accountId} uuid={chosen.uuid} /> : <SessionPanel kind={kind} accountId={accountId} id={chosen.id} />)}
      </section>
    </div>
  );
}

function Schedule(props: { kind: SessionKind; accountId: string; hostId: string; onCreated(id: string): void }) {
  const [topic, setTopic] = useState('');
  return (
    <form class="inline" onSubmit={(e) => e.preventDefault()}>
      <Field label={`New ${props.kind.label.toLowerCase()} topic`}>
        <input value={topic} onInput={(e) => setTopic(e.currentTarget.value)} maxLength={200} />
      </Field>
      <Action
        run={async () => {
          // An hour from the server's time, for an hour.
          const now = Date.parse((await control<{ now: string }>('/clock')).now);
          const created = await api<{ id: number }>(props.accountId, props.kind.create(props.hostId), { body: { topic: topic || 'Console meeting', type: 2, start_time: new Date(now + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z'), duration: 60 } });
          setTopic('');
          props.onCreated(String(created.id));
        }}
        done="Scheduled."
      >
        Schedule
      </Action>
    </form>
  );
}

function SessionList(props: { kind: SessionKind; accountId: string; hostId: string; type: 'upcoming' | 'live'; chosen: { id: string } | null; choose(c: { id: string }): void }) {
  const list = useLoad(() => api<Record<string, Listed[]>>(props.accountId, props.kind.list(props.hostId, props.type)), [props.accountId, props.hostId, props.type, props.chosen?.id], 3000);
  const items = list.data?.[props.kind.listKey] ?? [];
  return (
    <div>
      <ErrorNote error={list.error} />
      {items.length === 0 && !list.loading && <p class="muted">None.</p>}
      <ul class="items" aria-label={`${props.type} ${props.kind.plural.toLowerCase()}`}>
        {items.map((m) => (
          <li>
            <button type="button" class="link" aria-pressed={props.chosen?.id === String(m.id)} onClick={() => props.choose({ id: String(m.id) })}>
              {m.topic}
            </button>
            <span class="muted small">
              {' '}
              {m.id} · {when(m.start_time)}
              {m.status ? ` · ${m.status}` : ''}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Ended instances of the host's sessions, newest first. */
function PastList(props: { kind: SessionKind; accountId: string; hostId: string; chosen: { uuid?: string } | null; choose(c: { id: string; uuid: string }): void }) {
  const past = useLoad(async () => {
    const all = await api<Record<string, Listed[]>>(props.accountId, props.kind.list(props.hostId, 'scheduled'));
    const rows = await Promise.all(
      (all[props.kind.listKey] ?? []).map(async (m) => {
        const inst = await api<{ meetings?: { uuid: string; start_time: string }[] }>(props.accountId, props.kind.instances(String(m.id))).catch(() => ({ meetings: [] }));
        return (inst.meetings ?? []).map((i) => ({ id: String(m.id), topic: m.topic, uuid: i.uuid, start_time: i.start_time }));
      }),
    );
    return rows.flat().sort((a, b) => b.start_time.localeCompare(a.start_time));
  }, [props.accountId, props.hostId]);
  return (
    <div>
      <ErrorNote error={past.error} />
      {past.data?.length === 0 && <p class="muted">None.</p>}
      <ul class="items" aria-label={`past ${props.kind.plural.toLowerCase()}`}>
        {(past.data ?? []).map((p) => (
          <li>
            <button type="button" class="link" aria-pressed={props.chosen?.uuid === p.uuid} onClick={() => props.choose({ id: p.id, uuid: p.uuid })}>
              {p.topic}
            </button>
            <span class="muted small">
              {' '}
              {p.id} · started {when(p.start_time)}
            </span>
          </li>
        ))}
      </ul>
      <Action run={async () => past.reload()}>Refresh</Action>
    </div>
  );
}

interface Occurrence {
  occurrence_id: string;
  start_time: string;
  duration?: number;
  status?: string;
}

function SessionPanel(props: { kind: SessionKind; accountId: string; id: string }) {
  const one = useLoad(() => api<{ topic: string; occurrences?: Occurrence[] }>(props.accountId, props.kind.one(props.id)), [props.accountId, props.id]);
  const occurrences = one.data?.occurrences ?? [];
  return (
    <div>
      <h2>{one.data?.topic ?? `${props.kind.label} ${props.id}`}</h2>
      <ErrorNote error={one.error} />
      <LivePanel kind={props.kind} accountId={props.accountId} id={props.id} />
      {occurrences.length > 0 && (
        <table>
          <caption>Occurrences</caption>
          <Head cols={['Occurrence', 'Starts', 'Minutes', 'Status']} />
          <tbody>
            {occurrences.map((o) => (
              <tr>
                <td class="mono">{o.occurrence_id}</td>
                <td>{when(o.start_time)}</td>
                <td>{o.duration ?? ''}</td>
                <td>{o.status ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Registrants kind={props.kind} accountId={props.accountId} id={props.id} />
      {one.data && (
        <details>
          <summary>JSON (GET /v2{props.kind.one(props.id)})</summary>
          <Json label={`GET /v2${props.kind.one(props.id)}`} value={one.data} />
        </details>
      )}
    </div>
  );
}

interface Registrant {
  id: string;
  email: string;
  first_name?: string;
  last_name?: string;
  status?: string;
  create_time?: string;
}

/** Registrants of every status; a session without registration says so (the API's own answer). */
function Registrants(props: { kind: SessionKind; accountId: string; id: string }) {
  const list = useLoad(async () => {
    const statuses = ['approved', 'pending', 'denied'];
    const pages = await Promise.all(statuses.map((st) => api<{ registrants: Registrant[] }>(props.accountId, props.kind.registrants(props.id, st))));
    return pages.flatMap((p, i) => p.registrants.map((r) => ({ ...r, status: r.status ?? statuses[i] })));
  }, [props.accountId, props.id]);
  if (list.error) return <p class="muted small">Registrants: {describe(list.error)}</p>;
  if (!list.data?.length) return <p class="muted small">No registrants.</p>;
  return (
    <table>
      <caption>Registrants</caption>
      <Head cols={['Name', 'Email', 'Status', 'Registered']} />
      <tbody>
        {list.data.map((r) => (
          <tr>
            <td>{[r.first_name, r.last_name].filter(Boolean).join(' ')}</td>
            <td>{r.email}</td>
            <td>{r.status}</td>
            <td>{when(r.create_time)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PastPanel(props: { kind: SessionKind; accountId: string; uuid: string }) {
  const path = props.kind.past(uuidPath(props.uuid));
  const details = useLoad(() => api<{ topic: string; participants_count?: number }>(props.accountId, path), [props.accountId, props.uuid]);
  const people = useLoad(() => api<{ participants: { id?: string; name: string; user_email?: string; status?: string; join_time?: string; leave_time?: string }[] }>(props.accountId, props.kind.pastParticipants(uuidPath(props.uuid))), [props.accountId, props.uuid]);
  return (
    <div>
      <h2>Past {props.kind.label.toLowerCase()}: {details.data?.topic ?? props.uuid}</h2>
      <ErrorNote error={details.error} />
      {details.data && <Json label={`GET /v2${path}`} value={details.data} />}
      <h3>Participants</h3>
      <ErrorNote error={people.error} />
      <table>
        <Head cols={['Name', 'Email', 'Status', 'Joined', 'Left']} />
        <tbody>
          {(people.data?.participants ?? []).map((p) => (
            <tr>
              <td>{p.name}</td>
              <td>{p.user_email ?? ''}</td>
              <td>{p.status?.replace(/_/g, ' ') ?? ''}</td>
              <td>{when(p.join_time)}</td>
              <td>{when(p.leave_time)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
