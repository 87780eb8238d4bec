// Phone blocked list (5 operations): numbers and prefixes the account's
// phone system refuses. A number given with `country` is read in that
// country's national form; numbers are kept in E.164, prefixes with their
// country's calling code. `isBlocked` (repository.ts) answers for calls.
import { ZoomError } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import { country as countryOf } from '../../core/countries.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { e164 } from '../../phone/model.ts';
import { phoneAccount } from '../phone/common.ts';
import { blockedTwice } from './schema.ts';
import * as repo from './repository.ts';

const BlockedErrors = {
  country: () => new ZoomError(400, 300, 'Invalid country.'),
  number: () => new ZoomError(400, 300, 'Invalid phone number.'),
  notFound: (id: string) => new ZoomError(400, 400, `Blocked number (Id: ${id}) does not exist.`),
  notFoundDelete: (id: string) => new ZoomError(400, 300, `Validation Failed. Blocked number (Id: ${id}) does not exist.`),
};

interface Body {
  block_type?: repo.Blocked['block_type'];
  comment?: string;
  country?: string;
  match_type?: repo.Blocked['match_type'];
  phone_number?: string;
  status?: repo.Blocked['status'];
}

/** The stored form of a number or prefix, read with its country when given. */
function stored(raw: string, match: repo.Blocked['match_type'], country: string | undefined): string {
  const digits = raw.replace(/[\s().-]/g, '');
  let calling = '';
  if (country !== undefined) {
    const c = countryOf(country);
    if (!c) throw BlockedErrors.country();
    calling = c.code;
  }
  if (match === 'prefix') {
    if (!/^\+?\d{1,15}$/.test(digits)) throw BlockedErrors.number();
    return digits.startsWith('+') ? digits : `+${calling}${digits}`;
  }
  const n = e164(digits.startsWith('+') ? digits : `${calling}${digits}`);
  if (!n) throw BlockedErrors.number();
  return n;
}

const answer = (b: repo.Blocked) => ({ id: b.id, phone_number: b.phone_number, match_type: b.match_type, block_type: b.block_type, status: b.status, comment: b.comment });

export function createPhoneBlockedListProvider(_deps: ProviderDeps): Provider {
  async function entryOf(ctx: Context, id: string, notFound: (id: string) => ZoomError): Promise<repo.Blocked> {
    await phoneAccount(ctx);
    const b = await repo.getBlocked(ctx.db, ctx.account.id, id);
    if (!b) throw notFound(id);
    return b;
  }

  async function checkFree(ctx: Context, b: repo.Blocked): Promise<void> {
    const holder = await repo.findBlocked(ctx.db, ctx.account.id, b);
    if (holder && holder.id !== b.id) throw blockedTwice();
  }

  return {
    async listBlockedList(input: Input, ctx: Context) {
      await phoneAccount(ctx);
      const total = await input.page.total(() => repo.countBlocked(ctx.db, ctx.account.id));
      const { items, last } = await repo.listBlocked(ctx.db, ctx.account.id, input.page);
      return input.page.respond(total, { blocked_list: items.map(answer) }, last);
    },

    async addAnumberToBlockedList(input: Input<Record<string, never>, Record<string, never>, Body>, ctx: Context) {
      await phoneAccount(ctx);
      const body = input.body;
      if (body.phone_number === undefined) throw BlockedErrors.number();
      const match = body.match_type ?? 'phoneNumber';
      const b: repo.Blocked = {
        id: zoomId(),
        phone_number: stored(body.phone_number, match, body.country),
        match_type: match,
        block_type: body.block_type ?? 'inbound',
        status: body.status ?? 'active',
        comment: body.comment ?? '',
      };
      await checkFree(ctx, b);
      await repo.insertBlocked(ctx.db, ctx.account.id, b, ctx.clock.iso());
      return { id: b.id };
    },

    async getABlockedList(input: Input<{ blockedListId: string }>, ctx: Context) {
      return answer(await entryOf(ctx, input.path.blockedListId, BlockedErrors.notFound));
    },

    async updateBlockedList(input: Input<{ blockedListId: string }, Record<string, never>, Body>, ctx: Context) {
      const b = await entryOf(ctx, input.path.blockedListId, BlockedErrors.notFoundDelete);
      const body = input.body;
      if (body.match_type !== undefined) b.match_type = body.match_type;
      if (body.phone_number !== undefined || body.country !== undefined || body.match_type !== undefined) {
        b.phone_number = stored(body.phone_number ?? b.phone_number, b.match_type, body.phone_number !== undefined ? body.country : undefined);
      }
      if (body.block_type !== undefined) b.block_type = body.block_type;
      if (body.status !== undefined) b.status = body.status;
      if (body.comment !== undefined) b.comment = body.comment;
      await checkFree(ctx, b);
      await repo.updateBlocked(ctx.db, ctx.account.id, b);
    },

    async deleteABlockedList(input: Input<{ blockedListId: string }>, ctx: Context) {
      const b = await entryOf(ctx, input.path.blockedListId, BlockedErrors.notFoundDelete);
      await repo.deleteBlocked(ctx.db, ctx.account.id, b.id);
    },
  };
}
