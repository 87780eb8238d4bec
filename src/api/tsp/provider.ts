// TSP (8 operations): the account's telephony service provider settings and
// each user's TSP accounts (conference code, leader PIN, dial-in numbers) and
// global dial-in URL. TSP is an add-on Zoom enables (`addons.tsp`); the
// account's `enable` turns it on and off for its users.
import { Errors } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { lookupUser } from '../users/lookup.ts';
import type { UserRecord } from '../users/model.ts';
import { credentials, defaultSettings, MAX_TSP_ACCOUNTS, type TspAccount, type TspSettings } from './model.ts';
import * as repo from './repository.ts';

async function settingsOf(ctx: Context): Promise<TspSettings> {
  return { ...defaultSettings(ctx.account), ...((await repo.getSettings(ctx.db, ctx.account.id)) ?? {}) };
}

/** The user, when the account has TSP on (2024 otherwise; an unknown user 1001 first). */
async function tspUser(ctx: Context, userId: string): Promise<UserRecord> {
  const id = ctx.resolveMe(userId);
  const user = await lookupUser(ctx.db, ctx.account.id, id);
  if (!user) throw Errors.userNotFound(userId);
  if (!ctx.account.data.addons?.tsp || !(await settingsOf(ctx)).enable) throw Errors.tspNotEnabled();
  return user;
}

type AccountBody = Omit<TspAccount, 'id'>;

const shown = (t: TspAccount) => ({ id: t.id, ...credentials(t) });

export function createTspProvider(_deps: ProviderDeps): Provider {
  return {
    async tsp(_input: Input, ctx: Context) {
      return settingsOf(ctx);
    },

    async tspUpdate(input: Input<Record<string, never>, Record<string, never>, Partial<Omit<TspSettings, 'dial_in_numbers'>>>, ctx: Context) {
      const current = await settingsOf(ctx);
      const next: TspSettings = { ...current, ...input.body };
      if (!ctx.account.data.addons?.tsp && (next.enable || next.tsp_enabled)) throw Errors.tspNotEnabled();
      await repo.putSettings(ctx.db, ctx.account.id, next);
    },

    async userTSPs(input: Input<{ userId: string }>, ctx: Context) {
      const user = await tspUser(ctx, input.path.userId);
      return { tsp_accounts: (await repo.getUser(ctx.db, ctx.account.id, user.id)).tsp_accounts.map(shown) };
    },

    async userTSP(input: Input<{ userId: string; tspId: '1' | '2' }>, ctx: Context) {
      const user = await tspUser(ctx, input.path.userId);
      const t = (await repo.getUser(ctx.db, ctx.account.id, user.id)).tsp_accounts.find((a) => a.id === input.path.tspId);
      if (!t) throw Errors.tspNotFound();
      return shown(t);
    },

    async userTSPCreate(input: Input<{ userId: string }, Record<string, never>, AccountBody>, ctx: Context) {
      const user = await tspUser(ctx, input.path.userId);
      const held = await repo.getUser(ctx.db, ctx.account.id, user.id);
      if (held.tsp_accounts.length >= MAX_TSP_ACCOUNTS) throw Errors.tspLimit();
      const id = held.tsp_accounts.some((a) => a.id === '1') ? '2' : '1';
      const t: TspAccount = { id, ...input.body };
      held.tsp_accounts = [...held.tsp_accounts, t].sort((a, b) => a.id.localeCompare(b.id));
      await repo.putUser(ctx.db, ctx.account.id, user.id, held);
      await ctx.emit('user.tsp_created', { object: { id: user.id, email: user.email, tsp_credentials: credentials(t) } });
      return shown(t);
    },

    async userTSPUpdate(input: Input<{ userId: string; tspId: '1' | '2' }, Record<string, never>, AccountBody>, ctx: Context) {
      const user = await tspUser(ctx, input.path.userId);
      const held = await repo.getUser(ctx.db, ctx.account.id, user.id);
      const i = held.tsp_accounts.findIndex((a) => a.id === input.path.tspId);
      if (i < 0) throw Errors.tspNotFound();
      const before = held.tsp_accounts[i]!;
      const after: TspAccount = { ...before, ...input.body, id: before.id };
      held.tsp_accounts[i] = after;
      await repo.putUser(ctx.db, ctx.account.id, user.id, held);
      // Only the changed credentials, before and after.
      const old = credentials(before) as Record<string, unknown>;
      const now = credentials(after) as Record<string, unknown>;
      const changed = Object.keys({ ...old, ...now }).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(now[k]));
      if (changed.length > 0) {
        const pick = (o: Record<string, unknown>) => Object.fromEntries(changed.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
        await ctx.emit('user.tsp_updated', { object: { id: user.id, email: user.email, tsp_credentials: pick(now) }, old_object: pick(old) });
      }
    },

    async userTSPDelete(input: Input<{ userId: string; tspId: '1' | '2' }>, ctx: Context) {
      const user = await tspUser(ctx, input.path.userId);
      const held = await repo.getUser(ctx.db, ctx.account.id, user.id);
      const gone = held.tsp_accounts.find((a) => a.id === input.path.tspId);
      if (!gone) throw Errors.tspNotFound();
      held.tsp_accounts = held.tsp_accounts.filter((a) => a !== gone);
      await repo.putUser(ctx.db, ctx.account.id, user.id, held);
      await ctx.emit('user.tsp_deleted', { object: { id: user.id, email: user.email, tsp_credentials: credentials(gone) } });
    },

    async tspUrlUpdate(input: Input<{ userId: string }, Record<string, never>, { audio_url?: string }>, ctx: Context) {
      const user = await tspUser(ctx, input.path.userId);
      const held = await repo.getUser(ctx.db, ctx.account.id, user.id);
      if (input.body.audio_url !== undefined) held.audio_url = input.body.audio_url;
      await repo.putUser(ctx.db, ctx.account.id, user.id, held);
    },
  };
}
