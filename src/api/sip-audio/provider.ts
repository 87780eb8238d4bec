// SIP Connected Audio (15 operations): master accounts configure SIP trunks,
// trunk numbers, internal numbers and call-out countries on their sub accounts
// (and read their own). A master holds the plan (its `sip_connected_audio`
// add-on, with its trunk configurations); a sub account is enrolled by
// Assign SIP trunk configuration `{"enable": true}`.
import { country } from '../../core/countries.ts';
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import { getAccount, type AccountRecord } from '../../tenancy/repository.ts';
import { DEFAULT_SETTINGS, MAX_INTERNAL_NUMBERS, trunkResponse, validDnis, validNumber, type InternalNumber, type SipAudioSettings } from './model.ts';
import * as repo from './repository.ts';

/** The calling account: a master (no sub account itself). */
function masterOf(ctx: Context): string {
  if (ctx.account.id === ctx.actor.accountId) {
    if (ctx.account.master_account_id !== null) throw Errors.notMasterAccount();
    return ctx.account.id;
  }
  return ctx.actor.accountId;
}

async function settingsOf(db: Queryable, accountId: string): Promise<SipAudioSettings> {
  return { ...DEFAULT_SETTINGS, ...((await repo.getSettings(db, accountId)) ?? {}) };
}

/**
 * The account acted on, when it is enrolled: the master itself holds the plan
 * as an add-on; a sub account is enrolled when its master holds the plan and
 * has enabled it there.
 */
async function enrolled(ctx: Context, notEnrolled = Errors.sipAudioNotEnrolled): Promise<AccountRecord> {
  const masterId = masterOf(ctx);
  const master = masterId === ctx.account.id ? ctx.account : await getAccount(ctx.db, masterId);
  if (!master?.data.addons?.sip_connected_audio) throw notEnrolled();
  if (ctx.account.id !== masterId && !(await settingsOf(ctx.db, ctx.account.id)).enable) throw notEnrolled();
  return ctx.account;
}

/** Writes on trunks and numbers are a master's on a sub account. */
function subOnly(ctx: Context): void {
  if (ctx.account.id === ctx.actor.accountId) throw Errors.onlyMasterOnSub();
}

const countryEntry = (id: string) => {
  const c = country(id)!;
  return { id: c.id, name: c.name, code: c.code };
};

type NumberBody = Partial<Omit<InternalNumber, 'id'>> & { affect_all?: boolean };

/** The fields given hold a number, a known country and a display number. */
const validFields = (n: NumberBody): boolean =>
  (n.number === undefined || validNumber(n.number)) && (n.country === undefined || country(n.country) !== undefined) && (n.display_number === undefined || n.display_number.trim() !== '');

export function createSipAudioProvider(_deps: ProviderDeps): Provider {
  return {
    async GetSIPTrunkConfiguration(_input: Input<{ accountId: string }>, ctx: Context) {
      const a = await enrolled(ctx);
      const { enable: _enable, ...shown } = await settingsOf(ctx.db, a.id);
      return shown;
    },

    async AssignSIPTrunkConfiguration(input: Input<{ accountId: string }, Record<string, never>, Partial<SipAudioSettings> & { enable_all_settings_from_master_account?: boolean }>, ctx: Context) {
      const masterId = masterOf(ctx);
      subOnly(ctx);
      const master = await getAccount(ctx.db, masterId);
      if (!master?.data.addons?.sip_connected_audio) throw Errors.sipAudioNotEnrolled();
      const current = await settingsOf(ctx.db, ctx.account.id);
      const body = input.body;
      if (body.show_zoom_provided_callout_countries !== undefined && ![0, 1, 2].includes(body.show_zoom_provided_callout_countries)) {
        throw Errors.validation([{ field: 'show_zoom_provided_callout_countries', message: 'Invalid field.' }]);
      }
      const next: SipAudioSettings = { ...current };
      if (body.enable_all_settings_from_master_account === true) {
        const { enable: _e, ...fromMaster } = await settingsOf(ctx.db, masterId);
        Object.assign(next, fromMaster);
      }
      for (const k of ['enable', 'show_callout_internal_number', 'show_zoom_provided_callout_countries', 'show_zoom_provided_numbers'] as const) {
        if (body[k] !== undefined) (next as unknown as Record<string, unknown>)[k] = body[k];
      }
      if (!next.enable && !current.enable) throw Errors.sipAudioNotEnrolled();
      await repo.putSettings(ctx.db, ctx.account.id, next);
    },

    async ListSIPTrunks(_input: Input<{ accountId: string }>, ctx: Context) {
      const a = await enrolled(ctx);
      const trunks = await repo.listTrunks(ctx.db, a.id);
      return { sip_trunks: trunks.map(trunkResponse), total_records: trunks.length };
    },

    async AssignSIPTrunks(input: Input<{ accountId: string }, Record<string, never>, { sip_trunks?: Array<{ id?: string; dnis?: string; outbound_caller_id?: string }> }>, ctx: Context) {
      subOnly(ctx);
      const a = await enrolled(ctx);
      const masterTrunks = await repo.listTrunks(ctx.db, masterOf(ctx));
      if (masterTrunks.length === 0) throw Errors.masterTrunksMissing();
      const wanted = input.body.sip_trunks ?? [];
      if (wanted.length === 0) throw Errors.sipTrunksInvalid();
      const assigned = [];
      for (const w of wanted) {
        const config = masterTrunks.find((t) => t.id === w.id);
        if (!config || (w.dnis !== undefined && !validDnis(w.dnis))) throw Errors.sipTrunksInvalid();
        const trunk = { ...config, dnis: w.dnis ?? config.dnis, outbound_caller_id: w.outbound_caller_id ?? config.outbound_caller_id };
        await repo.putTrunk(ctx.db, a.id, trunk, false, ctx.clock.iso());
        const { outbound_caller_id: _o, ...shown } = trunkResponse(trunk);
        assigned.push(shown);
      }
      return { sip_trunks: assigned };
    },

    async DeleteASIPTrunk(input: Input<{ accountId: string; trunkId: string }>, ctx: Context) {
      subOnly(ctx);
      const a = await enrolled(ctx);
      if ((await repo.deleteTrunk(ctx.db, a.id, input.path.trunkId)) === 0) throw Errors.sipTrunkNotFound(input.path.trunkId);
    },

    async listSipTrunkNumbers(_input: Input, ctx: Context) {
      const numbers = await repo.listTrunkNumbers(ctx.db, ctx.account.id);
      return { phone_numbers: numbers, total_records: numbers.length };
    },

    async AssignNumbers(input: Input<{ accountId: string }, Record<string, never>, { phone_numbers?: string[] }>, ctx: Context) {
      subOnly(ctx);
      const a = await enrolled(ctx, Errors.sipTrunkPlanMissing);
      const owned = new Map((await repo.listTrunkNumbers(ctx.db, masterOf(ctx))).map((n) => [n.number, n.country]));
      const wanted = [...new Set(input.body.phone_numbers ?? [])];
      if (wanted.length === 0) throw Errors.validation([{ field: 'phone_numbers', message: 'Missing field.' }]);
      for (const number of wanted) if (!owned.has(number)) throw Errors.trunkNumberNotOwned(number);
      for (const number of wanted) await repo.addTrunkNumber(ctx.db, a.id, number, owned.get(number)!);
    },

    async DeleteAllNumbers(_input: Input<{ accountId: string }>, ctx: Context) {
      subOnly(ctx);
      const a = await enrolled(ctx, Errors.sipTrunkPlanMissing);
      await repo.deleteTrunkNumbers(ctx.db, a.id);
    },

    async "ListInternalCall-outCountries"(_input: Input<{ accountId: string }>, ctx: Context) {
      const a = await enrolled(ctx);
      const ids = await repo.listCalloutCountries(ctx.db, a.id);
      return { callout_countries: ids.filter((id) => country(id)).map(countryEntry), total_records: ids.length };
    },

    async "AddInternalCall-outCountries"(input: Input<{ accountId: string }, Record<string, never>, { callout_countries: Array<{ id: string }> }>, ctx: Context) {
      const a = await enrolled(ctx);
      const ids = input.body.callout_countries.map((c) => c.id.toUpperCase());
      if (ids.length === 0 || ids.some((id) => !country(id))) throw Errors.calloutCountriesInvalid();
      for (const id of ids) await repo.addCalloutCountry(ctx.db, a.id, id, ctx.clock.iso());
      return { callout_countries: [...new Set(ids)].map(countryEntry) };
    },

    async "DeleteInternalCall-outCountry"(input: Input<{ accountId: string; countryId: string }>, ctx: Context) {
      const a = await enrolled(ctx);
      if ((await repo.deleteCalloutCountry(ctx.db, a.id, input.path.countryId.toUpperCase())) === 0) throw Errors.calloutCountryNotFound(input.path.countryId);
    },

    async ListInternalNumbers(input: Input<{ accountId: string }>, ctx: Context) {
      const a = await enrolled(ctx);
      const total = await input.page.total(() => repo.countInternalNumbers(ctx.db, a.id));
      const { numbers, last } = await repo.listInternalNumbers(ctx.db, a.id, input.page);
      return input.page.respond(total, { internal_numbers: numbers }, last);
    },

    async AddInternalNumbers(input: Input<{ accountId: string }, Record<string, never>, { internal_numbers?: NumberBody[] }>, ctx: Context) {
      const a = await enrolled(ctx);
      const wanted = input.body.internal_numbers ?? [];
      if (wanted.length === 0) throw Errors.internalNumbersInvalid();
      if ((await repo.countInternalNumbers(ctx.db, a.id)) + wanted.length > MAX_INTERNAL_NUMBERS) throw Errors.internalNumbersLimit(MAX_INTERNAL_NUMBERS);
      const seen = new Set<string>();
      const added: InternalNumber[] = [];
      for (const w of wanted) {
        if (!validFields(w)) throw Errors.internalNumbersInvalid();
        if (seen.has(w.number!) || (await repo.internalNumberByNumber(ctx.db, a.id, w.number!))) throw Errors.internalNumberTaken();
        seen.add(w.number!);
        const n: InternalNumber = {
          id: zoomId(),
          number: w.number!,
          display_number: w.display_number!,
          country: w.country!.toUpperCase(),
          labels: w.labels!,
          languages: w.languages!,
          type: w.type!,
          visible: w.visible ?? true,
          allow_join: w.allow_join ?? true,
          allow_for_external_meetings: w.allow_for_external_meetings ?? false,
        };
        await repo.insertInternalNumber(ctx.db, a.id, n, ctx.clock.iso());
        added.push(n);
      }
      return { internal_numbers: added };
    },

    async UpdateAnInternalNumber(input: Input<{ accountId: string; numberId: string }, Record<string, never>, NumberBody>, ctx: Context) {
      const a = await enrolled(ctx);
      const n = await repo.getInternalNumber(ctx.db, a.id, input.path.numberId);
      if (!n) throw Errors.internalNumberNotFound(input.path.numberId);
      const { affect_all: _all, ...body } = input.body;
      if (!validFields(body)) throw Errors.internalNumberUpdateFailed();
      if (body.number !== undefined && body.number !== n.number && (await repo.internalNumberByNumber(ctx.db, a.id, body.number))) throw Errors.internalNumberTaken();
      const next: InternalNumber = { ...n, ...body, ...(body.country !== undefined ? { country: body.country.toUpperCase() } : {}) };
      await repo.updateInternalNumber(ctx.db, a.id, next);
    },

    async DeleteAnInternalNumber(input: Input<{ accountId: string; numberId: string }>, ctx: Context) {
      const a = await enrolled(ctx);
      if ((await repo.deleteInternalNumber(ctx.db, a.id, input.path.numberId)) === 0) throw Errors.internalNumberNotFound(input.path.numberId);
    },
  };
}
