// Personal meeting rooms: a user's PMI read as a meeting of type 4. It is not
// stored: Get a meeting builds it from the user and the user's settings.
import { createHash } from 'node:crypto';
import type { Context } from '../../core/provider.ts';
import { getPath } from '../settings/model.ts';
import { getUserByPmi } from '../users/repository.ts';
import { settingsOf } from './access.ts';
import type { MeetingRecord } from './model.ts';
import { initialSettings, numericPasscode } from './settings.ts';

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest();

/** The type-4 meeting of the user whose PMI `id` is, or undefined. */
export async function pmiMeeting(ctx: Context, id: string): Promise<MeetingRecord | undefined> {
  const user = await getUserByPmi(ctx.db, ctx.account.id, id);
  if (!user) return undefined;
  const hs = await settingsOf(ctx, user.id);
  const password = String(getPath(hs.settings, 'schedule_meeting.pmi_password') ?? '');
  return {
    account_id: ctx.account.id,
    id,
    host_id: user.id,
    type: 4,
    status: 'waiting',
    // Stable per room until the live side starts an instance of it.
    uuid: digest('pmi-uuid', ctx.account.id, id).subarray(0, 16).toString('base64'),
    created_at: user.created_at,
    deleted_at: null,
    data: {
      topic: `${user.profile.display_name || user.email}'s Personal Meeting Room`,
      agenda: '',
      duration: 60,
      timezone: user.profile.timezone || 'UTC',
      start_time: null,
      password,
      encrypted_password: password === '' ? '' : digest('pmi-pwd', ctx.account.id, id, password).toString('base64url').slice(0, 32),
      h323_password: numericPasscode(password),
      pstn_password: numericPasscode(password),
      embed_password: getPath(hs.settings, 'schedule_meeting.embed_password_in_join_link') !== false,
      pre_schedule: false,
      tracking_fields: [],
      settings: { ...initialSettings(hs, false), use_pmi: true },
      // The host key is the user's own secret: start links of the room are signed with it.
      start_secret: digest('pmi-start', user.id, user.profile.host_key).toString('base64url'),
    },
  };
}
