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
const email = { type: 'string', format: 'email', maxLength: 128 };
/** Who joins and from what (meetings and webinars alike). */
const joiner = { user: key, name: text(128), email, device: text(64), version: text(64), network_type: text(64), location: text(128), ip_address: text(64), data_center: text(64) };
/** What a participant's client reports each minute. */
const qosFigures = {
  minutes: { type: 'integer', minimum: 1, maximum: 240 },
  audio_input: stream(false),
  audio_output: stream(false),
  video_input: stream(true),
  video_output: stream(true),
  as_input: stream(true),
  as_output: stream(true),
  cpu_usage: obj({ zoom_avg_cpu_usage: figure(100), zoom_min_cpu_usage: figure(100), zoom_max_cpu_usage: figure(100), system_max_cpu_usage: figure(100) }),
};
const feedbackFigures = { quality: { enum: ['GOOD', 'NOT GOOD'] }, comment: text(1024), issues: { type: 'array', maxItems: 8, items: text(64) } };
const pollAnswers = { poll: text(64), answers: { type: 'array', minItems: 1, items: obj({ question: text(1024), answer: { anyOf: [text(1024), { type: 'array', items: text(1024) }] } }, ['question', 'answer']) } };
const polls = { type: 'array', maxItems: 20, items: obj({ title: { type: 'string', minLength: 1, maxLength: 64 }, questions: { type: 'array', minItems: 1, items: { type: 'object' } } }, ['title', 'questions']) };
const seconds = { type: 'integer', minimum: 1, maximum: 86_400 };
const ROOM_STATUSES = ['Offline', 'Available', 'InMeeting', 'UnderConstruction'];

/** Webinars, Zoom Phone and Zoom Rooms in the setup (src/scenarios/webinars.ts, phone.ts, rooms.ts). */
const SESSIONS_SETUP: Record<string, Schema> = {
  webinars: {
    type: 'array',
    maxItems: 10_000,
    items: obj(
      {
        key,
        host: key,
        topic: text(200),
        type: { enum: [5, 6, 9] },
        start_time: { type: 'string', format: 'date-time' },
        duration: { type: 'integer', minimum: 1, maximum: 1440 },
        recurrence: { type: 'object' },
        settings: { type: 'object' },
        registration: { enum: ['none', 'automatic', 'manual'], description: 'Registration required (approved at once, or by the host) or not; default: required with automatic approval when registrants are listed.' },
        practice_session: { type: 'boolean' },
        panelists: { type: 'array', maxItems: 300, items: obj({ key, user: key, name: text(64), email }, ['key']) },
        registrants: {
          type: 'array',
          maxItems: 50_000,
          items: obj({ key, user: key, first_name: text(64), last_name: text(64), email, status: { enum: ['approved', 'pending', 'denied'] } }, ['key']),
        },
        polls,
      },
      ['key'],
    ),
  },
  phone: obj({
    sites: { type: 'array', maxItems: 100, items: obj({ key, name: { type: 'string', minLength: 1, maxLength: 64 }, site_code: { type: 'integer', minimum: 1, maximum: 999 }, address: { type: 'object' } }, ['key', 'name']) },
    users: {
      type: 'array',
      maxItems: 10_000,
      items: obj({ user: key, site: key, extension_number: { type: 'integer', minimum: 1, maximum: 999_999 }, numbers: { type: 'array', maxItems: 10, items: { type: 'string', pattern: '^\\+[1-9]\\d{6,14}$' } } }, ['user']),
    },
  }),
  rooms: {
    type: 'array',
    maxItems: 5000,
    items: obj(
      {
        key,
        name: { type: 'string', minLength: 1, maxLength: 64 },
        type: { enum: ['ZoomRoom', 'SchedulingDisplayOnly', 'DigitalSignageOnly'] },
        status: { enum: ROOM_STATUSES },
        devices: {
          type: 'array',
          maxItems: 10,
          items: obj(
            {
              key,
              type: { enum: ['Zoom Rooms Computer', 'Controller', 'Scheduling Display', 'Zoom Rooms Control System', 'Companion Whiteboard'] },
              app_version: text(64),
              system: text(64),
              status: { enum: ['Online', 'Offline'] },
            },
            ['key', 'type'],
          ),
        },
      },
      ['key', 'name'],
    ),
  },
};

const inWebinar = { webinar: key, as: key };
const SESSIONS_EVENTS: Schema[] = [
  ev('webinar_start', { webinar: key, practice_session: { type: 'boolean' } }, ['webinar']),
  ev('webinar_live', { webinar: key }, ['webinar']),
  ev('webinar_end', { webinar: key }, ['webinar']),
  ev('webinar_join', { ...inWebinar, ...joiner, registrant: key, panelist: key }, ['webinar', 'as']),
  ev('webinar_leave', inWebinar, ['webinar', 'as']),
  ev('webinar_question', { ...inWebinar, key, question: { type: 'string', minLength: 1, maxLength: 1024 }, anonymous: { type: 'boolean' } }, ['webinar', 'as', 'question']),
  ev('webinar_answer', { ...inWebinar, question: key, answer: text(1024), private: { type: 'boolean' }, live: { type: 'boolean' } }, ['webinar', 'question']),
  ev('webinar_raise_hand', inWebinar, ['webinar', 'as']),
  ev('webinar_lower_hand', inWebinar, ['webinar', 'as']),
  ev('webinar_poll_answer', { ...inWebinar, ...pollAnswers }, ['webinar', 'as', 'poll', 'answers']),
  ev('webinar_qos', { ...inWebinar, ...qosFigures }, ['webinar', 'as']),
  ev('webinar_feedback', { ...inWebinar, ...feedbackFigures }, ['webinar', 'as', 'quality']),
  ev(
    'call',
    {
      from: text(128),
      to: text(128),
      outcome: { enum: ['answered', 'missed', 'voicemail', 'rejected'] },
      duration: seconds,
      hold: seconds,
      record: { type: 'boolean' },
      transfer_to: text(128),
      transfer_duration: seconds,
    },
    ['from', 'to'],
  ),
  ev('room_status', { room: key, status: { enum: ROOM_STATUSES } }, ['room', 'status']),
  ev('room_device', { room: key, device: key, status: { enum: ['Online', 'Offline'] }, app_version: text(64) }, ['room', 'device']),
  ev('room_alert', { room: key, alert_type: { type: 'integer', minimum: 0, maximum: 10 }, component: { type: 'integer', minimum: 0, maximum: 6 }, cleared: { type: 'boolean' }, issue: text(256), device: key }, ['room', 'alert_type']),
  ev('room_control', { room: key, method: { type: 'string', pattern: '^zoomroom\\.[a-z_]{1,64}$' }, meeting: key, params: { type: 'object' } }, ['room', 'method']),
];

export const SCENARIO_SCHEMA: Schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://openzoom.dev/schemas/scenario.schema.json',
  title: 'OpenZoom scenario',
  description: "An account's activity: users, groups, meetings, webinars, phone users, rooms, and what happens in them over time.",
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
        addons: { type: 'object', description: "The new account's add-ons, as POST /_openzoom/accounts takes them (webinar licences, phone, zoom_rooms); by default what the webinars, phone and rooms sections need." },
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
            polls,
          },
          ['key'],
        ),
      },
      ...SESSIONS_SETUP,
      events: {
        type: 'array',
        maxItems: 2_000_000,
        items: {
          oneOf: [
            ev('start', { meeting: key }, ['meeting']),
            ev('end', { meeting: key }, ['meeting']),
            ev(
              'join',
              { ...inMeeting, ...joiner },
              ['meeting', 'as'],
            ),
            ev('leave', inMeeting, ['meeting', 'as']),
            ev('share_start', { ...inMeeting, content: { enum: ['application', 'whiteboard', 'desktop', 'airplay', 'camera', 'unknown'] } }, ['meeting', 'as']),
            ev('share_stop', inMeeting, ['meeting', 'as']),
            ev('record', { meeting: key, recording: { enum: ['start', 'stop', 'pause', 'resume'] } }, ['meeting', 'recording']),
            ev(
              'poll_answer',
              { ...inMeeting, ...pollAnswers },
              ['meeting', 'as', 'poll', 'answers'],
            ),
            ev(
              'qos',
              { ...inMeeting, ...qosFigures },
              ['meeting', 'as'],
            ),
            ev('feedback', { ...inMeeting, ...feedbackFigures }, ['meeting', 'as', 'quality']),
            ev('chat', { from: key, to_user: key, to_channel: text(128), message: { type: 'string', minLength: 1, maxLength: 1024 } }, ['from', 'message']),
            ev('sign_in', { user: key, client_type: text(64), version: text(64), ip_address: text(64) }, ['user']),
            ev('sign_out', { user: key, client_type: text(64), version: text(64), ip_address: text(64) }, ['user']),
            ev('api', { method: { enum: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] }, path: { type: 'string', pattern: '^/v2/', maxLength: 2048 }, body: {} }, ['method', 'path']),
            ...SESSIONS_EVENTS,
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
  account?: { plan?: string; account_name?: string; account_id?: string; client_id?: string; client_secret?: string; addons?: Record<string, unknown> };
  users?: Array<{ key: string; email?: string; first_name?: string; last_name?: string; type?: 1 | 2; dept?: string }>;
  groups?: Array<{ key: string; name: string; members?: string[] }>;
  meetings?: Array<{ key: string; host?: string; topic?: string; type?: number; start_time?: string; duration?: number; recurrence?: object; settings?: object; polls?: Array<{ title: string; questions: object[] }> }>;
  webinars?: ScenarioWebinar[];
  phone?: { sites?: Array<{ key: string; name: string; site_code?: number; address?: object }>; users?: Array<{ user: string; site?: string; extension_number?: number; numbers?: string[] }> };
  rooms?: Array<{ key: string; name: string; type?: string; status?: string; devices?: Array<{ key: string; type: string; app_version?: string; system?: string; status?: 'Online' | 'Offline' }> }>;
  events?: ScenarioEvent[];
}
export interface ScenarioWebinar {
  key: string;
  host?: string;
  topic?: string;
  type?: number;
  start_time?: string;
  duration?: number;
  recurrence?: object;
  settings?: Record<string, unknown>;
  registration?: 'none' | 'automatic' | 'manual';
  practice_session?: boolean;
  panelists?: Array<{ key: string; user?: string; name?: string; email?: string }>;
  registrants?: Array<{ key: string; user?: string; first_name?: string; last_name?: string; email?: string; status?: 'approved' | 'pending' | 'denied' }>;
  polls?: Array<{ title: string; questions: object[] }>;
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
