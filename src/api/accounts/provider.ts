// Accounts: List sub accounts, Create a sub account, Get sub account details,
// Disassociate a sub account, Update options, Update the account owner, Get
// managed domains, Get trusted domains; and (Users) Switch a user's account.
// An account that is not itself a sub account acts as a master (see README).
import { emitEvent } from '../../webhooks/emit.ts';
import { Errors } from '../../core/errors.ts';
import type { Context, Input, Provider } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import { createAccount } from '../../tenancy/provisioning.ts';
import { getAccount, listSubAccounts, updateAccount, type AccountOptions, type AccountRecord } from '../../tenancy/repository.ts';
import { ADMIN_ROLE_ID, API_USER_LOGIN_TYPE, MEMBER_ROLE_ID, OWNER_ROLE_ID, type UserRecord } from '../users/model.ts';
import * as users from '../users/repository.ts';
import { managedDomains, subAccountDetails, subAccountListItem } from './model.ts';
import { moveUserFiles } from './repository.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The calling account, when it may act as a master; Zoom's "No permission." otherwise. */
async function masterCaller(ctx: Context): Promise<AccountRecord> {
  const caller = ctx.account.id === ctx.actor.accountId ? ctx.account : await getAccount(ctx.db, ctx.actor.accountId);
  if (!caller || caller.master_account_id !== null) throw Errors.noPermission();
  return caller;
}

/** The path must name one of the caller's sub accounts (the pipeline already refused anyone else's). */
async function subAccount(ctx: Context, accountId: string): Promise<AccountRecord> {
  await masterCaller(ctx);
  if (ctx.account.id === ctx.actor.accountId) throw Errors.accountNotFound(accountId);
  return ctx.account;
}

/** Emails are unique within a master's family of accounts (its own and its sub accounts'). */
async function emailInFamily(db: Queryable, master: AccountRecord, email: string): Promise<boolean> {
  if (await users.getUserByEmail(db, master.id, email)) return true;
  for (let offset = 0; ; offset += 300) {
    const { accounts } = await listSubAccounts(db, master.id, 300, offset);
    for (const a of accounts) if (await users.getUserByEmail(db, a.id, email)) return true;
    if (accounts.length < 300) return false;
  }
}

/** No meeting connectors exist here, so a list naming any cannot be satisfied. */
function checkConnectors(o: AccountOptions): void {
  if ((o.meeting_connector_list?.length ?? 0) > 0 || (o.resource_meeting_connector_list?.length ?? 0) > 0) {
    throw Errors.meetingConnectorsNotFound();
  }
}

const OPTION_KEYS = [
  'share_rc',
  'room_connector_list',
  'share_mc',
  'meeting_connector_list',
  'pay_mode',
  'billing_auto_renew',
  'resource_share_mc',
  'resource_share_mh',
  'resource_meeting_connector_list',
  'resource_meeting_hybrid_list',
] as const;

function pickOptions(body: AccountOptions): AccountOptions {
  const out: Record<string, unknown> = {};
  for (const k of OPTION_KEYS) if (body[k] !== undefined) out[k] = body[k];
  return out as AccountOptions;
}

interface AccountCreateBody {
  account_name?: string;
  email: string;
  first_name: string;
  last_name: string;
  password: string;
  options?: AccountOptions;
}

// Every instance's account cache follows these writes by itself (src/core/coherence.ts).
export function createAccountsProvider(): Provider {
  return {
    async accounts(input: Input, ctx: Context) {
      const master = await masterCaller(ctx);
      const { total, accounts } = await listSubAccounts(ctx.db, master.id, input.page.size, input.page.offset);
      return input.page.respond(total, { accounts: accounts.map(subAccountListItem) });
    },

    async accountCreate(input: Input<Record<string, never>, Record<string, never>, AccountCreateBody>, ctx: Context) {
      const master = await masterCaller(ctx);
      const body = input.body;
      const email = body.email.trim().toLowerCase();
      if (!EMAIL.test(email)) throw Errors.validation([{ field: 'email', message: 'Invalid field.' }]);
      if (body.password.length < 8) throw Errors.validation([{ field: 'password', message: 'Invalid field.' }]);
      const options = pickOptions(body.options ?? {});
      checkConnectors(options);
      if (await emailInFamily(ctx.db, master, email)) throw Errors.emailTaken(email);
      // A new sub account is a Free account until a plan is subscribed for it.
      const { account, ownerId } = await createAccount(ctx.db, ctx.clock, {
        account_name: body.account_name ?? `${body.first_name} ${body.last_name}`.trim(),
        plan: 'free',
        owner_email: email,
        owner_first_name: body.first_name,
        owner_last_name: body.last_name,
        master_account_id: master.id,
        timezone: master.data.timezone,
      });
      account.data.options = options;
      account.data.managed_domains = managedDomains(account);
      account.data.trusted_domains = [];
      await updateAccount(ctx.db, account);
      await ctx.emit('account.created', { object: { id: account.id, owner_id: ownerId, email } });
      return { id: account.id, owner_id: ownerId, owner_email: email, created_at: account.created_at };
    },

    async GetSubAccountDetails(input: Input<{ accountId: string }>, ctx: Context) {
      await masterCaller(ctx);
      return subAccountDetails(ctx.account);
    },

    async DisassociateASubAccount(input: Input<{ accountId: string }>, ctx: Context) {
      const sub = await subAccount(ctx, input.path.accountId);
      if (sub.plan !== 'free') throw Errors.paidSubAccount();
      await updateAccount(ctx.db, { ...sub, master_account_id: null });
      // The master's apps hear of it (the path's account is the sub account).
      const source = { accountId: ctx.actor.accountId, operatorUserId: ctx.actor.userId, clientId: ctx.actor.clientId, now: ctx.clock.now() };
      await emitEvent(ctx.db, source, 'account.disassociated', { object: { id: sub.id, owner_id: sub.data.owner_id, owner_email: sub.data.owner_email } });
    },

    async UpdateOptions(input: Input<{ accountId: string }, Record<string, never>, AccountOptions>, ctx: Context) {
      const sub = await subAccount(ctx, input.path.accountId);
      const update = pickOptions(input.body ?? {});
      checkConnectors(update);
      const current = sub.data.options ?? {};
      if (update.pay_mode !== undefined && update.pay_mode !== (current.pay_mode ?? 'master') && sub.plan !== 'free') throw Errors.payModeLocked();
      await updateAccount(ctx.db, { ...sub, data: { ...sub.data, options: { ...current, ...update } } });
    },

    async UpdateTheAccountOwner(input: Input<{ accountId: string }, Record<string, never>, { email: string }>, ctx: Context) {
      // The caller's own account (me) needs no master rights; a sub account does.
      if (ctx.account.id !== ctx.actor.accountId) await masterCaller(ctx);
      const account = ctx.account;
      const next = await users.getUserByEmail(ctx.db, account.id, input.body.email);
      if (!next) throw Errors.ownerOutsideAccount();
      if (next.role_id === OWNER_ROLE_ID) throw Errors.alreadyOwner();
      // API users, users not yet active, and unlicensed users of a paid account cannot own it.
      const licensedOk = account.plan === 'free' || next.type === 2;
      if (next.status !== 'active' || next.profile.login_types.includes(API_USER_LOGIN_TYPE) || !licensedOk) {
        throw Errors.ownerNotEligible(input.path.accountId);
      }
      const previous = await users.getUser(ctx.db, account.id, account.data.owner_id);
      if (previous) await users.updateUser(ctx.db, account.id, { ...previous, role_id: ADMIN_ROLE_ID });
      await users.updateUser(ctx.db, account.id, { ...next, role_id: OWNER_ROLE_ID });
      // The managed domains stay what they were when the account changes hands.
      const data = { ...account.data, managed_domains: managedDomains(account), owner_id: next.id, owner_email: next.email };
      await updateAccount(ctx.db, { ...account, data });
    },

    async accountManagedDomain(input: Input<{ accountId: string }>, ctx: Context) {
      if (ctx.account.id !== ctx.actor.accountId) await masterCaller(ctx);
      if (ctx.account.plan === 'free') throw Errors.paidAccountsOnly(input.path.accountId);
      const domains = managedDomains(ctx.account);
      return { domains, total_records: domains.length };
    },

    async accountTrustedDomain(_input: Input<{ accountId: string }>, ctx: Context) {
      if (ctx.account.id !== ctx.actor.accountId) await masterCaller(ctx);
      return { trusted_domains: ctx.account.data.trusted_domains ?? [] };
    },

    async "SwitchAUser'sAccount"(input: Input<{ accountId: string; userId: string }, Record<string, never>, { account_id: string }>, ctx: Context) {
      const master = await masterCaller(ctx);
      const source = ctx.account;
      const targetId = input.body.account_id === 'me' ? master.id : input.body.account_id;
      const target = targetId === master.id ? master : await getAccount(ctx.db, targetId);
      if (!target || (target.id !== master.id && target.master_account_id !== master.id)) throw Errors.accountNotFound(input.body.account_id);
      const userId = input.path.userId;
      const user = userId.includes('@') ? await users.getUserByEmail(ctx.db, source.id, userId) : await users.getUser(ctx.db, source.id, userId);
      if (!user) throw Errors.userNotInThisAccount(userId);
      if (target.id === source.id) throw Errors.badRequest('The user already belongs to this account.');
      if (user.role_id === OWNER_ROLE_ID || user.role_id === ADMIN_ROLE_ID) throw Errors.adminCannotSwitch();
      if (await users.getUserByEmail(ctx.db, target.id, user.email)) throw Errors.emailTaken(user.email);
      if (user.type === 2 && (await users.countLicensedUsers(ctx.db, target.id)) >= target.data.seats) throw Errors.licenseLimit(target.data.seats);
      // The user keeps its id, profile and files; its role in the new account is Member.
      const moved: UserRecord = {
        ...user,
        account_id: target.id,
        role_id: MEMBER_ROLE_ID,
        profile: { ...user.profile, pic_url: user.profile.pic_url.replace(`/p/${source.id}/`, `/p/${target.id}/`) },
      };
      await users.deleteUser(ctx.db, source.id, user.id);
      await users.insertUser(ctx.db, target.id, moved);
      await moveUserFiles(ctx.db, source.id, target.id, user.id);
    },
  };
}
