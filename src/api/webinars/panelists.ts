// Webinar panelists: add (a batch), list, remove one, remove all. A panelist is
// one for every occurrence of a recurring webinar; each has a personal join link.
// Their number is limited by the host's meeting capacity (Pro 100, Business 300),
// not by the webinar licence.
import { Errors, ZoomError } from '../../core/errors.ts';
import { secret, zoomId } from '../../core/ids.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import { getPath } from '../settings/model.ts';
import { settingsOf } from '../meetings/access.ts';
import { findLicensedWebinar } from './access.ts';
import type { WebinarRecord } from './model.ts';
import * as repo from './repository.ts';

type WebinarPath = { webinarId: string };
type PanelistBody = { email: string; name: string; virtual_background_id?: string; name_tag_id?: string; name_tag_name?: string; name_tag_pronouns?: string; name_tag_description?: string };

const tooMany = () => new ZoomError(400, 3000, 'You have reached the limit for the number of panelists you can add. Contact Zoom Support for more information.');

/** The panelists a host may have: their meeting capacity (feature.meeting_capacity; 100 when unset). */
async function panelistLimit(ctx: Context, hostId: string): Promise<number> {
  const v = getPath((await settingsOf(ctx, hostId)).settings, 'feature.meeting_capacity');
  return typeof v === 'number' && v > 0 ? v : 100;
}

export const panelistJoinUrl = (baseUrl: string, w: WebinarRecord, p: repo.PanelistRecord) =>
  `${baseUrl}/w/${w.id}?tk=${p.data.join_token}${w.data.embed_password && w.data.password !== '' ? `&pwd=${w.data.encrypted_password}` : ''}`;

export function createPanelistOperations(deps: ProviderDeps) {
  return {
    async webinarPanelists(input: Input<WebinarPath>, ctx: Context) {
      const { w } = await findLicensedWebinar(ctx, input.path.webinarId);
      const panelists = await repo.listPanelists(ctx.db, ctx.account.id, w.id);
      return {
        total_records: panelists.length,
        panelists: panelists.map((p) => {
          const { join_token: _t, ...rest } = p.data;
          return { id: p.id, email: p.email, ...rest, join_url: panelistJoinUrl(deps.baseUrl, w, p) };
        }),
      };
    },

    async webinarPanelistCreate(input: Input<WebinarPath, Record<string, never>, { panelists?: PanelistBody[] }>, ctx: Context) {
      const { w } = await findLicensedWebinar(ctx, input.path.webinarId);
      const given = input.body.panelists ?? [];
      if (given.length === 0) throw Errors.validation([{ field: 'panelists', message: 'Missing field.' }]);
      const existing = await repo.listPanelists(ctx.db, ctx.account.id, w.id);
      const byEmail = new Map(existing.map((p) => [p.email, p]));
      const names = new Set((w.data.name_tags ?? []).map((t) => t.id));
      const backgrounds = new Set((w.data.virtual_backgrounds ?? []).map((b) => b.id));
      let count = existing.length;
      const limit = await panelistLimit(ctx, w.host_id);
      const now = ctx.clock.iso();
      for (const [i, b] of given.entries()) {
        const email = b.email.trim().toLowerCase();
        if (b.name_tag_id !== undefined && !names.has(b.name_tag_id)) throw Errors.validation([{ field: `panelists[${i}].name_tag_id`, message: 'Invalid field.' }]);
        if (b.virtual_background_id !== undefined && !backgrounds.has(b.virtual_background_id)) {
          throw Errors.validation([{ field: `panelists[${i}].virtual_background_id`, message: 'Invalid field.' }]);
        }
        const { email: _e, ...fields } = b;
        const known = byEmail.get(email);
        if (known) {
          // Adding a panelist again updates their name and branding.
          known.data = { ...known.data, ...fields };
          await repo.updatePanelist(ctx.db, ctx.account.id, known);
          continue;
        }
        if (++count > limit) throw tooMany();
        const p: repo.PanelistRecord = { id: zoomId(), webinar_id: w.id, email, created_at: now, data: { ...fields, join_token: secret(43) } };
        await repo.insertPanelist(ctx.db, ctx.account.id, p);
        byEmail.set(email, p);
      }
      return { id: w.id, updated_at: now.replace(/\.\d{3}Z$/, 'Z') };
    },

    async webinarPanelistDelete(input: Input<WebinarPath & { panelistId: string }>, ctx: Context) {
      const { w } = await findLicensedWebinar(ctx, input.path.webinarId);
      if ((await repo.deletePanelists(ctx.db, ctx.account.id, w.id, input.path.panelistId)) === 0) {
        throw new ZoomError(404, 3001, `Panelist does not exist: ${input.path.panelistId}.`);
      }
    },

    async webinarPanelistsDelete(input: Input<WebinarPath>, ctx: Context) {
      const { w } = await findLicensedWebinar(ctx, input.path.webinarId);
      await repo.deletePanelists(ctx.db, ctx.account.id, w.id);
    },
  };
}
