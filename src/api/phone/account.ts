// The phone system of the account (Phone: settings, set-up, SIP trunks,
// setting templates): what an admin configures once for every phone user.
import { zoomId } from '../../core/ids.ts';
import type { Context, Input } from '../../core/provider.ts';
import { country } from '../../core/countries.ts';
import { PhoneErrors } from '../../phone/errors.ts';
import { hasPhone, mergeDeep } from '../../phone/model.ts';
import { DEFAULT_ADDRESS, setUpPhone } from '../../phone/provisioning.ts';
import * as phone from '../../phone/repository.ts';
import { phoneAccount, siteOf } from './common.ts';
import * as repo from './repository.ts';

/** Setting template types (Zoom's 2021 list; `autoReceptionist` also as Zoom's misspelt `autReceptionist`). */
const TEMPLATE_TYPES = new Set(['user', 'group', 'autoReceptionist', 'autReceptionist', 'commonArea', 'zr', 'interop']);
/** Extension numbers Zoom keeps for itself (emergency and service codes). */
const RESERVED = new Set(['911', '933', '112', '999', '000', '211', '311', '411', '511', '611', '711', '811']);

interface TemplateBody {
  name?: string;
  description?: string;
  type?: string;
  site_id?: string;
  policy?: Record<string, unknown>;
  profile?: Record<string, unknown>;
  user_settings?: Record<string, unknown>;
}

async function templateOf(ctx: Context, id: string): Promise<repo.Template> {
  await phoneAccount(ctx);
  const t = await repo.getTemplate(ctx.db, ctx.account.id, id);
  if (!t) throw PhoneErrors.templateNotFound(id);
  return t;
}

export const accountOperations = {
  async updatePhoneSettings(
    input: Input<Record<string, never>, Record<string, never>, { byoc?: { enable?: boolean }; multiple_sites?: { enabled?: boolean; site_code?: { enable?: boolean; short_extension_length?: number } }; show_device_ip_for_call_log?: { enable?: boolean }; billing_account?: { id?: string } }>,
    ctx: Context,
  ) {
    await phoneAccount(ctx);
    const before = await repo.getSettings(ctx.db, ctx.account.id);
    const b = input.body;
    if (b.multiple_sites?.enabled === false && before.multiple_sites.enabled && (await phone.countSites(ctx.db, ctx.account.id)) > 1) throw PhoneErrors.disableSitesFirst();
    const after = mergeDeep(before as unknown as Record<string, unknown>, b as Record<string, unknown>) as unknown as repo.PhoneSettings;
    await repo.putSettings(ctx.db, ctx.account.id, after);
    await ctx.emit('phone.account_settings_updated', { object: { id: ctx.account.id, settings: b }, old_object: { id: ctx.account.id, settings: pick(before, Object.keys(b)) } });
  },

  async setUpAccount(input: Input<{ accountId: string }, Record<string, never>, { extension_number: string; emergency_address: { country: string; address_line1: string; address_line2?: string; state_code?: string; city?: string; zip?: string } }>, ctx: Context) {
    if (!hasPhone(ctx.account)) throw PhoneErrors.notPhoneAccount();
    const b = input.body;
    if (!/^\d{3,6}$/.test(b.extension_number) || RESERVED.has(b.extension_number)) throw PhoneErrors.reservedExtension(b.extension_number);
    const a = b.emergency_address;
    if (!country(a.country)) throw PhoneErrors.invalidCountry();
    if (await phone.mainSite(ctx.db, ctx.account.id)) throw PhoneErrors.alreadySetUp();
    const address = { ...DEFAULT_ADDRESS, state_code: '', city: '', zip: '', ...a, country: a.country.toUpperCase() };
    await setUpPhone(ctx.db, ctx.account, ctx.clock.iso(), { address, owner_extension: Number(b.extension_number) });
  },

  async postPhoneSIPTrunk(input: Input<{ accountId: string }, Record<string, never>, { sip_trunks?: Array<{ id?: string; name?: string; carrier_account?: string }> }>, ctx: Context) {
    await phoneAccount(ctx);
    const made: repo.SipTrunk[] = [];
    for (const t of input.body.sip_trunks ?? []) {
      const trunk: repo.SipTrunk = { id: zoomId(), name: t.name ?? 'master SIP Trunk name', carrier: '', carrier_account: t.carrier_account ?? '', region: 'US', sbc_label: '' };
      await repo.insertTrunk(ctx.db, ctx.account.id, trunk, ctx.clock.iso());
      made.push(trunk);
    }
    return { sip_trunks: made.map((t) => ({ id: t.id, name: t.name, carrier_account: t.carrier_account })) };
  },

  async updatePhoneSIPTrunk(input: Input<{ accountId: string; sipTrunkId: string }, Record<string, never>, { name?: string; carrier_account?: string }>, ctx: Context) {
    await phoneAccount(ctx);
    const t = await repo.getTrunk(ctx.db, ctx.account.id, input.path.sipTrunkId);
    if (!t) throw PhoneErrors.trunkNotFound(input.path.sipTrunkId);
    if (input.body.name !== undefined) t.name = input.body.name;
    if (input.body.carrier_account !== undefined) t.carrier_account = input.body.carrier_account;
    await repo.updateTrunk(ctx.db, ctx.account.id, t);
  },

  async listBYOCSIPTrunk(input: Input, ctx: Context) {
    await phoneAccount(ctx);
    const total = await input.page.total(() => repo.countTrunks(ctx.db, ctx.account.id));
    const { items, last } = await repo.listTrunks(ctx.db, ctx.account.id, input.page);
    const { next_page_token, page_size } = input.page.respond(total, {}, last);
    return { byoc_sip_trunk: items, next_page_token, page_size };
  },

  async listSettingTemplates(input: Input<Record<string, never>, { site_id?: string }>, ctx: Context) {
    await phoneAccount(ctx);
    if (input.query.site_id !== undefined) await siteOf(ctx, input.query.site_id);
    const total = await input.page.total(() => repo.countTemplates(ctx.db, ctx.account.id, input.query.site_id));
    const { items, last } = await repo.listTemplates(ctx.db, ctx.account.id, input.query.site_id, input.page);
    return input.page.respond(total, { templates: items.map((t) => ({ id: t.id, name: t.name, description: t.description, type: t.type === 'autoReceptionist' ? 'autReceptionist' : t.type })) }, last);
  },

  async addSettingTemplate(input: Input<Record<string, never>, Record<string, never>, TemplateBody & { name: string; type: string }>, ctx: Context) {
    await phoneAccount(ctx);
    const b = input.body;
    if (!TEMPLATE_TYPES.has(b.type)) throw PhoneErrors.templateType();
    if (b.site_id !== undefined) await siteOf(ctx, b.site_id);
    const t: repo.Template = { id: zoomId(), name: b.name, description: b.description ?? '', type: b.type === 'autReceptionist' ? 'autoReceptionist' : b.type, ...(b.site_id !== undefined ? { site_id: b.site_id } : {}) };
    await repo.insertTemplate(ctx.db, ctx.account.id, t, ctx.clock.iso());
    return { id: t.id, name: t.name, description: t.description, type: t.type };
  },

  async getSettingTemplate(input: Input<{ templateId: string }>, ctx: Context) {
    const t = await templateOf(ctx, input.path.templateId);
    return { id: t.id, name: t.name, description: t.description, type: t.type, policy: t.policy ?? {}, profile: t.profile ?? {}, user_settings: t.user_settings ?? {} };
  },

  async updateSettingTemplate(input: Input<{ templateId: string }, Record<string, never>, TemplateBody>, ctx: Context) {
    const t = await templateOf(ctx, input.path.templateId);
    const b = input.body;
    if (b.name !== undefined) t.name = b.name;
    if (b.description !== undefined) t.description = b.description;
    for (const k of ['policy', 'profile', 'user_settings'] as const) if (b[k] !== undefined) t[k] = mergeDeep(t[k] ?? {}, b[k]!);
    const pin = (t.user_settings?.desk_phone as { pin_code?: string } | undefined)?.pin_code;
    if (pin !== undefined && !/^\d*$/.test(pin)) throw PhoneErrors.pinInvalid();
    await repo.updateTemplate(ctx.db, ctx.account.id, t);
  },
};

function pick(o: object, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in o) out[k] = (o as Record<string, unknown>)[k];
  return out;
}
