// Recording settings of one recording: sharing, viewer download, passcode,
// on-demand registration and its approval, authentication, auto-delete, and
// the topic (a new topic renames the recording: recording.renamed).
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { findRecording } from './access.ts';
import { recordingHead, stamp, type RecordingSettings } from './model.ts';
import * as repo from './repository.ts';

type SettingsBody = Partial<RecordingSettings> & { topic?: string };

const AUTO_DELETE_DAYS = 30;

export function createRecordingSettingsProvider(_deps: ProviderDeps): Provider {
  return {
    async recordingSettingUpdate(input: Input<{ meetingId: string }>, ctx: Context) {
      const r = await findRecording(ctx, input.path.meetingId);
      const s = r.data.settings;
      return {
        ...s,
        topic: r.data.topic,
        authentication_name: s.recording_authentication ? s.authentication_option : '',
        ...(s.auto_delete ? { auto_delete_date: stamp(Date.parse(r.start_time) + AUTO_DELETE_DAYS * 86_400_000).slice(0, 10) } : {}),
      };
    },

    async recordingSettingsUpdate(input: Input<{ meetingId: string }, Record<string, never>, SettingsBody>, ctx: Context) {
      const r = await findRecording(ctx, input.path.meetingId);
      const { topic, ...changes } = input.body;
      const settings: RecordingSettings = { ...r.data.settings };
      for (const [k, v] of Object.entries(changes)) if (v !== undefined && k in settings) (settings as unknown as Record<string, unknown>)[k] = v;
      const renamed = topic !== undefined && topic.trim() !== '' && topic !== r.data.topic;
      await repo.updateRecording(ctx.db, ctx.account.id, { ...r, data: { ...r.data, settings, ...(renamed ? { topic } : {}) } });
      if (renamed) {
        const view = (t: string) => {
          const head = recordingHead(r, []);
          return { uuid: r.uuid, id: head.id, topic: t, type: head.type, host_id: r.host_id };
        };
        await ctx.emit('recording.renamed', { time_stamp: ctx.clock.now(), object: view(topic), old_object: view(r.data.topic) });
      }
    },
  };
}
