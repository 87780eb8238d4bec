// SIP phones (8 operations): today's `/sip_phones/phones` operations and the
// 2021 `/sip_phones` ones, over the same stored phones. Both need the
// account's SIP phone integration (its `sip_phone` add-on).
import { Errors } from '../../core/errors.ts';
import { JsonText } from '../../core/pagination.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { getUserByEmail } from '../users/repository.ts';
import { checkDomain, checkServer, DEFAULT_EXPIRE, legacyResponse, phoneResponse, serversFromLegacy, type SipPhone, type SipServer } from './model.ts';
import * as repo from './repository.ts';

interface PhoneFields {
  authorization_name: string;
  domain: string;
  password: string;
  registration_expire_time?: number;
  user_name: string;
  voice_mail?: string;
  display_number?: string;
  server?: SipServer;
  server_2?: SipServer;
  server_3?: SipServer;
}

interface LegacyBody extends Record<string, unknown> {
  domain: string;
  user_name: string;
  password: string;
  authorization_name: string;
  voice_mail: string;
  registration_expire_time?: number;
  user_email?: string;
}

function integrated(ctx: Context, legacy: boolean): void {
  if (!ctx.account.data.addons?.sip_phone) throw legacy ? Errors.sipPhoneNotEnabledLegacy() : Errors.sipPhoneNotEnabled();
}

/** A phone's fields, checked, over what it had (`base`). */
function phoneFrom(base: SipPhone, b: Partial<PhoneFields>): SipPhone {
  if (b.domain !== undefined) checkDomain(b.domain);
  const next: SipPhone = { ...base };
  for (const k of ['authorization_name', 'domain', 'password', 'user_name', 'voice_mail', 'display_number', 'registration_expire_time'] as const) {
    if (b[k] !== undefined) (next as unknown as Record<string, unknown>)[k] = b[k];
  }
  if (b.server !== undefined) next.server = checkServer('server', b.server, true)!;
  for (const k of ['server_2', 'server_3'] as const) {
    if (b[k] === undefined) continue;
    const s = checkServer(k, b[k], false);
    if (s) next[k] = s;
    else delete next[k];
  }
  return next;
}

async function create(ctx: Context, email: string, fields: PhoneFields, legacy: boolean): Promise<SipPhone> {
  integrated(ctx, legacy);
  const user = await getUserByEmail(ctx.db, ctx.account.id, email);
  if (!user) throw Errors.sipPhoneUserNotFound(email);
  if (await repo.phoneOfUser(ctx.db, ctx.account.id, user.id)) throw legacy ? Errors.sipPhoneEmailTakenLegacy() : Errors.sipPhoneEmailTaken();
  const blank: SipPhone = {
    phone_id: zoomId(),
    user_id: user.id,
    user_email: user.email,
    user_name: '',
    password: '',
    authorization_name: '',
    domain: '',
    registration_expire_time: DEFAULT_EXPIRE,
    voice_mail: '',
    server: {},
  };
  const phone = phoneFrom(blank, fields);
  await repo.insertPhone(ctx.db, ctx.account.id, phone, ctx.clock.iso());
  return phone;
}

const legacyFields = (b: LegacyBody): PhoneFields => ({
  domain: b.domain,
  user_name: b.user_name,
  password: b.password,
  authorization_name: b.authorization_name,
  voice_mail: b.voice_mail,
  ...(b.registration_expire_time !== undefined ? { registration_expire_time: b.registration_expire_time } : {}),
  server: serversFromLegacy(b, '') ?? {},
  server_2: serversFromLegacy(b, '2') ?? {},
  server_3: serversFromLegacy(b, '3') ?? {},
});

export function createSipPhonesProvider(deps: ProviderDeps): Provider {
  // Pages of today's List SIP phones: kept until a phone, or a user (phones are listed with their users), of the account changes.
  const pages = deps.readCache('sip_phones', (c) => (c.kind === 'object' && (c.object === 'sip_phones' || c.object === 'user') ? { accountId: c.accountId } : undefined));
  return {
    // ---- Today's operations ----
    async ListSIPPhonePhones(input: Input<Record<string, never>, { search_key?: string }>, ctx: Context) {
      integrated(ctx, false);
      const search = input.query.search_key?.trim() || undefined;
      return pages.readPage(ctx.account.id, input.page.key, ctx.clock.now(), async () => {
        const total = await input.page.total(() => repo.countPhones(ctx.db, ctx.account.id, search));
        const { items, last } = await repo.listPhoneEntries(ctx.db, ctx.account.id, search, input.page);
        const { next_page_token, page_size } = input.page.respond(total, {}, last);
        // Zoom's answer has no total here: the token and the page size only.
        return new JsonText(`{"next_page_token":${JSON.stringify(next_page_token)},"page_size":${page_size},"phones":[${items}]}`);
      });
    },

    async EnableSIPPhonePhones(input: Input<Record<string, never>, Record<string, never>, PhoneFields & { user_email: string }>, ctx: Context) {
      return phoneResponse(await create(ctx, input.body.user_email, input.body, false));
    },

    async UpdateSIPPhonePhones(input: Input<{ phoneId: string }, Record<string, never>, Partial<PhoneFields>>, ctx: Context) {
      integrated(ctx, false);
      const phone = await repo.getPhone(ctx.db, ctx.account.id, input.path.phoneId);
      if (!phone) throw Errors.sipPhoneNotFound(input.path.phoneId);
      await repo.updatePhone(ctx.db, ctx.account.id, phoneFrom(phone, input.body));
    },

    async deleteSIPPhonePhones(input: Input<{ phoneId: string }>, ctx: Context) {
      integrated(ctx, false);
      if (!(await repo.getPhone(ctx.db, ctx.account.id, input.path.phoneId))) throw Errors.sipPhoneNotFound(input.path.phoneId);
      await repo.deletePhone(ctx.db, ctx.account.id, input.path.phoneId);
    },

    // ---- The 2021 operations ----
    async listSipPhones(input: Input<Record<string, never>, { search_key?: string }>, ctx: Context) {
      integrated(ctx, true);
      const search = input.query.search_key?.trim() || undefined;
      const total = await input.page.total(() => repo.countPhones(ctx.db, ctx.account.id, search));
      const { phones, last } = await repo.listPhones(ctx.db, ctx.account.id, search, input.page);
      return input.page.respond(total, { phones: phones.map(legacyResponse) }, last);
    },

    async createSIPPhone(input: Input<Record<string, never>, Record<string, never>, LegacyBody & { user_email: string }>, ctx: Context) {
      await create(ctx, input.body.user_email, legacyFields(input.body), true);
    },

    async updateSIPPhone(input: Input<{ phoneId: string }, Record<string, never>, LegacyBody>, ctx: Context) {
      integrated(ctx, true);
      const phone = await repo.getPhone(ctx.db, ctx.account.id, input.path.phoneId);
      if (!phone) throw Errors.sipPhoneNotFoundLegacy();
      await repo.updatePhone(ctx.db, ctx.account.id, phoneFrom(phone, legacyFields(input.body)));
    },

    async deleteSIPPhone(input: Input<{ phoneId: string }>, ctx: Context) {
      integrated(ctx, true);
      if (!(await repo.getPhone(ctx.db, ctx.account.id, input.path.phoneId))) throw Errors.sipPhoneNotFoundLegacy();
      await repo.deletePhone(ctx.db, ctx.account.id, input.path.phoneId);
    },
  };
}
