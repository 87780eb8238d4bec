// Users: Check a user's email (userEmail), Check a vanity name (userVanityName),
// Update user status (userStatus), Update a user's email (userEmailUpdate),
// Update a user's password (userPassword), Update presence status
// (updatePresenceStatus) and its read-back Get a user presence status
// (getUserPresenceStatus, in Zoom's users file beyond the reference), Bulk
// update features (bulkUpdateFeature), Get user summary (userSummary).
import { Errors } from '../../core/errors.ts';
import type { Context, Input } from '../../core/provider.ts';
import { ADMIN_ROLE_ID, OWNER_ROLE_ID, WORK_EMAIL_LOGIN_TYPE, API_USER_LOGIN_TYPE, type PresenceStatus, type UserRecord } from './model.ts';
import { checkSeat, findUser, hashPassword, passwordMatches } from './lookup.ts';
import { bulkUpdateFeature } from './features.ts';
import { emitUserUpdated, presenceObject, userObject } from './events.ts';
import * as repo from './repository.ts';
import { getAccount, updateAccount } from '../../tenancy/repository.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// Zoom's basic password rules (support article "Changing a user's password" /
// the userPassword errors 1124–1136): 8 to 32 characters, a letter and a
// number, not one repeated character, not a run like 'abcdef' or '123456',
// not a well-known password, not the current one.
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 32;
const COMMON_PASSWORDS = new Set([
  'password1', 'password12', 'password123', 'passw0rd', 'p@ssw0rd', 'qwerty123', 'qwerty12', 'abc12345', 'abcd1234',
  '1q2w3e4r', '1qaz2wsx', 'iloveyou1', 'letmein1', 'welcome1', 'welcome123', 'admin123', 'zoom1234', 'zoom12345',
  'test1234', 'pass1234', 'a1234567', '12345678a', 'q1w2e3r4', 'qwer1234', 'asdf1234', 'zxcv1234', 'monkey123',
]);

// Runs Zoom refuses: 'abcdef', '123456', '1234567890', and the same backwards.
const RUNS = ['01234567890', 'abcdefghijklmnopqrstuvwxyz'].flatMap((r) => [r, [...r].reverse().join('')]);
const isSequence = (password: string): boolean => RUNS.some((run) => run.includes(password.toLowerCase()));

export function checkPasswordRules(password: string): void {
  if (password.length < PASSWORD_MIN) throw Errors.passwordTooShort(PASSWORD_MIN);
  if (password.length > PASSWORD_MAX) throw Errors.validation([{ field: 'password', message: `Should be fewer than ${PASSWORD_MAX} characters.` }]);
  if (new Set(password).size === 1) throw Errors.passwordSameCharacter();
  if (isSequence(password)) throw Errors.passwordSequence();
  if (!/\p{L}/u.test(password)) throw Errors.passwordNeedsLetter();
  if (!/\d/.test(password)) throw Errors.passwordNeedsNumber();
  if (COMMON_PASSWORDS.has(password.toLowerCase())) throw Errors.passwordTooEasy();
}

const isAdmin = (u: UserRecord) => u.role_id === OWNER_ROLE_ID || u.role_id === ADMIN_ROLE_ID;

export function createProfileOperations() {
  return {
    async userEmail(input: Input<Record<string, never>, { email: string }>, ctx: Context) {
      const email = input.query.email.trim();
      if (!email) throw Errors.badRequest('Email is required.');
      // Accounts here are isolated tenants: "exists" means a user of the caller's account.
      return { existed_email: (await repo.getUserByEmail(ctx.db, ctx.account.id, email)) !== undefined };
    },

    async userVanityName(input: Input<Record<string, never>, { vanity_name: string }>, ctx: Context) {
      const name = input.query.vanity_name.trim().toLowerCase();
      if (!name) throw Errors.badRequest('Vanity name is required.');
      const users = await repo.allUsers(ctx.db, ctx.account.id);
      return { existed: users.some((u) => u.profile.vanity_name.toLowerCase() === name) };
    },

    async userStatus(input: Input<{ userId: string }, Record<string, never>, { action: 'activate' | 'deactivate' | 'clock_in' | 'clock_out' }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const { action } = input.body;
      if (action === 'clock_in' || action === 'clock_out') {
        // Clocking in and out belongs to Workforce Management, which no account here has.
        throw Errors.badRequest('Workforce Management is not enabled for this account.');
      }
      // The owner and admins keep their status (Zoom's 200 for "Admin users").
      if (isAdmin(user)) throw Errors.userStatusLocked();
      if (action === 'deactivate') {
        if (user.status === 'pending') throw Errors.badRequest('A pending user cannot be deactivated; delete the pending user instead.');
        if (user.status === 'inactive') return;
        user.status = 'inactive';
        // A deactivated user can no longer start meetings with tokens handed out earlier.
        await repo.deleteUserTokens(ctx.db, ctx.account.id, user.id);
      } else {
        if (user.status === 'pending') throw Errors.badRequest('A pending user cannot be activated until the invitation is accepted.');
        if (user.status === 'active') return;
        // Deactivation freed the licensed seat; taking it back needs one free.
        await checkSeat(ctx.db, ctx.account, user.type);
        user.status = 'active';
      }
      await repo.updateUser(ctx.db, ctx.account.id, user);
      await ctx.emit(action === 'activate' ? 'user.activated' : 'user.deactivated', { object: userObject(user) });
    },

    async userEmailUpdate(input: Input<{ userId: string }, Record<string, never>, { email: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const email = input.body.email.trim().toLowerCase();
      if (!EMAIL.test(email)) throw Errors.validation([{ field: 'email', message: 'Invalid field.' }]);
      if (email === user.email) return;
      if (await repo.getUserByEmail(ctx.db, ctx.account.id, email)) throw Errors.emailTaken(email);
      const before = structuredClone(user);
      const caller = ctx.actor.userId ? await repo.getUser(ctx.db, ctx.account.id, ctx.actor.userId) : undefined;
      // With a user-level token, only an admin changes someone else's email, and only the owner an admin's.
      if (caller && caller.id !== user.id) {
        if (!isAdmin(caller)) throw Errors.emailChangeAdminOnly();
        if (isAdmin(user) && caller.role_id !== OWNER_ROLE_ID) throw Errors.adminEmailLocked();
      }
      user.email = email;
      await repo.updateUser(ctx.db, ctx.account.id, user);
      await emitUserUpdated(ctx, before, user);
      // The account answers its owner's email (Get sub account details): keep it in step.
      if (user.id === ctx.account.data.owner_id) {
        const account = (await getAccount(ctx.db, ctx.account.id))!;
        await updateAccount(ctx.db, { ...account, data: { ...account.data, owner_email: email } });
      }
    },

    async userPassword(input: Input<{ userId: string }, Record<string, never>, { password: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const { password } = input.body;
      // Only users who sign in with a Zoom email and password have one (API users may be given one).
      const types = user.profile.login_types;
      if (!types.includes(WORK_EMAIL_LOGIN_TYPE) && !types.includes(API_USER_LOGIN_TYPE)) throw Errors.passwordNotWorkEmail();
      // An app may not reset the owner's or an admin's password; they change their own.
      if (isAdmin(user) && ctx.actor.userId !== user.id) throw Errors.passwordAdmin();
      checkPasswordRules(password);
      if (await passwordMatches(password, user.profile.password_hash)) throw Errors.passwordUnchanged();
      user.profile.password_hash = await hashPassword(password);
      await repo.updateUser(ctx.db, ctx.account.id, user);
    },

    async updatePresenceStatus(input: Input<{ userId: string }, Record<string, never>, { status: PresenceStatus; duration?: number }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      // With a user-level token, members set their own presence only; admins anyone's.
      if (ctx.actor.userId && ctx.actor.userId !== user.id) {
        const caller = await repo.getUser(ctx.db, ctx.account.id, ctx.actor.userId);
        if (!caller || !isAdmin(caller)) throw Errors.presenceForbidden();
      }
      // Presence belongs to a signed-in user: not to deactivated or pending ones.
      if (user.status !== 'active') throw Errors.presenceFailed();
      const { status, duration } = input.body;
      user.profile.presence_status = status;
      // Zoom's Do Not Disturb lasts `duration` minutes (1–1440); 20 when not given, as the client offers.
      user.profile.presence_until = status === 'Do_No_Disturb' ? ctx.clock.iso(ctx.clock.now() + (duration ?? 20) * 60_000) : null;
      await repo.updateUser(ctx.db, ctx.account.id, user);
      await ctx.emit('user.presence_status_updated', { object: presenceObject(user, status, ctx.clock.iso()) });
    },

    async getUserPresenceStatus(input: Input<{ userId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      if (user.status !== 'active') throw Errors.presenceReadFailed();
      const { presence_status: status, presence_until: until } = user.profile;
      if (status !== 'Do_No_Disturb') return { status };
      const left = until === null ? 0 : Date.parse(until) - ctx.clock.now();
      // Do Not Disturb over: the user is Available again.
      if (left <= 0) return { status: 'Available' };
      // Zoom sets "Do_No_Disturb" but reads it back as "Do_Not_Disturb"; when it ends
      // only the user itself learns (its file's self_dnd_case).
      if (ctx.actor.userId !== user.id) return { status: 'Do_Not_Disturb' };
      return { status: 'Do_Not_Disturb', end_time: until, remaining_time: Math.ceil(left / 1000) };
    },

    bulkUpdateFeature,

    async userSummary(_input: Input, ctx: Context) {
      const counts = await repo.countUsersByStatusAndType(ctx.db, ctx.account.id);
      const sum = (pick: (c: { status: string; type: number }) => boolean) => counts.filter(pick).reduce((n, c) => n + c.n, 0);
      // Type counts are over users who joined (active or deactivated); pending users are counted apart.
      const joined = (type: number) => sum((c) => c.status !== 'pending' && c.type === type);
      return {
        licensed_users_count: joined(2),
        basic_users_count: joined(1),
        // No on-prem deployments or Zoom Rooms exist here, so those counts are always 0.
        on_prem_users_count: 0,
        room_users_count: 0,
        pending_users_count: sum((c) => c.status === 'pending'),
        join_only_users_count: joined(4),
        total_users_count: sum(() => true),
      };
    },
  };
}
