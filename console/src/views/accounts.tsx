// Accounts and sub accounts with their plans and apps, and an account's users,
// groups and roles: lists from the API, each object's JSON as the API answers it.
import { useState } from 'preact/hooks';
import { api, control } from '../api.ts';
import { Action, Choice, ErrorNote, Field, Head, Json, useLoad } from '../ui.tsx';

export interface AccountSummary {
  id: string;
  account_name: string;
  account_number: number;
  plan: string;
  master_account_id: string | null;
  owner_email: string;
  demo: boolean;
  apps: { client_id: string; name: string; app_type: string }[];
}

export function AccountsView(props: { accounts: AccountSummary[]; accountId: string; choose(id: string): void; reload(): void }) {
  const [pane, setPane] = useState<'account' | 'users' | 'groups' | 'roles'>('users');
  return (
    <div class="split">
      <section aria-labelledby="accounts-title" class="list">
        <h2 id="accounts-title">Accounts</h2>
        <table>
          <Head cols={['Name', 'Plan', 'Apps']} />
          <tbody>
            {props.accounts.map((a) => (
              <tr class={a.id === props.accountId ? 'chosen' : ''}>
                <td>
                  <button type="button" class="link" aria-pressed={a.id === props.accountId} onClick={() => props.choose(a.id)}>
                    {a.account_name}
                  </button>
                  <div class="muted small">
                    {a.id}
                    {a.master_account_id ? ` · sub account of ${a.master_account_id}` : ''}
                    {a.demo ? ' · demo' : ''}
                  </div>
                </td>
                <td>{a.plan}</td>
                <td>{a.apps.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Action run={async () => props.reload()}>Refresh</Action>
      </section>
      {props.accountId && (
        <section aria-labelledby="account-detail" class="detail">
          <h2 id="account-detail">{props.accounts.find((a) => a.id === props.accountId)?.account_name ?? props.accountId}</h2>
          <Choice
            label="Show"
            value={pane}
            onChange={setPane}
            options={[
              ['users', 'Users'],
              ['groups', 'Groups'],
              ['roles', 'Roles'],
              ['account', 'Account and apps'],
            ]}
          />
          {pane === 'account' && <AccountPane accountId={props.accountId} />}
          {pane === 'users' && <Directory accountId={props.accountId} kind="users" />}
          {pane === 'groups' && <Directory accountId={props.accountId} kind="groups" />}
          {pane === 'roles' && <Directory accountId={props.accountId} kind="roles" />}
        </section>
      )}
    </div>
  );
}

function AccountPane({ accountId }: { accountId: string }) {
  const account = useLoad(() => control<{ demo: boolean; apps: { client_id: string; name: string; app_type: string; scopes: string[] }[] }>(`/accounts/${accountId}`), [accountId]);
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div>
      <ErrorNote error={account.error} />
      {account.data?.demo && (
        <p>
          {secret === null ? (
            <Action run={async () => setSecret((await control<{ client_secret: string }>('/demo')).client_secret)}>Reveal the demo app's client secret</Action>
          ) : (
            <span>
              Demo client secret: <code>{secret}</code>
            </span>
          )}
        </p>
      )}
      {account.data && <Json label="Account (control plane)" value={account.data} />}
    </div>
  );
}

interface Item {
  id: string;
  name?: string;
  first_name?: string;
  last_name?: string;
  display_name?: string;
  email?: string;
  type?: number;
  status?: string;
  total_members?: number;
  description?: string;
}

const LISTS = {
  users: { path: '/users?page_size=300', key: 'users', one: (id: string) => `/users/${encodeURIComponent(id)}`, title: 'user' },
  groups: { path: '/groups', key: 'groups', one: (id: string) => `/groups/${encodeURIComponent(id)}`, title: 'group' },
  roles: { path: '/roles', key: 'roles', one: (id: string) => `/roles/${encodeURIComponent(id)}`, title: 'role' },
} as const;

const nameOf = (i: Item) => i.display_name ?? i.name ?? ([i.first_name, i.last_name].filter(Boolean).join(' ') || i.email || i.id);

/** A searchable list of users, groups or roles; choosing one shows its JSON from the API. */
function Directory({ accountId, kind }: { accountId: string; kind: keyof typeof LISTS }) {
  const l = LISTS[kind];
  const list = useLoad(() => api<Record<string, Item[]>>(accountId, l.path), [accountId, kind]);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const one = useLoad(() => (chosen ? api<unknown>(accountId, l.one(chosen)) : Promise.resolve(undefined)), [accountId, kind, chosen]);
  const needle = search.trim().toLowerCase();
  const items = (list.data?.[l.key] ?? []).filter((i) => !needle || [nameOf(i), i.email, i.id].some((s) => s?.toLowerCase().includes(needle)));
  return (
    <div class="split inner">
      <div class="list">
        <Field label={`Find a ${l.title}`}>
          <input type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} placeholder="name, email or id" />
        </Field>
        <ErrorNote error={list.error} />
        <p class="muted small" aria-live="polite">
          {list.loading ? 'Loading…' : `${items.length} of ${list.data?.[l.key]?.length ?? 0}`}
        </p>
        <ul class="items" aria-label={kind}>
          {items.map((i) => (
            <li>
              <button type="button" class="link" aria-pressed={chosen === i.id} onClick={() => setChosen(i.id)}>
                {nameOf(i)}
              </button>
              <span class="muted small">
                {' '}
                {i.email ?? ''} {i.status ?? ''} {i.total_members !== undefined ? `${i.total_members} members` : ''}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <div class="detail">
        <ErrorNote error={one.error} />
        {chosen && one.data !== undefined && <Json label={`GET /v2${l.one(chosen)}`} value={one.data} />}
      </div>
    </div>
  );
}
