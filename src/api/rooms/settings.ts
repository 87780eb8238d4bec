// Zoom Rooms settings, inherited account → locations (outermost first) → room,
// on the organisation's settings engine (src/api/settings): the same stored
// overrides, deep merge and effective value; each level's defaults come from
// Zoom's response schema for that level. `setting_type` picks the sections.
import { zoomId } from '../../core/ids.ts';
import type { Context } from '../../core/provider.ts';
import { responseSchema, valueFor } from '../settings/defaults.ts';
import { deepMerge, effective, pickSections, restrictTo, type Doc, type Layer } from '../settings/model.ts';
import * as settings from '../settings/repository.ts';
import { RoomsErrors } from './errors.ts';

export type RoomsLevel = 'zr_account' | 'zr_location' | 'zr_room';

/** One level of the chain: its settings row. */
export interface LevelRef {
  level: RoomsLevel;
  ownerId: string;
}

const SCHEMAS: Record<RoomsLevel, [string, string]> = {
  zr_account: ['rooms-account', 'getZRAccountSettings'],
  zr_location: ['rooms-location', 'getZRLocationSettings'],
  zr_room: ['rooms', 'getZRSettings'],
};

/** The sections each `setting_type` answers and changes. */
const SECTIONS: Record<string, readonly string[]> = {
  meeting: ['meeting_security', 'zoom_rooms'],
  alert: ['client_alert', 'notification'],
  signage: ['digital_signage'],
  scheduling_display: ['scheduling_display'],
};

/** Zoom's out-of-the-box Zoom Rooms values where a schema's first value would not be (web portal defaults). */
const REALISTIC: Doc = {
  zoom_rooms: {
    display_meeting_list: true,
    display_top_banner: true,
    upcoming_meeting_alert: true,
    show_alert_before_meeting: true,
    weekly_system_restart: true,
    encrypt_shared_screen_content: true,
    auto_direct_sharing: true,
    count_attendees_number_in_room: true,
    show_non_video_participants: true,
  },
  meeting_security: { encryption_type: 'enhanced_encryption', waiting_room: true, meeting_password: true, require_password_for_scheduled_meeting: true },
  notification: {
    battery_low_and_not_charging: true,
    battery_percentage: '20',
    zoom_room_offline: true,
    zoom_room_come_back_online: true,
    cpu_usage_high_detected: true,
    controller_scheduling_disconnected: true,
    mic_speaker_camera_disconnected: true,
  },
  client_alert: { detect_camera_error_alert: true, detect_microphone_error_alert: true, detect_speaker_error_alert: true },
  digital_signage: { display_period: { start_displaying_content: 5, stop_displaying_content: 5 }, layout: 'full_screen' },
  scheduling_display: { instant_room_reservation: true, reserve_other_rooms: { location_types: 'floor' } },
};

const cache = new Map<RoomsLevel, Doc>();
export function defaultsFor(level: RoomsLevel): Doc {
  let d = cache.get(level);
  if (!d) {
    const base = valueFor(responseSchema(...SCHEMAS[level])) as Doc;
    d = deepMerge(base, restrictTo(base, REALISTIC));
    cache.set(level, d);
  }
  return d;
}

export function sectionsOf(settingType: string | undefined): readonly string[] {
  const sections = SECTIONS[settingType ?? 'meeting'];
  if (!sections) throw RoomsErrors.invalidParameter('setting_type');
  return sections;
}

/** The effective settings of the last level of `chain` (account first). */
async function effectiveOf(ctx: Context, chain: readonly LevelRef[]): Promise<Doc> {
  const own = chain[chain.length - 1]!;
  const defaults = defaultsFor(own.level);
  const layers: Layer[] = [];
  for (const ref of chain) {
    const o = await settings.getOverrides(ctx.db, ctx.account.id, ref.level, ref.ownerId);
    layers.push({ settings: restrictTo(defaults, o.settings ?? {}), locked: new Set() });
  }
  return effective(defaults, layers);
}

export async function readRoomsSettings(ctx: Context, chain: readonly LevelRef[], settingType: string | undefined): Promise<Doc> {
  const sections = sectionsOf(settingType);
  return pickSections(await effectiveOf(ctx, chain), sections);
}

/** PATCH-merge of the last level's settings, within the sections of `setting_type`. */
export async function updateRoomsSettings(ctx: Context, chain: readonly LevelRef[], settingType: string | undefined, body: Doc): Promise<void> {
  const sections = sectionsOf(settingType);
  const own = chain[chain.length - 1]!;
  const patch = restrictTo(defaultsFor(own.level), pickSections(body, sections));
  const o = await settings.getOverrides(ctx.db, ctx.account.id, own.level, own.ownerId);
  const signage = patch.digital_signage as Doc | undefined;
  if (signage?.play_list !== undefined) {
    const current = ((await effectiveOf(ctx, chain)).digital_signage as Doc).play_list as Doc[];
    signage.play_list = applyPlayList(current, signage.play_list as Doc[]);
  }
  o.settings = deepMerge(o.settings ?? {}, patch);
  await settings.putOverrides(ctx.db, ctx.account.id, own.level, own.ownerId, o, ctx.clock.iso());
}

/** Settings rows of a room or location that no longer exists. */
export async function dropRoomsSettings(ctx: Context, ref: LevelRef): Promise<void> {
  await settings.deleteOverrides(ctx.db, ctx.account.id, ref.level, ref.ownerId);
}

/**
 * Digital signage play lists change item by item: `action` add (a new list,
 * given an id), update (merged into the list of that id) or delete. Contents
 * get ids too. At most two lists, as the schema says.
 */
export function applyPlayList(current: readonly Doc[], changes: readonly Doc[]): Doc[] {
  let out = current.map((p) => structuredClone(p));
  for (const change of changes) {
    const { action, ...fields } = change;
    const withIds = (contents: unknown) => (Array.isArray(contents) ? contents.map((c: Doc) => ({ ...omit(c, 'action'), id: (c.id as string | undefined) ?? zoomId() })) : undefined);
    if (action === 'add' || (action === undefined && fields.id === undefined)) {
      out.push({ ...fields, id: zoomId(), contents: withIds(fields.contents) ?? [] });
      continue;
    }
    const at = out.findIndex((p) => p.id === fields.id);
    if (at < 0) throw RoomsErrors.invalidParameter(`play_list id ${String(fields.id)}`);
    if (action === 'delete') out = out.filter((_, i) => i !== at);
    else out[at] = { ...out[at], ...fields, ...(fields.contents !== undefined ? { contents: withIds(fields.contents) } : {}) };
  }
  if (out.length > 2) throw RoomsErrors.invalidParameter('play_list (at most 2 play lists)');
  return out;
}

function omit(doc: Doc, key: string): Doc {
  const { [key]: _gone, ...rest } = doc;
  return rest;
}
