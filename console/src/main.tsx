// The console's shell: the sections (chosen by the URL's hash, so the back
// button and links work), the account every section looks at, the admin key
// prompt, and one polite live region for what actions did.
import { render } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { control, onKeyNeeded, setAdminKey } from './api.ts';
import { ErrorNote, Field, Say, useLoad } from './ui.tsx';
import { AccountsView, type AccountSummary } from './views/accounts.tsx';
import { MeetingsView } from './views/meetings.tsx';
import { RequestsView } from './views/requests.tsx';
import { WebhooksView } from './views/webhooks.tsx';
import { ClockView } from './views/clock.tsx';
import { CoverageView } from './views/coverage.tsx';
import './styles.css';

const SECTIONS = [
  ['accounts', 'Accounts'],
  ['meetings', 'Meetings'],
  ['requests', 'Requests'],
  ['webhooks', 'Webhooks'],
  ['clock', 'Clock'],
  ['coverage', 'Coverage'],
] as const;
type Section = (typeof SECTIONS)[number][0];

const sectionOf = (hash: string): Section => {
  const name = hash.replace(/^#\/?/, '').split('/')[0];
  return SECTIONS.some(([s]) => s === name) ? (name as Section) : 'accounts';
};

function KeyPrompt({ onDone }: { onDone(): void }) {
  const [key, setKey] = useState('');
  return (
    <form
      class="card key"
      onSubmit={(e) => {
        e.preventDefault();
        setAdminKey(key);
        onDone();
      }}
    >
      <h2>Admin key</h2>
      <p>This server is not bound to loopback: the control plane needs its admin key (OPENZOOM_ADMIN_KEY). It is kept for this tab only.</p>
      <Field label="Admin key">
        <input type="password" value={key} onInput={(e) => setKey(e.currentTarget.value)} autoComplete="off" required />
      </Field>
      <button class="primary" type="submit">
        Use it
      </button>
    </form>
  );
}

function App() {
  const [section, setSection] = useState<Section>(sectionOf(location.hash));
  const [accountId, setAccountId] = useState<string>(sessionStorage.getItem('openzoom.account') ?? '');
  const [needKey, setNeedKey] = useState(false);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const accounts = useLoad(() => control<{ accounts: AccountSummary[] }>('/accounts'), [needKey]);

  useEffect(() => {
    const moved = () => {
      setSection(sectionOf(location.hash));
      setMessage(null);
    };
    addEventListener('hashchange', moved);
    return () => removeEventListener('hashchange', moved);
  }, []);
  useEffect(() => onKeyNeeded(() => setNeedKey(true)), []);
  // The demo account (or the first) until one is chosen.
  useEffect(() => {
    const list = accounts.data?.accounts;
    if (list && !list.some((a) => a.id === accountId)) setAccountId((list.find((a) => a.demo) ?? list[0])?.id ?? '');
  }, [accounts.data]);
  useEffect(() => sessionStorage.setItem('openzoom.account', accountId), [accountId]);
  useEffect(() => {
    document.title = `${SECTIONS.find(([s]) => s === section)![1]} · OpenZoom console`;
  }, [section]);

  const say = useCallback((text: string, failed = false) => setMessage({ text, failed }), []);
  const account = accounts.data?.accounts.find((a) => a.id === accountId);

  return (
    <Say.Provider value={say}>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header>
        <h1>OpenZoom</h1>
        <nav aria-label="Sections">
          <ul>
            {SECTIONS.map(([s, label]) => (
              <li>
                <a href={`#/${s}`} aria-current={s === section ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <Field label="Account">
          <select value={accountId} onChange={(e) => setAccountId(e.currentTarget.value)}>
            {(accounts.data?.accounts ?? []).map((a) => (
              <option value={a.id}>
                {a.account_name} ({a.id}){a.demo ? ' · demo' : ''}
              </option>
            ))}
          </select>
        </Field>
      </header>
      <p class={`status ${message?.failed ? 'failed' : ''}`} role="status" aria-live="polite">
        {message?.text ?? ''}
      </p>
      <main id="main" tabIndex={-1}>
        {needKey ? (
          <KeyPrompt onDone={() => setNeedKey(false)} />
        ) : (
          <>
            <ErrorNote error={accounts.error} />
            {section === 'accounts' && <AccountsView accounts={accounts.data?.accounts ?? []} accountId={accountId} choose={setAccountId} reload={accounts.reload} />}
            {section === 'meetings' && account && <MeetingsView accountId={accountId} />}
            {section === 'requests' && <RequestsView accounts={accounts.data?.accounts ?? []} />}
            {section === 'webhooks' && account && <WebhooksView account={account} />}
            {section === 'clock' && <ClockView />}
            {section === 'coverage' && <CoverageView />}
          </>
        )}
      </main>
    </Say.Provider>
  );
}

render(<App />, document.getElementById('app')!);
