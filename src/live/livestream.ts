// Live streaming of a live session to a custom service (the meeting's live
// stream settings: stream URL, key and page): one open `livestream` interval
// while it streams, its view settings kept with it; `*.live_streaming_started`
// and `_stopped` as Zoom sends them. The end of the session stops it.
import { Errors } from '../core/errors.ts';
import type { InstanceRecord, IntervalRecord } from './model.ts';
import { eventObject, rowId, seconds, stamp } from './model.ts';
import type { LiveTx } from './engine.ts';
import * as repo from './repository.ts';

export interface StreamTarget {
  stream_url: string;
  stream_key: string;
  page_url: string;
  resolution?: string;
}

export interface StreamView {
  active_speaker_name?: boolean;
  display_name?: string;
  layout?: string;
  close_caption?: string;
}

function streamingObject(i: InstanceRecord, target: StreamTarget, at: string) {
  // The catalogue gives these events' meeting id as a number.
  return { object: { ...eventObject(i), id: Number(i.session_id), live_streaming: { service: 'Custom_Live_Streaming_Service', custom_live_streaming_settings: target, date_time: seconds(at) } } };
}

async function openStream(t: LiveTx, i: InstanceRecord): Promise<IntervalRecord | undefined> {
  return (await repo.openIntervals(t.db, i.account_id, i.uuid, 'livestream'))[0];
}

/** `start` (already streaming: nothing changes), `stop` (not streaming: nothing changes), `mode` (the view of an ongoing stream). */
export async function livestream(t: LiveTx, i: InstanceRecord, action: 'start' | 'stop' | 'mode', target: StreamTarget, view: StreamView): Promise<void> {
  const open = await openStream(t, i);
  const when = stamp(t.now);
  if (action === 'start') {
    if (open) return;
    const data = { target, view: { layout: 'follow_host', ...view } };
    await repo.openInterval(t.db, i.account_id, i.uuid, { id: rowId(await repo.nextSeq(t.db, i.account_id, i.uuid)), kind: 'livestream', participant_id: i.host_id, started_at: when, ended_at: null, data });
    // Zoom's catalogue has no webinar streaming events.
    if (i.kind === 'meeting') await t.emit(`${i.kind}.live_streaming_started`, streamingObject(i, target, when));
  } else if (action === 'stop') {
    if (open) await stopLivestream(t, i, when);
  } else {
    if (!open) throw Errors.validation([{ field: 'action', message: 'The live stream has not started.' }]);
    await repo.updateIntervalData(t.db, i.account_id, i.uuid, open.id, { ...open.data, view: { ...(open.data.view as StreamView), ...view } });
  }
}

/** Stops the session's stream, if any (the session's end calls it). */
export async function stopLivestream(t: LiveTx, i: InstanceRecord, when: string): Promise<void> {
  const open = await openStream(t, i);
  if (!open) return;
  await repo.closeInterval(t.db, i.account_id, i.uuid, open.id, when);
  if (i.kind === 'meeting') await t.emit(`${i.kind}.live_streaming_stopped`, streamingObject(i, open.data.target as StreamTarget, when));
}
