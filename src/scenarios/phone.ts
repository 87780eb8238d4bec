// Zoom Phone in a scenario. Setup through the REST API: sites
// (`POST /phone/sites`), phone users (the user's `feature.zoom_phone`, then
// their site and extension with `PATCH /phone/users/{id}`), and their numbers
// (the account's own numbers, added as BYOC numbers and assigned with
// `POST /phone/users/{id}/phone_numbers`). Calls through the control plane
// (`POST /_openzoom/phone/calls`): a call is planned whole when placed and
// moves with the server clock, so its call logs, recording or voicemail exist
// once the clock has passed its end — a later event of the scenario.
import type { Scenario } from './format.ts';
import type { Part } from './parts.ts';

/** A site's emergency address when the file gives none. */
const ADDRESS = { address_line1: '55 Almaden Blvd', city: 'San Jose', state_code: 'CA', zip: '95113', country: 'US' };

export function phonePart(): Part {
  const sites: Record<string, string> = {};
  const phoneUsers: Record<string, string> = {};

  return {
    addons(s: Scenario) {
      const n = (s.phone?.users ?? []).length;
      // The owner is a phone user too; each phone user takes a metered calling plan.
      return n > 0 || (s.phone?.sites ?? []).length > 0 ? { phone: { hosts: n + 1 } } : {};
    },

    async setup(p, s) {
      for (const site of s.phone?.sites ?? []) {
        const body = { name: site.name, auto_receptionist_name: `${site.name} Auto Receptionist`, default_emergency_address: site.address ?? ADDRESS, ...(site.site_code !== undefined ? { site_code: site.site_code } : {}) };
        sites[site.key] = (await p.api(`phone site ${site.key}`, 'POST', '/v2/phone/sites', body)).id;
      }
      const users = s.phone?.users ?? [];
      // The account's own numbers first, twenty a request.
      const numbers = users.flatMap((u) => u.numbers ?? []);
      for (let i = 0; i < numbers.length; i += 20) await p.api('phone numbers', 'POST', '/v2/phone/byoc_numbers', { carrier: 'Scenario carrier', phone_numbers: numbers.slice(i, i + 20) });
      for (const u of users) {
        const id = p.need(p.users, u.user, 'user');
        const what = `phone user ${u.user}`;
        if (u.user !== 'owner') await p.api(what, 'PATCH', `/v2/users/${id}`, { feature: { zoom_phone: true } });
        if (u.site !== undefined || u.extension_number !== undefined) {
          await p.api(what, 'PATCH', `/v2/phone/users/${id}`, {
            ...(u.site !== undefined ? { site_id: p.need(sites, u.site, 'phone site') } : {}),
            ...(u.extension_number !== undefined ? { extension_number: String(u.extension_number) } : {}),
          });
        }
        if ((u.numbers ?? []).length > 0) await p.api(what, 'POST', `/v2/phone/users/${id}/phone_numbers`, { phone_numbers: u.numbers!.map((number) => ({ number })) });
        phoneUsers[u.user] = id;
      }
    },

    handlers: {
      /** `from` and `to`: a scenario user (by key), else a phone number or extension as given. */
      async call(p, e, what) {
        const end = (v: unknown) => (p.emails[String(v)] !== undefined ? p.emails[String(v)]! : String(v));
        await p.must(what, 'POST', '/_openzoom/phone/calls', {
          account_id: p.accountId,
          from: end(e.from),
          to: end(e.to),
          outcome: e.outcome ?? 'answered',
          ...(e.duration !== undefined ? { duration_seconds: e.duration } : {}),
          ...(e.hold !== undefined ? { hold_seconds: e.hold } : {}),
          ...(e.record !== undefined ? { record: e.record } : {}),
          ...(e.transfer_to !== undefined ? { transfer_to: end(e.transfer_to) } : {}),
          ...(e.transfer_duration !== undefined ? { transfer_duration_seconds: e.transfer_duration } : {}),
        });
      },
    },

    ids: () => ({ phone_sites: sites }),
  };
}
