// Webinar dashboards: the meetings' per-session dashboards (sessions.ts) over
// webinars, with what webinars' lists and details add — the webinar's audio,
// video and screen-share grades over all its QoS minutes, and whether polls
// were answered.
import type { Context } from '../../core/provider.ts';
import type { InstanceRecord } from '../../live/model.ts';
import { qosRows, qualityOf } from '../../live/quality.ts';
import * as live from '../../live/repository.ts';
import { sessionDashboards } from './sessions.ts';

/** Grades the webinar's participants' minutes together (as `/metrics/quality` grades a meeting); no grade without samples. */
async function webinarExtras(ctx: Context, i: InstanceRecord): Promise<Record<string, unknown>> {
  const qos = await qosRows(ctx.db, ctx.account.id, i.uuid);
  const out: Record<string, unknown> = { has_poll: (await live.pollAnswers(ctx.db, ctx.account.id, i.uuid)).length > 0, has_survey: false };
  for (const [name, stream] of [['audio_quality', 'audio_input'], ['video_quality', 'video_input'], ['screen_share_quality', 'as_input']] as const) {
    const g = qualityOf(qos, stream);
    if (g) out[name] = g;
  }
  return out;
}

export function webinarDashboards() {
  const webinars = sessionDashboards('webinar', webinarExtras);
  return {
    dashboardWebinars: webinars.list,
    dashboardWebinarDetail: webinars.detail,
    dashboardWebinarParticipants: webinars.participants,
    dashboardWebinarParticipantsQOS: webinars.participantsQos,
    dashboardWebinarParticipantQOS: webinars.participantQos,
    dashboardWebinarParticipantShare: webinars.sharing,
    participantWebinarFeedback: webinars.feedback,
  };
}
