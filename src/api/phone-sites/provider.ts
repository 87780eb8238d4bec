// Phone sites (5 operations): an account's sites, each with its site code,
// short extension length (its extensions are site_code × 10^length + a short
// extension), emergency address and main auto receptionist. Deleting a site
// moves everything it holds to the transfer site; the main site stays.
import { ZoomError } from '../../core/errors.ts';
import type { Context, Input } from '../../core/provider.ts';
import { country } from '../../core/countries.ts';
import { PhoneErrors } from '../../phone/errors.ts';
import type { EmergencyAddress, Site } from '../../phone/model.ts';
import { addSite, newSite } from '../../phone/provisioning.ts';
import * as phone from '../../phone/repository.ts';
import type { Provider, ProviderDeps } from '../../core/provider.ts';
import { phoneAccount, siteOf } from '../phone/common.ts';
import { getSettings } from '../phone/repository.ts';

const SiteErrors = {
  countryInvalid: () => new ZoomError(400, 400, 'Country information is invalid.'),
  codeLength: () => new ZoomError(400, 400, 'Invalid site code length.'),
  codeTaken: (code: number) => new ZoomError(409, 409, `Site code ${code} is already used.`),
  shortLength: () => new ZoomError(400, 300, 'Invalid short extension number length.'),
  countryChange: () => new ZoomError(400, 300, 'Change country is not allowed.'),
  sameSite: () => new ZoomError(400, 400, 'Unable to transfer to the same site.'),
  mainSite: () => new ZoomError(400, 400, 'The main site can not be deleted.'),
  notFound: () => new ZoomError(400, 400, 'The site does not exist.'),
  notFoundUpdate: () => new ZoomError(400, 300, 'Validation Failed. Site does not exist.'),
};

/** Site codes are 1 to 5 digits; short extensions 2 to 6. */
const validCode = (n: number) => Number.isInteger(n) && n >= 1 && n <= 99_999;
const validShort = (n: number) => Number.isInteger(n) && n >= 2 && n <= 6;

async function siteResponse(ctx: Context, site: Site) {
  const ar = await phone.getExtensionOf(ctx.db, ctx.account.id, 'autoReceptionist', site.main_auto_receptionist_id);
  return {
    id: site.id,
    name: site.name,
    site_code: site.site_code,
    short_extension: { length: site.short_extension.length },
    country: site.country,
    ...(ar ? { main_auto_receptionist: { id: ar.owner_id, name: ar.name, extension_id: ar.extension_id, extension_number: ar.extension_number } } : {}),
  };
}

async function checkCode(ctx: Context, code: number, except?: string): Promise<void> {
  if (!validCode(code)) throw SiteErrors.codeLength();
  if ((await phone.allSites(ctx.db, ctx.account.id)).some((s) => s.site_code === code && s.id !== except)) throw SiteErrors.codeTaken(code);
}

function checkAddress(a: EmergencyAddress): void {
  if (!country(a.country)) throw SiteErrors.countryInvalid();
}

interface SiteBody {
  name: string;
  auto_receptionist_name: string;
  default_emergency_address: EmergencyAddress;
  site_code?: number;
  short_extension?: { length?: number };
}

export function createPhoneSitesProvider(_deps: ProviderDeps): Provider {
  return {
    async listPhoneSites(input: Input<Record<string, never>, { site_name?: string }>, ctx: Context) {
      await phoneAccount(ctx);
      const name = input.query.site_name?.trim() || undefined;
      const total = await input.page.total(() => phone.countSites(ctx.db, ctx.account.id, name));
      const { sites, last } = await phone.listSites(ctx.db, ctx.account.id, input.page, name);
      const items = [];
      for (const site of sites) items.push(await siteResponse(ctx, site));
      return input.page.respond(total, { sites: items }, last);
    },

    async createPhoneSite(input: Input<Record<string, never>, Record<string, never>, SiteBody>, ctx: Context) {
      await phoneAccount(ctx);
      if (!(await getSettings(ctx.db, ctx.account.id)).multiple_sites.enabled) throw PhoneErrors.multipleSitesOff();
      const b = input.body;
      checkAddress(b.default_emergency_address);
      const name = b.name.trim();
      if (await phone.getSiteByName(ctx.db, ctx.account.id, name)) throw PhoneErrors.siteNameTaken();
      const length = b.short_extension?.length ?? 3;
      if (!validShort(length)) throw SiteErrors.shortLength();
      const sites = await phone.allSites(ctx.db, ctx.account.id);
      const code = b.site_code ?? Math.max(0, ...sites.map((s) => s.site_code)) + 1;
      await checkCode(ctx, code);
      const site = newSite({ name, main: false, site_code: code, short_length: length, address: b.default_emergency_address });
      await addSite(ctx.db, ctx.account.id, site, b.auto_receptionist_name, ctx.clock.iso());
      return { id: site.id, name: site.name };
    },

    async getASite(input: Input<{ siteId: string }>, ctx: Context) {
      await phoneAccount(ctx);
      const site = await phone.getSite(ctx.db, ctx.account.id, input.path.siteId);
      if (!site) throw SiteErrors.notFound();
      return siteResponse(ctx, site);
    },

    async updateSiteDetails(
      input: Input<{ siteId: string }, Record<string, never>, { name?: string; site_code?: number; short_extension?: { length?: number }; default_emergency_address?: EmergencyAddress }>,
      ctx: Context,
    ) {
      await phoneAccount(ctx);
      const site = await phone.getSite(ctx.db, ctx.account.id, input.path.siteId);
      if (!site) throw SiteErrors.notFoundUpdate();
      const b = input.body;
      if (b.name !== undefined && b.name.trim() !== site.name) {
        if (await phone.getSiteByName(ctx.db, ctx.account.id, b.name.trim())) throw PhoneErrors.siteNameTaken();
        site.name = b.name.trim();
      }
      if (b.site_code !== undefined) {
        await checkCode(ctx, b.site_code, site.id);
        site.site_code = b.site_code;
      }
      if (b.short_extension?.length !== undefined) {
        if (!validShort(b.short_extension.length)) throw SiteErrors.shortLength();
        site.short_extension = { length: b.short_extension.length };
      }
      if (b.default_emergency_address !== undefined) {
        checkAddress(b.default_emergency_address);
        if (b.default_emergency_address.country.toUpperCase() !== site.country.code) throw SiteErrors.countryChange();
        site.default_emergency_address = { ...b.default_emergency_address, country: site.country.code, id: site.default_emergency_address.id };
      }
      await phone.updateSite(ctx.db, ctx.account.id, site);
    },

    async deletePhoneSite(input: Input<{ siteId: string }, { transfer_site_id: string }>, ctx: Context) {
      await phoneAccount(ctx);
      const site = await phone.getSite(ctx.db, ctx.account.id, input.path.siteId);
      if (!site) throw PhoneErrors.siteNotFound();
      if (site.main) throw SiteErrors.mainSite();
      if (input.query.transfer_site_id === site.id) throw SiteErrors.sameSite();
      const to = await siteOf(ctx, input.query.transfer_site_id);
      // Users, queues, auto receptionists (its main one too), shared line groups, common area phones and numbers move to the transfer site.
      await phone.moveSiteMembers(ctx.db, ctx.account.id, site.id, to.id);
      await phone.deleteSite(ctx.db, ctx.account.id, site.id);
    },
  };
}
