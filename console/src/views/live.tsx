// One session driven live through the control plane: what only a Zoom client
// can do (src/live/control.ts). The state is read again after every action and
// every two seconds (the clock or another client may end it).
import { useState } from 'preact/hooks';
import { api, control } from '../api.ts';
import { Action, ErrorNote, Field, Head, useLoad, when } from '../ui.tsx';
import type { SessionKind } from './sessions.ts';

interface Participant {
  participant_id: string;
  name: string;
  email: string;
  role: string;
  status: string;
  join_time: string;
  sharing?: string;
  share_content?: string;
}

interface LiveState {
  status: 'waiting' | 'started' | 'ended';
  uuid?: string;
  start_time?: string;
  ends_at?: string;
  recording?: string;
  participants: Participant[];
}

interface Poll {
  id: string;
  title: string;
  status?: string;
  questions: { name: string; type: string; answers?: string[] }[];
}

export function LivePanel(props: { kind: SessionKind; accountId: string; id: string }) {
  const base = `/${props.kind.control}/${props.id}`;
  const live = useLoad(() => control<LiveState>(`${base}/live`), [base], 2000);
  const act = async (path: string, body: unknown = {}) => {
    await control(`${base}${path}`, { body });
    live.reload();
  };
  const state = live.data;
  const on = state?.status === 'started';
  return (
    <section aria-labelledby="live-title" class="card">
      <h3 id="live-title">
        Live: <span class={`badge ${on ? 'on' : ''}`}>{state ? (on ? 'in progress' : 'not started') : '…'}</span>
      </h3>
      <ErrorNote error={live.error} />
      {on && (
        <p class="muted small">
          {state.uuid} · started {when(state.start_time)}
          {state.ends_at ? ` · plan limit ends it at ${when(state.ends_at)}` : ''} · recording {state.recording}
        </p>
      )}
      <div class="buttons">
        <Action kind="primary" disabled={on} run={() => act('/start')} done={`${props.kind.label} started.`}>
          Start
        </Action>
        <Action kind="danger" disabled={!on} run={() => act('/end')} done={`${props.kind.label} ended.`}>
          End
        </Action>
        {(['start', 'pause', 'resume', 'stop'] as const).map((a) => (
          <Action disabled={!on} run={() => act(`/recording/${a}`)} done={`Recording: ${a}.`} label={`Recording: ${a}`}>
            {`Record: ${a}`}
          </Action>
        ))}
      </div>
      {on && <AddParticipant add={(name, email) => act('/participants', { name, email })} />}
      {on && (
        <table>
          <caption>Participants</caption>
          <Head cols={['Name', 'Role', 'Status', 'Actions']} />
          <tbody>
            {state.participants.map((p) => {
              const pp = `/participants/${encodeURIComponent(p.participant_id)}`;
              return (
                <tr>
                  <td>
                    <span>{p.name}</span>
                    <div class="muted small">{p.email}</div>
                  </td>
                  <td>{p.role}</td>
                  <td>{p.status.replace(/_/g, ' ')}</td>
                  <td class="buttons">
                    <Action run={() => act(`${pp}/share/start`, { content: 'desktop' })} label={`Share screen: ${p.name}`} done={`${p.name} shares.`}>
                      Share
                    </Action>
                    <Action run={() => act(`${pp}/share/stop`)} label={`Stop sharing: ${p.name}`}>
                      Stop share
                    </Action>
                    {p.status === 'in_waiting_room' ? (
                      <Action run={() => act(`${pp}/admit`)} label={`Admit ${p.name}`}>
                        Admit
                      </Action>
                    ) : (
                      p.role !== 'host' && (
                        <Action run={() => act(`${pp}/waiting_room`)} label={`Move ${p.name} to the waiting room`}>
                          Waiting room
                        </Action>
                      )
                    )}
                    <Action run={() => act(`${pp}/leave`)} label={`${p.name} leaves`}>
                      Leave
                    </Action>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {on && <Polls kind={props.kind} accountId={props.accountId} id={props.id} participants={state.participants} answer={(pollId, body) => act(`/polls/${encodeURIComponent(pollId)}/answers`, body)} />}
    </section>
  );
}

function AddParticipant({ add }: { add(name: string, email: string): Promise<void> }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  return (
    <form class="inline" aria-label="Add a participant" onSubmit={(e) => e.preventDefault()}>
      <Field label="Participant name">
        <input value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={128} />
      </Field>
      <Field label="Participant email">
        <input type="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} maxLength={128} />
      </Field>
      <Action
        run={async () => {
          await add(name, email);
          setName('');
          setEmail('');
        }}
        done="Joined."
      >
        Add participant
      </Action>
    </form>
  );
}

function Polls(props: { kind: SessionKind; accountId: string; id: string; participants: Participant[]; answer(pollId: string, body: unknown): Promise<void> }) {
  const polls = useLoad(() => api<{ polls: Poll[] }>(props.accountId, props.kind.polls(props.id)), [props.accountId, props.id]);
  if (!polls.data?.polls.length) return <ErrorNote error={polls.error} />;
  return (
    <div>
      <h4>Polls</h4>
      {polls.data.polls.map((p) => (
        <PollForm poll={p} participants={props.participants} answer={(body) => props.answer(p.id, body)} />
      ))}
    </div>
  );
}

function PollForm(props: { poll: Poll; participants: Participant[]; answer(body: unknown): Promise<void> }) {
  const [who, setWho] = useState('');
  const [answers, setAnswers] = useState<Record<string, string | string[]>>({});
  const participant = who || props.participants[0]?.participant_id || '';
  const set = (question: string, answer: string | string[]) => setAnswers({ ...answers, [question]: answer });
  return (
    <form class="card" aria-label={`Poll: ${props.poll.title}`} onSubmit={(e) => e.preventDefault()}>
      <h5>{props.poll.title}</h5>
      <Field label="Answering participant">
        <select value={participant} onChange={(e) => setWho(e.currentTarget.value)}>
          {props.participants.map((p) => (
            <option value={p.participant_id}>{p.name}</option>
          ))}
        </select>
      </Field>
      {props.poll.questions.map((q) => {
        const given = answers[q.name];
        // A multiple-choice question takes a list; single choice one of its answers; the rest, text.
        if (q.type === 'multiple' && q.answers?.length) {
          const chosen = Array.isArray(given) ? given : [];
          return (
            <fieldset>
              <legend>{q.name}</legend>
              {q.answers.map((a) => (
                <label class="check">
                  <input type="checkbox" checked={chosen.includes(a)} onChange={(e) => set(q.name, e.currentTarget.checked ? [...chosen, a] : chosen.filter((c) => c !== a))} /> {a}
                </label>
              ))}
            </fieldset>
          );
        }
        return (
          <Field label={q.name}>
            {q.answers?.length ? (
              <select value={typeof given === 'string' ? given : ''} onChange={(e) => set(q.name, e.currentTarget.value)}>
                <option value="">(no answer)</option>
                {q.answers.map((a) => (
                  <option value={a}>{a}</option>
                ))}
              </select>
            ) : (
              <input value={typeof given === 'string' ? given : ''} onInput={(e) => set(q.name, e.currentTarget.value)} />
            )}
          </Field>
        );
      })}
      <Action
        run={() => props.answer({ participant_id: participant, answers: Object.entries(answers).filter(([, a]) => a.length > 0).map(([question, answer]) => ({ question, answer })) })}
        done="Answered."
      >
        Answer the poll
      </Action>
    </form>
  );
}
