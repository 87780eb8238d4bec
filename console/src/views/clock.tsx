// The server's clock: what time it is there, moved forward, set, frozen.
import { useState } from 'preact/hooks';
import { control } from '../api.ts';
import { Action, ErrorNote, Field, useLoad } from '../ui.tsx';

interface ClockState {
  now: string;
  now_ms: number;
  frozen: boolean;
}

export function ClockView() {
  const clock = useLoad(() => control<ClockState>('/clock'), [], 1000);
  const [seconds, setSeconds] = useState('3600');
  const [at, setAt] = useState('');
  const move = async (body: Record<string, unknown>) => {
    await control('/clock', { body });
    clock.reload();
  };
  return (
    <section class="card narrow" aria-labelledby="clock-title">
      <h2 id="clock-title">Server clock</h2>
      <ErrorNote error={clock.error} />
      <p class="big" aria-live="off">
        <time dateTime={clock.data?.now}>{clock.data?.now ?? '…'}</time> {clock.data?.frozen && <span class="badge">frozen</span>}
      </p>
      <div class="buttons">
        {([
          ['+1 minute', 60],
          ['+1 hour', 3600],
          ['+1 day', 86400],
        ] as const).map(([label, s]) => (
          <Action run={() => move({ advance_seconds: s })} done={`Advanced ${label.slice(1)}.`}>
            {label}
          </Action>
        ))}
        {clock.data?.frozen ? (
          <Action run={() => move({ freeze: false })} done="Running.">
            Resume
          </Action>
        ) : (
          <Action run={() => move({ freeze: true })} done="Frozen.">
            Freeze
          </Action>
        )}
        <Action run={() => move({ reset: true })} done="Back to real time.">
          Reset to real time
        </Action>
      </div>
      <form class="inline" onSubmit={(e) => e.preventDefault()} aria-label="Advance the clock">
        <Field label="Advance by (seconds)">
          <input type="number" min="0" value={seconds} onInput={(e) => setSeconds(e.currentTarget.value)} />
        </Field>
        <Action run={() => move({ advance_seconds: Number(seconds) })} done="Advanced.">
          Advance
        </Action>
      </form>
      <form class="inline" onSubmit={(e) => e.preventDefault()} aria-label="Set the clock">
        <Field label="Set to (ISO 8601, e.g. 2030-01-01T09:00:00Z)">
          <input value={at} onInput={(e) => setAt(e.currentTarget.value)} placeholder={clock.data?.now} />
        </Field>
        <Action run={() => move({ set: at })} done="Set.">
          Set
        </Action>
      </form>
    </section>
  );
}
