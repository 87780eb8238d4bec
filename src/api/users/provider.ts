// Users: List users, Create users, Get a user, Update a user, Delete a user.
import { scrypt, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { Errors } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import type { AccountRecord } from '../../tenancy/repository.ts';
import {
  OWNER_ROLE_ID,
  newUser,
  userListItem,
  userResponse,
  type CreateAction,
  type UserProfile,
  type UserRecord,
  type UserStatus,
  type UserType,
} from './model.ts';
import * as repo from './repository.ts';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

/** A userId path value is an id, an email address, or `me`. */
export async function findUser(db: Queryable, ctx: Context, userId: string): Promise<UserRecord> {
  const id = ctx.resolveMe(userId);
  const user = id.includes('@') ? await repo.getUserByEmail(db, ctx.account.id, id) : await repo.getUser(db, ctx.account.id, id);
  if (!user) throw Errors.userNotFound(userId);
  return user;
}

/** Licensed users are limited by the seats the account's plan includes. */
async function checkSeat(db: Queryable, account: AccountRecord, type: UserType): Promise<void> {
  if (type !== 2) return;
  if ((await repo.countLicensedUsers(db, account.id)) >= account.data.seats) throw Errors.licenseLimit(account.data.seats);
}

interface UserCreateBody {
  action: CreateAction;
  user_info: {
    email: string;
    type: UserType;
    first_name?: string;
    last_name?: string;
    display_name?: string;
    password?: string;
    division_ids?: string[];
    plan_united_type?: string;
    feature?: { zoom_phone?: boolean; zoom_one_type?: number };
  };
}

type UserUpdateBody = Partial<
  Pick<
    UserProfile,
    | 'first_name'
    | 'last_name'
    | 'display_name'
    | 'dept'
    | 'language'
    | 'timezone'
    | 'cms_user_id'
    | 'company'
    | 'job_title'
    | 'cost_center'
    | 'location'
    | 'pronouns'
    | 'pronouns_option'
    | 'custom_attributes'
    | 'division_ids'
    | 'host_key'
    | 'use_pmi'
    | 'vanity_name'
    | 'phone_country'
    | 'phone_number'
    | 'about_me'
    | 'linkedin_url'
    | 'zoom_one_type'
  >
> & {
  type?: UserType;
  pmi?: number;
  manager?: string;
  group_id?: string;
  plan_united_type?: string;
  phone_numbers?: UserProfile['phone_numbers'];
  feature?: { zoom_phone?: boolean };
};

const PROFILE_FIELDS = [
  'first_name',
  'last_name',
  'display_name',
  'dept',
  'language',
  'timezone',
  'cms_user_id',
  'company',
  'job_title',
  'cost_center',
  'location',
  'pronouns',
  'pronouns_option',
  'custom_attributes',
  'division_ids',
  'host_key',
  'use_pmi',
  'vanity_name',
  'phone_country',
  'phone_number',
  'phone_numbers',
  'about_me',
  'linkedin_url',
  'zoom_one_type',
  'manager',
] as const;

export function createUsersProvider(deps: ProviderDeps): Provider {
  const urls = { web: deps.baseUrl };

  return {
    async users(
      input: Input<Record<string, never>, { status?: UserStatus; role_id?: string; include_fields?: string }>,
      ctx: Context,
    ) {
      const { page, query } = input;
      const { total, users } = await repo.listUsers(
        ctx.db,
        ctx.account.id,
        { status: query.status ?? 'active', ...(query.role_id !== undefined ? { roleId: query.role_id } : {}) },
        page.size,
        page.offset,
      );
      const include = { customAttributes: query.include_fields === 'custom_attributes', hostKey: query.include_fields === 'host_key' };
      return page.respond(total, { users: users.map((u) => userListItem(u, include)) });
    },

    async userCreate(input: Input<Record<string, never>, Record<string, never>, UserCreateBody>, ctx: Context) {
      const { action, user_info: info } = input.body;
      if (!info) throw Errors.validation([{ field: 'user_info', message: 'Missing field.' }]);
      const email = info.email.trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw Errors.validation([{ field: 'user_info.email', message: 'Invalid field.' }]);
      // autoCreate users sign in with the password given here; the others set theirs later (or never: custCreate).
      if (action === 'autoCreate' && !info.password) throw Errors.badRequest('Invalid parameter: password');
      if (await repo.getUserByEmail(ctx.db, ctx.account.id, email)) throw Errors.emailTaken(email);
      await checkSeat(ctx.db, ctx.account, info.type);
      const user = newUser(
        ctx.account,
        {
          email,
          type: info.type,
          action,
          ...(info.first_name !== undefined ? { first_name: info.first_name } : {}),
          ...(info.last_name !== undefined ? { last_name: info.last_name } : {}),
          ...(info.display_name !== undefined ? { display_name: info.display_name } : {}),
          ...(info.division_ids !== undefined ? { division_ids: info.division_ids } : {}),
          ...(info.plan_united_type !== undefined ? { plan_united_type: info.plan_united_type } : {}),
          ...(info.feature?.zoom_phone !== undefined ? { zoom_phone: info.feature.zoom_phone } : {}),
          ...(info.feature?.zoom_one_type !== undefined ? { zoom_one_type: info.feature.zoom_one_type } : {}),
          password_hash: info.password && action !== 'custCreate' ? await hashPassword(info.password) : null,
        },
        ctx.clock.iso(),
      );
      await repo.insertUser(ctx.db, ctx.account.id, user);
      return { id: user.id, first_name: user.profile.first_name, last_name: user.profile.last_name, email: user.email, type: user.type };
    },

    async user(input: Input<{ userId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      return userResponse(user, ctx.account, urls);
    },

    async userUpdate(input: Input<{ userId: string }, Record<string, never>, UserUpdateBody>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const body = input.body ?? {};
      if (body.group_id !== undefined) {
        // No group exists until the Groups category is implemented, so any id is unknown.
        throw Errors.groupNotFound(body.group_id);
      }
      if (body.type !== undefined && body.type !== user.type) {
        if (user.role_id === OWNER_ROLE_ID && body.type !== 2) throw Errors.badRequest('The account owner must be a Licensed user.');
        await checkSeat(ctx.db, ctx.account, body.type);
        user.type = body.type;
      }
      if (body.pmi !== undefined) {
        if (!/^[1-9]\d{9}$/.test(String(body.pmi))) throw Errors.validation([{ field: 'pmi', message: 'Invalid field.' }]);
        user.profile.pmi = body.pmi;
      }
      if (body.plan_united_type !== undefined) user.profile.plan_united_type = body.plan_united_type === 'none' ? null : body.plan_united_type;
      if (body.feature?.zoom_phone !== undefined) user.profile.zoom_phone = body.feature.zoom_phone;
      const profile = user.profile as unknown as Record<string, unknown>;
      for (const field of PROFILE_FIELDS) {
        if (body[field] !== undefined) profile[field] = body[field];
      }
      if ((body.first_name !== undefined || body.last_name !== undefined) && body.display_name === undefined) {
        user.profile.display_name = `${user.profile.first_name} ${user.profile.last_name}`.trim() || user.profile.display_name;
      }
      await repo.updateUser(ctx.db, ctx.account.id, user);
    },

    async userDelete(
      input: Input<{ userId: string }, { action?: 'disassociate' | 'delete'; transfer_email?: string } & Record<string, unknown>>,
      ctx: Context,
    ) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      if (user.role_id === OWNER_ROLE_ID) throw Errors.ownerCannotBeDeleted();
      const transfer = input.query.transfer_email;
      if (transfer !== undefined) {
        if (transfer.toLowerCase() === user.email) {
          throw Errors.badRequest("The transfer-to email address cannot be the same as the unlinked or deleted user's email address.");
        }
        if (!(await repo.getUserByEmail(ctx.db, ctx.account.id, transfer))) throw Errors.userNotFound(transfer);
      }
      // Both actions remove the user from this account: `disassociate` leaves a
      // free standalone Zoom user elsewhere, which is outside any account here.
      await repo.deleteUser(ctx.db, ctx.account.id, user.id);
    },
  };
}
