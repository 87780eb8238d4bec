// The scenario file: an account's activity, as data. Published as
// schemas/scenario.schema.json (a test keeps the two equal); YAML files are
// read with the `yaml` package and validated by the same schema.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Schema = Record<string, unknown>;
const key = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' };
const text = (max: number): Schema => ({ type: 'string', maxLength: max });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', additionalProperties: false, properties, required });
const figure = (max: number): Schema => ({ type: 'number', minimum: 0, maximum: max });
const stream = (video: boolean): Schema =>
  obj({ bitrate: figure(1e7), latency: figure(1e6), jitter: figure(1e6), avg_loss: figure(100), max_loss: figure(100), ...(video ? { resolution: { type: 'string', pattern: '^\\d{1,5}\\*\\d{1,5}$' }, frame_rate: figure(1000) } : {}) });

/** When an event happens: an instant (`at`), or seconds after the event before it (`after`). */
const when = { at: { type: 'string', format: 'date-time' }, after: { type: 'number', minimum: 0, maximum: 31_536_000 } };
const ev = (action: string, properties: Record<string, Schema>, required: string[] = []): Schema =>
  obj({ action: { const: action }, ...when, ...properties }, ['action', ...required]);
const inMeeting = { meeting: key, as: key };

export const SCENARIO_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://openzoom.dev/schemas/scenario.schema.json',
  title: 'OpenZoom scenario',
  description: "An account's activity: users, groups, meetings, and what happens in them over time.",
  ...obj(
    {
      $schema: { type: 'string' },
      name: text(200),
      seed: { type: 'integer', minimum: 0, maximum: 4294967295 },
      start: { type: 'string', format: 'date-time', description: 'The server clock is set here (and frozen) before anything happens.' },
      account: obj({
        plan: { enum: ['free', 'pro', 'business', 'enterprise'] },
        account_name: text(128),
        account_id: text(64),
        client_id: text(128),
        client_secret: text(128),
      }),
      users: {
        type: 'array',
        maxItems: 10_000,
        items: obj({ key, email: { type: 'string', format: 'email', maxLength: 128 }, first_name: text(64), last_name: text(64), type: { enum: [1, 2] }, dept: text(64) }, ['key']),
      },
      groups: { type: 'array', maxItems: 1000, items: obj({ key, name: { type: 'string', minLength: 1, maxLength: 128 }, members: { type: 'array', items: key } }, ['key', 'name']) },
      meetings: {
        type: 'array',
        maxItems: 100_000,
        items: obj(
          {
            key,
            host: key,
            topic: text(200),
            type: { enum: [1, 2, 3, 8] },
            start_time: { type: 'string', format: 'date-time' },
            duration: { type: 'integer', minimum: 1, maximum: 1440 },
            recurrence: { type: 'object' },
            settings: { type: 'object' },
            polls: {
              type: 'array',
              maxItems: 20,
              items: obj({ title: { type: 'string', minLength: 1, maxLength: 64 }, questions: { type: 'array', minItems: 1, items: { type: 'object' } } }, ['title', 'questions']),
            },
          },
          ['key'],
        ),
      },
      events: {
        type: 'array',
        maxItems: 2_000_000,
        items: {
          oneOf: [
            ev('start', { meeting: key }, ['meeting']),
            ev('end', { meeting: key }, ['meeting']),
            ev(
              'join',
              {
                ...inMeeting,
                user: key,
                name: text(128),
                email: { type: 'string', format: 'email', maxLength: 128 },
                device: text(64),
                version: text(64),
                network_type: text(64),
                location: text(128),
                ip_address: text(64),
                data_center: text(64),
              },
              ['meeting', 'as'],
            ),
            ev('leave', inMeeting, ['meeting', 'as']),
            ev('share_start', { ...inMeeting, content: { enum: ['application', 'whiteboard', 'desktop', 'airplay', 'camera', 'unknown'] } }, ['meeting', 'as']),
            ev('share_stop', inMeeting, ['meeting', 'as']),
            ev('record', { meeting: key, recording: { enum: ['start', 'stop', 'pause', 'resume'] } }, ['meeting', 'recording']),
            ev(
              'poll_answer',
              { ...inMeeting, poll: text(64), answers: { type: 'array', minItems: 1, items: obj({ question: text(1024), answer: { anyOf: [text(1024), { type: 'array', items: text(1024) }] } }, ['question', 'answer']) } },
              ['meeting', 'as', 'poll', 'answers'],
            ),
            ev(
              'qos',
              {
                ...inMeeting,
                minutes: { type: 'integer', minimum: 1, maximum: 240 },
                audio_input: stream(false),
                audio_output: stream(false),
                video_input: stream(true),
                video_output: stream(true),
                as_input: stream(true),
                as_output: stream(true),
                cpu_usage: obj({ zoom_avg_cpu_usage: figure(100), zoom_min_cpu_usage: figure(100), zoom_max_cpu_usage: figure(100), system_max_cpu_usage: figure(100) }),
              },
              ['meeting', 'as'],
            ),
            ev('feedback', { ...inMeeting, quality: { enum: ['GOOD', 'NOT GOOD'] }, comment: text(1024), issues: { type: 'array', maxItems: 8, items: text(64) } }, ['meeting', 'as', 'quality']),
            ev('chat', { from: key, to_user: key, to_channel: text(128), message: { type: 'string', minLength: 1, maxLength: 1024 } }, ['from', 'message']),
            ev('sign_in', { user: key, client_type: text(64), version: text(64), ip_address: text(64) }, ['user']),
            ev('sign_out', { user: key, client_type: text(64), version: text(64), ip_address: text(64) }, ['user']),
            ev('api', { method: { enum: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] }, path: { type: 'string', pattern: '^/v2/', maxLength: 2048 }, body: {} }, ['method', 'path']),
          ],
        },
      },
    },
    [],
  ),
};

export interface ScenarioEvent {
  action: string;
  at?: string;
  after?: number;
  [k: string]: unknown;
}
export interface Scenario {
  name?: string;
  seed?: number;
  start?: string;
  account?: { plan?: string; account_name?: string; account_id?: string; client_id?: string; client_secret?: string };
  users?: Array<{ key: string; email?: string; first_name?: string; last_name?: string; type?: 1 | 2; dept?: string }>;
  groups?: Array<{ key: string; name: string; members?: string[] }>;
  meetings?: Array<{ key: string; host?: string; topic?: string; type?: number; start_time?: string; duration?: number; recurrence?: object; settings?: object; polls?: Array<{ title: string; questions: object[] }> }>;
  events?: ScenarioEvent[];
}

// Compiled on first use: the server starts without paying for it.
let compiled: ValidateFunction | undefined;
function scenarioValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    (addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);
    compiled = ajv.compile(SCENARIO_SCHEMA);
  }
  return compiled;
}

/** The scenario's problems, each as a field and a message (empty when valid). */
export function scenarioErrors(value: unknown): Array<{ field: string; message: string }> {
  const validate = scenarioValidator();
  if (validate(value)) return [];
  // oneOf failures list every branch: keep the most specific ones.
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'const');
  return (errors.length ? errors : (validate.errors ?? [])).slice(0, 20).map((e) => ({ field: e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(root)', message: e.message ?? 'Invalid field.' }));
}

/** A scenario file's text: JSON, or YAML. */
export async function parseScenario(text: string, fileName = ''): Promise<unknown> {
  if (/\.json$/i.test(fileName) || /^\s*[{[]/.test(text)) return JSON.parse(text);
  // The YAML parser loads when a YAML file is read, not with the server.
  const { parse } = await import('yaml');
  return parse(text);
}
