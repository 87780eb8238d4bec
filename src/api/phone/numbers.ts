// Numbers and plans (Phone: list, get, update numbers; BYOC numbers; the
// main company number; calling plans). A number belongs to one assignee at
// most (the shared model's assignNumbers); the list filters as Zoom's does.
import { zoomId } from '../../core/ids.ts';
import type { Context, Input } from '../../core/provider.ts';
import { JsonText } from '../../core/pagination.ts';
import type { ReadCache } from '../../core/read-cache.ts';
import { PhoneErrors } from '../../phone/errors.ts';
import { callingPlansOf, e164, type Assignee, type PhoneNumber } from '../../phone/model.ts';
import * as phone from '../../phone/repository.ts';
import { phoneAccount, siteOf } from './common.ts';
import { getTrunk } from './repository.ts';

/** Zoom's number capabilities. */
const CAPABILITIES = new Set(['incoming', 'outgoing', 'sms', 'mms']);

/** A number as Zoom's number objects show it. */
export function numberResponse(n: PhoneNumber, assignee: Assignee | undefined, siteName: string | undefined) {
  return {
    id: n.id,
    number: n.number,
    number_type: n.number_type,
    source: n.source,
    status: n.status,
    capability: n.capability,
    location: n.location,
    display_name: n.display_name,
    ...(n.carrier ? { carrier: n.carrier } : {}),
    ...(n.sip_group ? { sip_group: n.sip_group } : {}),
    ...(n.emergency_address ? { emergency_address: n.emergency_address, emergency_address_status: 1 } : {}),
    ...(assignee ? { assignee: { id: assignee.id, name: assignee.name, extension_number: assignee.extension_number, type: assignee.type } } : {}),
    ...(n.site_id && siteName !== undefined ? { site: { id: n.site_id, name: siteName } } : {}),
  };
}

async function numberOf(ctx: Context, id: string): Promise<PhoneNumber> {
  await phoneAccount(ctx);
  const n = await phone.getNumber(ctx.db, ctx.account.id, id);
  if (!n) throw PhoneErrors.numberNotFound(id);
  return n;
}

interface NumbersQuery {
  type?: 'assigned' | 'unassigned' | 'byoc' | 'all';
  extension_type?: string;
  number_type?: 'toll' | 'tollfree';
  pending_numbers?: boolean;
  site_id?: string;
  phone_number?: string;
}

/**
 * List phone numbers, its pages kept (core/read-cache.ts) until a number, an
 * extension (an assignee's name and number) or a site (its name; the main
 * site says Zoom Phone is set up) of the account changes.
 */
export function numberListRead(pages: ReadCache) {
  return async function listAccountPhoneNumbers(input: Input<Record<string, never>, NumbersQuery>, ctx: Context) {
    const q = input.query;
    const filter: phone.NumberFilter = {
      type: q.type,
      extension_type: q.extension_type,
      number_type: q.number_type,
      site_id: q.site_id,
      // Pending numbers are listed only when asked for.
      pending: q.pending_numbers === true ? true : undefined,
      number: q.phone_number?.replace(/[^\d]/g, '') || undefined,
    };
    return pages.readPage(ctx.account.id, input.page.key, ctx.clock.now(), async () => {
      await phoneAccount(ctx);
      const total = await input.page.total(() => phone.countNumbers(ctx.db, ctx.account.id, filter));
      const { numbers, last } = await phone.listNumbers(ctx.db, ctx.account.id, filter, input.page);
      const items = numbers.map((r) => numberResponse(r.number, r.assignee, r.site_name));
      return new JsonText(JSON.stringify(input.page.respond(total, { phone_numbers: items }, last)));
    });
  };
}

export const numberOperations = {

  async getPhoneNumberDetails(input: Input<{ phoneNumberId: string }>, ctx: Context) {
    const n = await numberOf(ctx, input.path.phoneNumberId);
    const assignee = n.assignee ? await phone.assigneeOf(ctx.db, ctx.account.id, n.assignee) : undefined;
    const site = n.site_id ? await phone.getSite(ctx.db, ctx.account.id, n.site_id) : undefined;
    return numberResponse(n, assignee, site?.name);
  },

  async updatePhoneNumberDetails(
    input: Input<{ phoneNumberId: string }, Record<string, never>, { capability?: string[]; display_name?: string; emergency_address_status?: number; sip_group_id?: string }>,
    ctx: Context,
  ) {
    const n = await numberOf(ctx, input.path.phoneNumberId);
    const b = input.body;
    if (b.capability !== undefined) {
      if (b.capability.some((c) => !CAPABILITIES.has(c))) throw PhoneErrors.capabilityInvalid();
      n.capability = [...new Set(b.capability)];
    }
    if (b.display_name !== undefined) n.display_name = b.display_name;
    if (b.sip_group_id !== undefined) {
      if (n.source !== 'external') throw PhoneErrors.notByoc();
      const trunk = await getTrunk(ctx.db, ctx.account.id, b.sip_group_id);
      if (!trunk) throw PhoneErrors.sipGroupNotFound(b.sip_group_id);
      n.sip_group = { id: trunk.id, display_name: trunk.name };
    }
    await phone.updateNumber(ctx.db, ctx.account.id, n);
  },

  async addBYOCNumber(input: Input<Record<string, never>, Record<string, never>, { carrier: string; phone_numbers: string[]; sip_group_id?: string; site_id?: string }>, ctx: Context) {
    const main = await phoneAccount(ctx);
    const b = input.body;
    const site = b.site_id !== undefined ? await siteOf(ctx, b.site_id) : main;
    const trunk = b.sip_group_id !== undefined ? await getTrunk(ctx.db, ctx.account.id, b.sip_group_id) : undefined;
    if (b.sip_group_id !== undefined && !trunk) throw PhoneErrors.sipGroupNotFound(b.sip_group_id);
    if (b.phone_numbers.length === 0) throw PhoneErrors.numbersRequired();
    const added: Array<{ id: string; number: string }> = [];
    for (const raw of new Set(b.phone_numbers)) {
      const number = e164(raw);
      if (!number) throw PhoneErrors.invalidNumber(raw);
      if (await phone.getNumberByValue(ctx.db, ctx.account.id, number)) throw PhoneErrors.numberExists(number);
      const n: PhoneNumber = {
        id: zoomId(),
        number,
        number_type: 'toll',
        source: 'external',
        status: 'available',
        site_id: site.id,
        assignee: null,
        capability: ['incoming', 'outgoing'],
        location: '',
        display_name: '',
        carrier: { code: 0, name: b.carrier },
        ...(trunk ? { sip_group: { id: trunk.id, display_name: trunk.name } } : {}),
      };
      await phone.insertNumber(ctx.db, ctx.account.id, n, ctx.clock.iso());
      added.push({ id: n.id, number: n.number });
    }
    return { phone_numbers: added };
  },

  async changeMainCompanyNumber(input: Input<Record<string, never>, Record<string, never>, { phone_number?: string }>, ctx: Context) {
    await phoneAccount(ctx);
    const ref = input.body.phone_number;
    if (!ref) throw PhoneErrors.companyNumberNotFound('');
    const n = await phone.findNumber(ctx.db, ctx.account.id, ref);
    if (!n) throw PhoneErrors.companyNumberNotFound(ref);
    // Zoom sets a number of the account's own (not a BYOC or toll-free one) as the company number.
    if (n.source !== 'internal' || n.number_type !== 'toll') throw PhoneErrors.notMainCompanyNumber();
    const before = await phone.mainCompanyNumber(ctx.db, ctx.account.id);
    if (before && before.id !== n.id) {
      delete before.main_company_number;
      await phone.updateNumber(ctx.db, ctx.account.id, before);
    }
    n.main_company_number = true;
    await phone.updateNumber(ctx.db, ctx.account.id, n);
  },

  async listCallingPlans(_input: Input, ctx: Context) {
    await phoneAccount(ctx);
    const used = await phone.plansAssigned(ctx.db, ctx.account.id);
    return {
      calling_plans: callingPlansOf(ctx.account, ctx.clock.iso()).map((p) => {
        const assigned = used.get(p.type) ?? 0;
        return { type: p.type, name: p.name, subscribed: p.subscribed, assigned, available: Math.max(0, p.subscribed - assigned) };
      }),
    };
  },
};
