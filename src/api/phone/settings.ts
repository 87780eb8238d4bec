// A phone user's settings (Phone: get settings; add, update, delete a setting
// by settingType): shared access to voicemail and call recordings, delegation
// (assistants), intercom and desk phone settings.
import type { Context, Input } from '../../core/provider.ts';
import { zoomId } from '../../core/ids.ts';
import { country } from '../../core/countries.ts';
import { PhoneErrors } from '../../phone/errors.ts';
import type { PhoneUser } from '../../phone/model.ts';
import * as phone from '../../phone/repository.ts';
import { phoneAccount, phoneUserOf } from './common.ts';

type Entry = Record<string, unknown>;
/** Shared access lists: who may reach this user's voicemail or recordings. */
const LISTS = ['voice_mail', 'voicemail_access_members', 'auto_call_recording_access_members', 'ad_hoc_call_recording_access_members'] as const;
type ListType = (typeof LISTS)[number];
/** Every settingType the operations take. */
const SETTING_TYPES = new Set<string>([...LISTS, 'delegation', 'intercom', 'desk_phone']);

/** A policy's access members list, as the phone user answer shows it. */
export function accessMembers(pu: PhoneUser, list: string): Entry[] {
  const key = list === 'voicemail_access_members' ? 'voice_mail' : list;
  return (pu.shared[key] ?? []).map((e) =>
    list === 'voicemail_access_members'
      ? { access_user_id: e.access_user_id, access_user_type: e.access_user_type, allow_delete: e.delete, allow_download: e.download, allow_sharing: e.allow_sharing ?? false, shared_id: e.shared_id }
      : e,
  );
}

/** voice_mail and voicemail_access_members are two views of one list. */
const storeKey = (t: ListType): string => (t === 'voicemail_access_members' ? 'voice_mail' : t);

/** The user (or common area phone) that access is shared with: one of the account's. */
async function accessTarget(ctx: Context, id: string | undefined, type: string | undefined): Promise<void> {
  if (!id) throw PhoneErrors.subSettingInvalid();
  const owner = await phone.getExtensionOf(ctx.db, ctx.account.id, type === 'commonArea' ? 'commonArea' : 'user', id);
  if (!owner) throw PhoneErrors.userNotFound(id);
}

/** An entry of a list in its stored (voice_mail) shape. */
function entryOf(t: ListType, m: Entry, shared_id: string): Entry {
  if (t === 'voice_mail') return { access_user_id: m.access_user_id, access_user_type: m.access_user_type ?? 'user', delete: m.delete ?? false, download: m.download ?? false, shared_id };
  if (t === 'voicemail_access_members') {
    return { access_user_id: m.access_user_id, access_user_type: m.access_user_type ?? 'user', delete: m.allow_delete ?? false, download: m.allow_download ?? false, allow_sharing: m.allow_sharing ?? false, shared_id };
  }
  return { access_user_id: m.access_user_id, allow_delete: m.allow_delete ?? false, allow_download: m.allow_download ?? false, shared_id };
}

async function assistants(ctx: Context, pu: PhoneUser): Promise<Entry[]> {
  const out: Entry[] = [];
  for (const id of (pu.settings.assistants as string[] | undefined) ?? []) {
    const x = await phone.getExtensionById(ctx.db, ctx.account.id, id);
    if (x) out.push({ id: x.owner_id, display_name: x.name, extension_id: x.extension_id, extension_number: x.extension_number, extension_type: x.owner_type });
  }
  return out;
}

const delegation = async (ctx: Context, pu: PhoneUser) => ({
  assistants: await assistants(ctx, pu),
  privacy: (pu.settings.delegation_privacy as boolean | undefined) ?? false,
  privileges: (pu.settings.delegation_privileges as number[] | undefined) ?? [1, 2, 3],
  locked: false,
});

function settingType(type: string): string {
  if (!SETTING_TYPES.has(type)) throw PhoneErrors.settingTypeInvalid(type);
  return type;
}

interface AddBody {
  delegation_assistant_extension_id?: string;
  device_id?: string;
  voice_mail?: Entry;
  voicemail_access_members?: Entry[];
  auto_call_recording_access_members?: Entry[];
  ad_hoc_call_recording_access_members?: Entry[];
}

export const phoneUserSettingOperations = {
  async phoneUserSettings(input: Input<{ userId: string }>, ctx: Context) {
    const pu = await phoneUserOf(ctx, input.path.userId);
    const site = (await phone.getSite(ctx.db, ctx.account.id, pu.site_id)) ?? (await phoneAccount(ctx));
    const numbers = await phone.numbersOf(ctx.db, ctx.account.id, 'user', pu.user_id);
    const company = await phone.mainCompanyNumber(ctx.db, ctx.account.id);
    const intercoms: Entry[] = [];
    for (const id of (pu.settings.intercoms as string[] | undefined) ?? []) {
      const x = await phone.getExtensionById(ctx.db, ctx.account.id, id);
      if (x) intercoms.push({ extension_id: x.extension_id, extension_number: String(x.extension_number), extension_type: x.owner_type, display_name: x.name, status: 'active', device_status: 'no device' });
    }
    return {
      area_code: (pu.settings.area_code as string | undefined) ?? '',
      audio_prompt_language: (pu.settings.audio_prompt_language as string | undefined) ?? 'en-US',
      company_number: company?.number ?? '',
      country: { code: site.country.code, country_code: country(site.country.code)?.code ?? '', name: site.country.name },
      delegation: await delegation(ctx, pu),
      desk_phone: { devices: [], phone_screen_lock: (pu.settings.phone_screen_lock as boolean | undefined) ?? false, pin_code: (pu.settings.pin_code as string | undefined) ?? '' },
      extension_number: pu.extension_number,
      outbound_caller: { number: numbers[0]?.number ?? '' },
      outbound_caller_ids: numbers.map((n, i) => ({ is_default: i === 0, name: n.display_name || 'Direct number', number: n.number })),
      status: pu.status === 'deactivate' ? 'Inactive' : 'Active',
      voice_mail: accessMembers(pu, 'voice_mail'),
      intercom: { audio_intercoms: intercoms },
      auto_call_recording_access_members: accessMembers(pu, 'auto_call_recording_access_members'),
      ad_hoc_call_recording_access_members: accessMembers(pu, 'ad_hoc_call_recording_access_members'),
    };
  },

  async addUserSetting(input: Input<{ userId: string; settingType: string }, Record<string, never>, AddBody>, ctx: Context) {
    const pu = await phoneUserOf(ctx, input.path.userId);
    const type = settingType(input.path.settingType);
    const b = input.body;
    if (type === 'delegation') {
      const id = b.delegation_assistant_extension_id;
      if (!id) throw PhoneErrors.assistantRequired();
      const x = await phone.getExtensionById(ctx.db, ctx.account.id, id);
      if (!x) throw PhoneErrors.assistantNotFound(id);
      if ((x.owner_type !== 'user' && x.owner_type !== 'commonArea') || x.owner_id === pu.user_id) throw PhoneErrors.assistantNotUser();
      pu.settings.assistants = [...new Set([...((pu.settings.assistants as string[] | undefined) ?? []), id])];
      await phone.updatePhoneUser(ctx.db, ctx.account.id, pu);
      return { delegation: await delegation(ctx, pu) };
    }
    if (!(LISTS as readonly string[]).includes(type)) throw PhoneErrors.subSettingInvalid();
    const t = type as ListType;
    const given: Entry[] = t === 'voice_mail' ? (b.voice_mail ? [b.voice_mail] : []) : ((b[t] as Entry[] | undefined) ?? []);
    if (given.length === 0) throw PhoneErrors.subSettingInvalid();
    const list = [...(pu.shared[storeKey(t)] ?? [])];
    const added: Entry[] = [];
    for (const m of given) {
      await accessTarget(ctx, m.access_user_id as string | undefined, m.access_user_type as string | undefined);
      if (m.access_user_id === pu.user_id || list.some((e) => e.access_user_id === m.access_user_id)) throw PhoneErrors.voicemailShared();
      const e = entryOf(t, m, zoomId());
      list.push(e);
      added.push(e);
    }
    pu.shared[storeKey(t)] = list;
    await phone.updatePhoneUser(ctx.db, ctx.account.id, pu);
    if (t === 'voice_mail') return { voice_mail: added[0] };
    return { [t]: accessMembers(pu, t) };
  },

  async updateUserSetting(input: Input<{ userId: string; settingType: string }, Record<string, never>, Record<string, unknown>>, ctx: Context) {
    const pu = await phoneUserOf(ctx, input.path.userId);
    const type = settingType(input.path.settingType);
    const b = input.body;
    if (type === 'delegation') {
      const d = (b.delegation ?? {}) as { privacy?: boolean; privileges?: number[] };
      if (d.privacy !== undefined) pu.settings.delegation_privacy = d.privacy;
      if (d.privileges !== undefined) pu.settings.delegation_privileges = [...new Set(d.privileges)];
    } else if (type === 'desk_phone') {
      const d = (b.desk_phone ?? {}) as { pin_code?: string; phone_screen_lock?: boolean };
      if (d.pin_code !== undefined) {
        if (!/^\d{4,10}$/.test(d.pin_code)) throw PhoneErrors.pinInvalid();
        pu.settings.pin_code = d.pin_code;
      }
      if (d.phone_screen_lock !== undefined) pu.settings.phone_screen_lock = d.phone_screen_lock;
    } else if (type === 'intercom') {
      const id = (b.intercom as { extension_id?: string } | undefined)?.extension_id;
      if (!id || !(await phone.getExtensionById(ctx.db, ctx.account.id, id))) throw PhoneErrors.subSettingInvalid();
      pu.settings.intercoms = [...new Set([...((pu.settings.intercoms as string[] | undefined) ?? []), id])];
    } else {
      const t = type as ListType;
      const given: Entry[] = t === 'voice_mail' ? (b.voice_mail ? [b.voice_mail as Entry] : []) : ((b[t] as Entry[] | undefined) ?? []);
      const list = [...(pu.shared[storeKey(t)] ?? [])];
      for (const m of given) {
        const i = list.findIndex((e) => e.shared_id === m.shared_id || (m.shared_id === undefined && e.access_user_id === m.access_user_id));
        if (i < 0) throw PhoneErrors.sharedNotFound(String(m.shared_id ?? m.access_user_id ?? ''));
        const merged = entryOf(t, { ...accessMembers({ ...pu, shared: { [storeKey(t)]: [list[i]!] } }, t === 'voice_mail' ? 'voice_mail' : t)[0], ...m }, list[i]!.shared_id as string);
        list[i] = merged;
      }
      pu.shared[storeKey(t)] = list;
    }
    await phone.updatePhoneUser(ctx.db, ctx.account.id, pu);
  },

  async deleteUserSetting(
    input: Input<{ userId: string; settingType: string }, { shared_id?: string; assistant_extension_id?: string; device_id?: string; intercom_extension_id?: string }>,
    ctx: Context,
  ) {
    const pu = await phoneUserOf(ctx, input.path.userId);
    const type = input.path.settingType;
    if (!SETTING_TYPES.has(type)) throw PhoneErrors.subSettingInvalid();
    const q = input.query;
    const drop = (key: string, id: string | undefined) => {
      const list = (pu.settings[key] as string[] | undefined) ?? [];
      if (!id || !list.includes(id)) throw PhoneErrors.sharedNotFound(id ?? '');
      pu.settings[key] = list.filter((x) => x !== id);
    };
    if (type === 'delegation') drop('assistants', q.assistant_extension_id);
    else if (type === 'intercom') drop('intercoms', q.intercom_extension_id);
    else if (type === 'desk_phone') throw PhoneErrors.subSettingInvalid();
    else {
      const key = storeKey(type as ListType);
      const list = pu.shared[key] ?? [];
      if (!q.shared_id || !list.some((e) => e.shared_id === q.shared_id)) throw PhoneErrors.sharedNotFound(q.shared_id ?? '');
      pu.shared[key] = list.filter((e) => e.shared_id !== q.shared_id);
    }
    await phone.updatePhoneUser(ctx.db, ctx.account.id, pu);
  },
};
