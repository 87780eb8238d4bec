// Quality of service and post-meeting feedback, as participants' clients report
// them: the control plane takes them (`…/participants/{id}/qos`, `…/feedback`),
// the dashboards read them. One QoS row per participant and minute keeps a
// month of activity compact; the figures are numbers here and get Zoom's units
// (`"27.15 kbps"`, `"126 ms"`, `"0.03%"`, `"12 fps"`, `"11%"`) only when answered.
import { Errors } from '../core/errors.ts';
import type { Queryable } from '../storage/db.ts';
import type { LiveTx } from './engine.ts';
import { msOf, stamp, type InstanceRecord, type ParticipantRecord } from './model.ts';

type Schema = Record<string, unknown>;
const num = (max: number): Schema => ({ type: 'number', minimum: 0, maximum: max });
const stream = (video: boolean): Schema => ({
  type: 'object',
  additionalProperties: false,
  properties: {
    bitrate: num(1e7),
    latency: num(1e6),
    jitter: num(1e6),
    avg_loss: num(100),
    max_loss: num(100),
    ...(video ? { resolution: { type: 'string', pattern: '^\\d{1,5}\\*\\d{1,5}$' }, frame_rate: num(1000) } : {}),
  },
});

export const STREAMS = ['audio_input', 'audio_output', 'video_input', 'video_output', 'as_input', 'as_output'] as const;
export type StreamName = (typeof STREAMS)[number];
const VIDEO_STREAMS: ReadonlySet<StreamName> = new Set(['video_input', 'video_output', 'as_input', 'as_output']);

export interface StreamFigures {
  bitrate?: number;
  latency?: number;
  jitter?: number;
  avg_loss?: number;
  max_loss?: number;
  resolution?: string;
  frame_rate?: number;
}
export interface CpuFigures {
  zoom_avg_cpu_usage?: number;
  zoom_min_cpu_usage?: number;
  zoom_max_cpu_usage?: number;
  system_max_cpu_usage?: number;
}
export type QosSample = { date_time?: string; cpu_usage?: CpuFigures } & { [K in StreamName]?: StreamFigures };

export const QOS_BODY: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['samples'],
  properties: {
    samples: {
      type: 'array',
      minItems: 1,
      maxItems: 240,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          date_time: { type: 'string', format: 'date-time' },
          ...Object.fromEntries(STREAMS.map((s) => [s, stream(VIDEO_STREAMS.has(s))])),
          cpu_usage: {
            type: 'object',
            additionalProperties: false,
            properties: { zoom_avg_cpu_usage: num(100), zoom_min_cpu_usage: num(100), zoom_max_cpu_usage: num(100), system_max_cpu_usage: num(100) },
          },
        },
      },
    },
  },
};

/**
 * What a participant can say went wrong, with a thumbs down (the client feedback dashboard
 * counts them). Ids are stable; the names are those the feedback dashboard answers.
 */
export const FEEDBACK_ISSUES: Readonly<Record<string, string>> = {
  '1': 'Could not hear others',
  '2': 'Others could not hear me',
  '3': 'Audio echo',
  '4': 'Audio cut out',
  '5': 'Video was frozen',
  '6': 'Video was blurry',
  '7': 'Screen sharing did not work',
  '8': 'Disconnected from the meeting',
};

export const FEEDBACK_BODY: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['quality'],
  properties: {
    quality: { enum: ['GOOD', 'NOT GOOD'] },
    comment: { type: 'string', maxLength: 1024 },
    issues: { type: 'array', maxItems: 8, uniqueItems: true, items: { enum: Object.values(FEEDBACK_ISSUES) } },
  },
};
const ISSUE_IDS = new Map(Object.entries(FEEDBACK_ISSUES).map(([id, name]) => [name, id]));

/** Minutes written per statement (5 parameters each, well under either database's limit). */
const QOS_BATCH = 100;

const minuteOf = (ms: number): string => stamp(Math.floor(ms / 60_000) * 60_000);

/**
 * Stores a participant's samples, one per minute: a sample's minute must lie
 * between the join's minute and now (the client reports what it measured).
 */
export async function saveQos(t: LiveTx, i: InstanceRecord, p: ParticipantRecord, samples: readonly QosSample[]): Promise<{ participant_id: string; minutes: string[] }> {
  if (p.status !== 'in_meeting') throw Errors.liveConflict(`Participant ${p.id} is not in the meeting.`);
  const first = msOf(minuteOf(msOf(p.joined_at)));
  const minutes: string[] = [];
  // A minute sent again replaces the one stored (the last sample of a minute wins).
  const latest = new Map<string, string>();
  for (const { date_time, ...figures } of samples) {
    const at = date_time === undefined ? t.now : Date.parse(date_time);
    if (Number.isNaN(at) || at < first || at > t.now) throw Errors.validation([{ field: 'samples.date_time', message: 'A sample lies between the join and now.' }]);
    const minute = minuteOf(at);
    latest.delete(minute);
    latest.set(minute, JSON.stringify(figures));
    minutes.push(minute);
  }
  // A client sends a meeting's minutes at once: a few statements for all of them, not two per minute.
  const rows = [...latest];
  for (let n = 0; n < rows.length; n += QOS_BATCH) {
    const part = rows.slice(n, n + QOS_BATCH);
    await t.db.run(`DELETE FROM live_qos WHERE account_id = ? AND instance_uuid = ? AND participant_id = ? AND minute IN (${part.map(() => '?').join(', ')})`, [i.account_id, i.uuid, p.id, ...part.map(([m]) => m)]);
    await t.db.run(
      `INSERT INTO live_qos (account_id, instance_uuid, participant_id, minute, data) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      part.flatMap(([minute, data]) => [i.account_id, i.uuid, p.id, minute, data]),
    );
  }
  await saveTotals(t.db, i.account_id, i.uuid, p.id);
  return { participant_id: p.id, minutes };
}

/** Per stream: minutes with figures, and their loss and latency summed. */
export type QosTotals = Partial<Record<StreamName, { n: number; loss: number; latency: number }>>;

export function totalsOf(rows: readonly QosRow[]): QosTotals {
  const out: QosTotals = {};
  for (const r of rows) {
    for (const s of STREAMS) {
      const f = r.data[s];
      if (!f) continue;
      const t = (out[s] ??= { n: 0, loss: 0, latency: 0 });
      t.n++;
      t.loss += f.avg_loss ?? 0;
      t.latency += f.latency ?? 0;
    }
  }
  return out;
}

/** Several participants' totals added up in the order given: a meeting's minutes all together. */
export function sumTotals(all: Iterable<QosTotals>): QosTotals {
  const sum: QosTotals = {};
  for (const totals of all) {
    for (const [stream, t] of Object.entries(totals)) {
      const into = (sum[stream as StreamName] ??= { n: 0, loss: 0, latency: 0 });
      into.n += t.n;
      into.loss += t.loss;
      into.latency += t.latency;
    }
  }
  return sum;
}

/** The streams `/metrics/quality` grades, under the names it answers. */
export const GRADED_STREAMS = [
  ['audio', 'audio_input'],
  ['video', 'video_input'],
  ['screen_share', 'as_input'],
] as const;
/** Audio, video and screen share grades ('' without samples), as kept beside the totals. */
export const gradesOf = (totals: QosTotals): string[] => GRADED_STREAMS.map(([, s]) => grade(totals, s));

const SET_GRADES = 'audio_quality = ?, video_quality = ?, screen_share_quality = ?';

/**
 * Each participant's totals, graded; the instance's grades (its participants'
 * totals added in participant id order, as `/metrics/quality` always added
 * them) are kept on the instance in the same transaction.
 */
async function saveTotals(db: Queryable, accountId: string, uuid: string, participantId: string): Promise<void> {
  const totals = totalsOf(await qosRows(db, accountId, uuid, [participantId]));
  await db.run('DELETE FROM live_qos_totals WHERE account_id = ? AND instance_uuid = ? AND participant_id = ?', [accountId, uuid, participantId]);
  await db.run(`INSERT INTO live_qos_totals (account_id, instance_uuid, participant_id, data, audio_quality, video_quality, screen_share_quality) VALUES (?, ?, ?, ?, ?, ?, ?)`, [
    accountId,
    uuid,
    participantId,
    JSON.stringify(totals),
    ...gradesOf(totals),
  ]);
  const all = await db.all<{ data: string }>('SELECT data FROM live_qos_totals WHERE account_id = ? AND instance_uuid = ? ORDER BY participant_id', [accountId, uuid]);
  await db.run(`UPDATE live_instances SET ${SET_GRADES} WHERE account_id = ? AND uuid = ?`, [...gradesOf(sumTotals(all.map((r) => JSON.parse(r.data) as QosTotals))), accountId, uuid]);
}

/** Grades the totals stored before grades were kept (a migration step): each participant's, and each instance's. */
export async function gradeStoredTotals(tx: Queryable): Promise<void> {
  const rows = await tx.all<{ account_id: string; instance_uuid: string; participant_id: string; data: string }>(
    'SELECT account_id, instance_uuid, participant_id, data FROM live_qos_totals ORDER BY account_id, instance_uuid, participant_id',
  );
  let instance: QosTotals[] = [];
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n]!;
    const totals = JSON.parse(r.data) as QosTotals;
    instance.push(totals);
    const own = gradesOf(totals);
    if (own.some(Boolean)) await tx.run(`UPDATE live_qos_totals SET ${SET_GRADES} WHERE account_id = ? AND instance_uuid = ? AND participant_id = ?`, [...own, r.account_id, r.instance_uuid, r.participant_id]);
    const next = rows[n + 1];
    if (next?.account_id === r.account_id && next.instance_uuid === r.instance_uuid) continue;
    const grades = gradesOf(sumTotals(instance));
    instance = [];
    if (grades.some(Boolean)) await tx.run(`UPDATE live_instances SET ${SET_GRADES} WHERE account_id = ? AND uuid = ?`, [...grades, r.account_id, r.instance_uuid]);
  }
}

/** Post-meeting feedback (thumbs up or down, with a comment): during the session or after it ended. */
export async function saveFeedback(t: LiveTx, i: InstanceRecord, p: ParticipantRecord, body: { quality: string; comment?: string; issues?: string[] }) {
  // Issues come with a thumbs down only.
  const issues = body.quality === 'NOT GOOD' ? (body.issues ?? []).map((name) => ISSUE_IDS.get(name)!) : [];
  if (body.quality === 'GOOD' && (body.issues ?? []).length > 0) throw Errors.validation([{ field: 'issues', message: 'Issues come with "NOT GOOD".' }]);
  await t.db.run('DELETE FROM live_feedback WHERE account_id = ? AND instance_uuid = ? AND participant_id = ?', [i.account_id, i.uuid, p.id]);
  const at = stamp(t.now);
  await t.db.run('INSERT INTO live_feedback (account_id, instance_uuid, participant_id, quality, comment, given_at, issues) VALUES (?, ?, ?, ?, ?, ?, ?)', [
    i.account_id,
    i.uuid,
    p.id,
    body.quality,
    body.comment ?? '',
    at,
    issues.join(','),
  ]);
  return { participant_id: p.id, quality: body.quality, comment: body.comment ?? '', issues: body.issues ?? [], date_time: `${at.slice(0, 19)}Z` };
}

export interface QosRow {
  participant_id: string;
  minute: string;
  data: QosSample;
}

/** The instance's QoS minutes, of one participant or of all, in time order. */
export async function qosRows(db: Queryable, accountId: string, uuid: string, participantIds?: readonly string[]): Promise<QosRow[]> {
  if (participantIds && participantIds.length === 0) return [];
  const only = participantIds ? ` AND participant_id IN (${participantIds.map(() => '?').join(', ')})` : '';
  const rows = await db.all<{ participant_id: string; minute: string; data: string }>(
    `SELECT participant_id, minute, data FROM live_qos WHERE account_id = ? AND instance_uuid = ?${only} ORDER BY participant_id, minute`,
    [accountId, uuid, ...(participantIds ?? [])],
  );
  return rows.map((r) => ({ participant_id: r.participant_id, minute: r.minute, data: JSON.parse(r.data) as QosSample }));
}

export interface FeedbackRow {
  instance_uuid: string;
  participant_id: string;
  quality: string;
  comment: string;
  given_at: string;
}

/** Feedback given in one instance, in the order it was given (then the order of the joins). */
export async function feedbackOf(db: Queryable, accountId: string, uuid: string): Promise<FeedbackRow[]> {
  return db.all<FeedbackRow>(
    `SELECT f.instance_uuid, f.participant_id, f.quality, f.comment, f.given_at FROM live_feedback f
     JOIN live_participants p ON p.account_id = f.account_id AND p.instance_uuid = f.instance_uuid AND p.id = f.participant_id
     WHERE f.account_id = ? AND f.instance_uuid = ? ORDER BY f.given_at, p.seq`,
    [accountId, uuid],
  );
}

/** Feedback given in a time range across the account (client satisfaction). */
export async function feedbackBetween(db: Queryable, accountId: string, from: string, to: string): Promise<FeedbackRow[]> {
  return db.all<FeedbackRow>('SELECT instance_uuid, participant_id, quality, comment, given_at FROM live_feedback WHERE account_id = ? AND given_at >= ? AND given_at < ? ORDER BY given_at', [
    accountId,
    from,
    to,
  ]);
}

// ---- Zoom's units ----

const fixed = (n: number, digits: number) => n.toFixed(digits);
/** One stream's minute as Zoom answers it (strings with units; absent figures are ""). */
export function streamView(s: StreamFigures | undefined, video: boolean): Record<string, string> {
  const f = s ?? {};
  const out: Record<string, string> = {
    bitrate: f.bitrate === undefined ? '' : `${fixed(f.bitrate, 2)} kbps`,
    latency: f.latency === undefined ? '' : `${Math.round(f.latency)} ms`,
    jitter: f.jitter === undefined ? '' : `${Math.round(f.jitter)} ms`,
    avg_loss: f.avg_loss === undefined ? '' : `${fixed(f.avg_loss, 2)}%`,
    max_loss: f.max_loss === undefined ? '' : `${fixed(f.max_loss, 2)}%`,
  };
  if (video) {
    out.resolution = f.resolution ?? '';
    out.frame_rate = f.frame_rate === undefined ? '' : `${Math.round(f.frame_rate)} fps`;
  }
  return out;
}

export function qosMinuteView(row: QosRow): Record<string, unknown> {
  const cpu = row.data.cpu_usage ?? {};
  const pct = (n: number | undefined) => (n === undefined ? '' : `${Math.round(n)}%`);
  return {
    date_time: `${row.minute.slice(0, 19)}Z`,
    ...Object.fromEntries(STREAMS.map((s) => [s, streamView(row.data[s], VIDEO_STREAMS.has(s))])),
    cpu_usage: {
      zoom_avg_cpu_usage: pct(cpu.zoom_avg_cpu_usage),
      zoom_min_cpu_usage: pct(cpu.zoom_min_cpu_usage),
      zoom_max_cpu_usage: pct(cpu.zoom_max_cpu_usage),
      system_max_cpu_usage: pct(cpu.system_max_cpu_usage),
    },
  };
}

/** Zoom's good/fair/poor/bad for a stream over the minutes given ('' without data): loss and latency decide. */
export function qualityOf(rows: readonly QosRow[], s: StreamName): '' | 'good' | 'fair' | 'poor' | 'bad' {
  return grade(totalsOf(rows), s);
}

/** The grade from summed minutes: average loss under 2% and latency under 150 ms is good, and so on down. */
export function grade(totals: QosTotals, s: StreamName): '' | 'good' | 'fair' | 'poor' | 'bad' {
  const t = totals[s];
  if (!t || t.n === 0) return '';
  const loss = t.loss / t.n;
  const latency = t.latency / t.n;
  if (loss < 2 && latency < 150) return 'good';
  if (loss < 5 && latency < 300) return 'fair';
  if (loss < 10 && latency < 500) return 'poor';
  return 'bad';
}
