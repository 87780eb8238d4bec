// Webinar session branding: name tags (data), virtual backgrounds and the
// wallpaper (uploaded images, stored with the account's files and served back
// from /p/{accountId}/{webinarId}/{fileId}.{ext}, the URL the answers give).
// Defaults can be handed to every panelist (`set_default_for_all_panelists`).
import { Errors, ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import { isUploadedFile, type MultipartBody, type UploadedFile } from '../../core/multipart.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import { BACKGROUND_MAX, extensionOf, pictureType } from '../accounts/model.ts';
import { deleteFiles, insertFile, type FileOwner } from '../accounts/repository.ts';
import { fileUrl } from '../accounts/media.ts';
import { findLicensedWebinar } from './access.ts';
import type { BrandingFile, NameTag, WebinarRecord } from './model.ts';
import * as repo from './repository.ts';

type WebinarPath = { webinarId: string };
type NameTagBody = Partial<Omit<NameTag, 'id'>> & { set_default_for_all_panelists?: boolean };

/** Zoom: up to 10 virtual backgrounds per webinar; name tags are kept to 20 (README). */
const MAX_BACKGROUNDS = 10;
const MAX_NAME_TAGS = 20;
const HEX = /^#?[0-9A-Fa-f]{6}$/;

const brandingOff = () => new ZoomError(400, 3000, 'Session branding is not enabled for this webinar: turn on settings.enable_session_branding.');
const nameTagMissing = (id: string) => new ZoomError(404, 3001, `Name tag does not exist: ${id}.`);
const ids = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '');

function checkColors(b: NameTagBody): void {
  const bad = (['text_color', 'accent_color', 'background_color'] as const).filter((k) => b[k] !== undefined && !HEX.test(b[k]!));
  if (bad.length > 0) throw Errors.validation(bad.map((field) => ({ field, message: 'A hex color code (RRGGBB).' })));
}

/** Hands the default to every panelist of the webinar. */
async function toPanelists(ctx: Context, w: WebinarRecord, field: 'name_tag_id' | 'virtual_background_id', id: string | undefined): Promise<void> {
  for (const p of await repo.listPanelists(ctx.db, ctx.account.id, w.id)) {
    if (id === undefined) delete p.data[field];
    else p.data[field] = id;
    await repo.updatePanelist(ctx.db, ctx.account.id, p);
  }
}

function imageOf(body: MultipartBody | undefined): { file: UploadedFile; mime: string } {
  const f = body?.file;
  if (!isUploadedFile(f) || f.data.length === 0) throw Errors.noFileUploaded();
  if (f.data.length > BACKGROUND_MAX) throw Errors.fileTooLarge('15M');
  const mime = pictureType(f);
  if (!mime) throw Errors.pictureType();
  return { file: f, mime };
}

export function createBrandingOperations(deps: ProviderDeps) {
  /** The webinar, with branding on (Zoom's `enable_session_branding`). */
  async function branded(ctx: Context, raw: string): Promise<WebinarRecord> {
    const { w } = await findLicensedWebinar(ctx, raw);
    if (w.data.settings.enable_session_branding !== true) throw brandingOff();
    return w;
  }
  const save = (ctx: Context, w: WebinarRecord) => repo.saveWebinar(ctx.db, ctx.account.id, w);
  const url = (ctx: Context, w: WebinarRecord, f: BrandingFile) => fileUrl(deps.baseUrl, ctx.account.id, w.id, f.id, f.mime);
  const fileView = (ctx: Context, w: WebinarRecord, f: BrandingFile) => ({ id: f.id, name: f.name, size: f.size, type: f.type, url: url(ctx, w, f) });

  async function store(ctx: Context, w: WebinarRecord, owner: FileOwner, body: MultipartBody | undefined): Promise<BrandingFile> {
    const { file, mime } = imageOf(body);
    const f: BrandingFile = { id: zoomId(), name: file.filename || `branding.${extensionOf(mime)}`, type: 'image', size: file.data.length, file: '', mime };
    f.file = `${f.id}.${extensionOf(mime)}`;
    await insertFile(ctx.db, ctx.account.id, { id: f.id, owner_type: owner, owner_id: w.id, name: f.name, mimetype: mime, size: f.size, created_at: ctx.clock.iso() }, file.data);
    return f;
  }

  return {
    async getWebinarBranding(input: Input<WebinarPath>, ctx: Context) {
      const w = await branded(ctx, input.path.webinarId);
      return {
        ...(w.data.wallpaper ? { wallpaper: fileView(ctx, w, w.data.wallpaper) } : {}),
        virtual_backgrounds: (w.data.virtual_backgrounds ?? []).map((b) => ({ ...fileView(ctx, w, b), is_default: b.is_default === true })),
        name_tags: w.data.name_tags ?? [],
      };
    },

    async createWebinarBrandingNameTag(input: Input<WebinarPath, Record<string, never>, NameTagBody>, ctx: Context) {
      const w = await branded(ctx, input.path.webinarId);
      const b = input.body;
      checkColors(b);
      const tags = w.data.name_tags ?? [];
      if (tags.length >= MAX_NAME_TAGS) throw new ZoomError(400, 3000, `You can only add up to ${MAX_NAME_TAGS} name tags.`);
      const tag: NameTag = { id: zoomId(), name: b.name!, text_color: b.text_color!, accent_color: b.accent_color!, background_color: b.background_color!, is_default: b.is_default === true };
      w.data.name_tags = [...tags.map((t) => (tag.is_default ? { ...t, is_default: false } : t)), tag];
      await save(ctx, w);
      if (tag.is_default && b.set_default_for_all_panelists !== false) await toPanelists(ctx, w, 'name_tag_id', tag.id);
      return tag;
    },

    async updateWebinarBrandingNameTag(input: Input<WebinarPath & { nameTagId: string }, Record<string, never>, NameTagBody>, ctx: Context) {
      const w = await branded(ctx, input.path.webinarId);
      const b = input.body;
      checkColors(b);
      const tags = w.data.name_tags ?? [];
      const tag = tags.find((t) => t.id === input.path.nameTagId);
      if (!tag) throw nameTagMissing(input.path.nameTagId);
      for (const k of ['name', 'text_color', 'accent_color', 'background_color'] as const) if (b[k] !== undefined) tag[k] = b[k]!;
      if (b.is_default !== undefined) {
        for (const t of tags) if (b.is_default && t !== tag) t.is_default = false;
        tag.is_default = b.is_default;
      }
      await save(ctx, w);
      if (tag.is_default && b.set_default_for_all_panelists !== false) await toPanelists(ctx, w, 'name_tag_id', tag.id);
    },

    async deleteWebinarBrandingNameTag(input: Input<WebinarPath, { name_tag_ids?: string }>, ctx: Context) {
      const w = await branded(ctx, input.path.webinarId);
      const gone = ids(input.query.name_tag_ids);
      const tags = w.data.name_tags ?? [];
      const unknown = gone.find((id) => !tags.some((t) => t.id === id));
      if (unknown !== undefined) throw nameTagMissing(unknown);
      // No ids: every name tag goes.
      w.data.name_tags = gone.length === 0 ? [] : tags.filter((t) => !gone.includes(t.id));
      await save(ctx, w);
      for (const p of await repo.listPanelists(ctx.db, ctx.account.id, w.id)) {
        if (p.data.name_tag_id !== undefined && !w.data.name_tags.some((t) => t.id === p.data.name_tag_id)) {
          delete p.data.name_tag_id;
          await repo.updatePanelist(ctx.db, ctx.account.id, p);
        }
      }
    },

    async uploadWebinarBrandingVB(input: Input<WebinarPath, Record<string, never>, MultipartBody>, ctx: Context) {
      const w = await branded(ctx, input.path.webinarId);
      const list = w.data.virtual_backgrounds ?? [];
      if (list.length >= MAX_BACKGROUNDS) throw new ZoomError(400, 120, `A maximum of ${MAX_BACKGROUNDS} files are allowed for a webinar.`);
      const f = await store(ctx, w, 'webinar_vb', input.body);
      const isDefault = String(input.body?.default ?? 'false') === 'true';
      f.is_default = isDefault;
      w.data.virtual_backgrounds = [...list.map((b) => (isDefault ? { ...b, is_default: false } : b)), f];
      await save(ctx, w);
      if (isDefault && String(input.body?.set_default_for_all_panelists ?? 'true') !== 'false') await toPanelists(ctx, w, 'virtual_background_id', f.id);
      return { ...fileView(ctx, w, f), is_default: isDefault };
    },

    async setWebinarBrandingVB(input: Input<WebinarPath, { id?: string; set_default_for_all_panelists?: boolean }>, ctx: Context) {
      const w = await branded(ctx, input.path.webinarId);
      const list = w.data.virtual_backgrounds ?? [];
      const id = input.query.id ?? '';
      if (!list.some((b) => b.id === id)) throw Errors.validation([{ field: 'id', message: 'Invalid field.' }]);
      w.data.virtual_backgrounds = list.map((b) => ({ ...b, is_default: b.id === id }));
      await save(ctx, w);
      if (String(input.query.set_default_for_all_panelists ?? 'true') !== 'false') await toPanelists(ctx, w, 'virtual_background_id', id);
    },

    async deleteWebinarBrandingVB(input: Input<WebinarPath, { ids?: string }>, ctx: Context) {
      const w = await branded(ctx, input.path.webinarId);
      const list = w.data.virtual_backgrounds ?? [];
      const gone = ids(input.query.ids);
      const removed = gone.length === 0 ? list : list.filter((b) => gone.includes(b.id));
      if (gone.length > removed.length) throw Errors.validation([{ field: 'ids', message: 'Invalid field.' }]);
      await deleteFiles(ctx.db, ctx.account.id, 'webinar_vb', w.id, removed.map((b) => b.id));
      w.data.virtual_backgrounds = list.filter((b) => !removed.includes(b));
      await save(ctx, w);
      for (const p of await repo.listPanelists(ctx.db, ctx.account.id, w.id)) {
        if (removed.some((b) => b.id === p.data.virtual_background_id)) {
          delete p.data.virtual_background_id;
          await repo.updatePanelist(ctx.db, ctx.account.id, p);
        }
      }
    },

    async uploadWebinarBrandingWallpaper(input: Input<WebinarPath, Record<string, never>, MultipartBody>, ctx: Context) {
      const w = await branded(ctx, input.path.webinarId);
      // One wallpaper: the new one replaces the old.
      await deleteFiles(ctx.db, ctx.account.id, 'webinar_wallpaper', w.id);
      const f = await store(ctx, w, 'webinar_wallpaper', input.body);
      w.data.wallpaper = f;
      await save(ctx, w);
      return fileView(ctx, w, f);
    },

    async deleteWebinarBrandingWallpaper(input: Input<WebinarPath>, ctx: Context) {
      const w = await branded(ctx, input.path.webinarId);
      await deleteFiles(ctx.db, ctx.account.id, 'webinar_wallpaper', w.id);
      delete w.data.wallpaper;
      await save(ctx, w);
    },
  };
}
