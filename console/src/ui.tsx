// Small pieces every view uses: loading data, showing JSON and errors, buttons
// that run an action and report how it went (in a polite live region).
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useCallback, useContext, useEffect, useRef, useState } from 'preact/hooks';
import { describe } from './api.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/** Runs `load` when `deps` change (and on reload); an older answer never replaces a newer one. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], everyMs?: number): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  const seq = useRef(0);
  useEffect(() => {
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === seq.current && setState({ data, error: undefined, loading: false }),
      (error) => mine === seq.current && setState((s) => ({ data: s.data, error, loading: false })),
    );
  }, [...deps, tick]);
  useEffect(() => {
    if (!everyMs) return;
    const t = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(t);
  }, [everyMs, ...deps]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, reload };
}

export const Say = createContext<(message: string, failed?: boolean) => void>(() => undefined);

/** A button that runs an async action, is disabled meanwhile, and says how it went. */
export function Action(props: { run: () => Promise<unknown>; done?: string; children: ComponentChildren; kind?: 'primary' | 'danger'; disabled?: boolean; label?: string }) {
  const say = useContext(Say);
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class={props.kind ?? ''}
      disabled={busy || props.disabled}
      aria-label={props.label}
      onClick={async () => {
        setBusy(true);
        try {
          await props.run();
          if (props.done) say(props.done);
        } catch (err) {
          say(describe(err), true);
        } finally {
          setBusy(false);
        }
      }}
    >
      {props.children}
    </button>
  );
}

export function ErrorNote({ error }: { error: unknown }) {
  if (error === undefined) return null;
  return (
    <p class="error" role="alert">
      {describe(error)}
    </p>
  );
}

export function Json({ value, label }: { value: unknown; label: string }) {
  return (
    <figure class="json">
      <figcaption>{label}</figcaption>
      <pre tabIndex={0} aria-label={label}>
        {JSON.stringify(value, null, 2)}
      </pre>
    </figure>
  );
}

/** A body as text: pretty JSON when it is JSON. */
export function Body({ text, label }: { text: string | null | undefined; label: string }) {
  if (text === null || text === undefined || text === '') return <p class="muted">{label}: none</p>;
  let shown = text;
  try {
    shown = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON (or cut short): as it came
  }
  return (
    <figure class="json">
      <figcaption>{label}</figcaption>
      <pre tabIndex={0} aria-label={label}>
        {shown}
      </pre>
    </figure>
  );
}

/** Buttons that choose one of a few panes. */
export function Choice<T extends string>(props: { label: string; value: T; options: readonly (readonly [NoInfer<T>, string])[]; onChange(v: NoInfer<T>): void }) {
  return (
    <div class="choice" role="group" aria-label={props.label}>
      {props.options.map(([v, text]) => (
        <button type="button" aria-pressed={v === props.value} onClick={() => props.onChange(v)}>
          {text}
        </button>
      ))}
    </div>
  );
}

export function Field(props: { label: string; children: ComponentChildren }) {
  return (
    <label class="field">
      <span>{props.label}</span>
      {props.children}
    </label>
  );
}

export const when = (iso: string | number | undefined | null) => (iso === undefined || iso === null ? '' : new Date(iso).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z'));

/** A table's column headings. */
export function Head({ cols }: { cols: readonly string[] }) {
  return (
    <thead>
      <tr>
        {cols.map((c) => (
          <th scope="col">{c}</th>
        ))}
      </tr>
    </thead>
  );
}
