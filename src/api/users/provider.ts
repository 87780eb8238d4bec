// Users: List users, Create users, Get a user, Update a user, Delete a user here;
// the other users operations come from the sub-area files composed below.
import { syncPhoneUser } from '../../phone/provisioning.ts';
import { deletePhoneUser } from '../../phone/repository.ts';
import { Errors } from '../../core/errors.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
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
import { getGroup, groupIdsOfUser, moveUserToGroup, removeUserFromGroups } from '../groups/repository.ts';
import { deleteFiles } from '../accounts/repository.ts';
import { deleteOverrides } from '../settings/repository.ts';
import { callerHolds } from '../roles/privileges.ts';
import { checkSeat, findUser, hashPassword } from './lookup.ts';
import { createAssistantOperations } from './assistants.ts';
import { createDeviceOperations } from './devices.ts';
import { createProfileOperations } from './profile.ts';
import { createTokenOperations } from './tokens.ts';
import { emitUserUpdated, userObject } from './events.ts';
import { removeHostMeetings } from '../meetings/hosts.ts';
import { removeHostWebinars } from '../webinars/hosts.ts';

export { findUser } from './lookup.ts';

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
  const answers = deps.readCache('user');
  // Pages of List users: any change to a user of the account drops them all.
  const pages = deps.readCache('users_page', (c) => (c.kind === 'object' && c.object === 'user' ? { accountId: c.accountId } : undefined));

  return {
    ...createProfileOperations(),
    ...createTokenOperations(deps),
    ...createAssistantOperations(deps),
    ...createDeviceOperations(deps),

    async users(
      input: Input<Record<string, never>, { status?: UserStatus; role_id?: string; include_fields?: string }>,
      ctx: Context,
    ) {
      const { page, query } = input;
      const filter = { status: query.status ?? 'active', ...(query.role_id !== undefined ? { roleId: query.role_id } : {}) };
      const include = { customAttributes: query.include_fields === 'custom_attributes', hostKey: query.include_fields === 'host_key' };
      if (!include.customAttributes && !include.hostKey) {
        // The common case joins the entries stored with each row, and is kept until a user of the account changes.
        return pages.readPage(ctx.account.id, page.key, ctx.clock.now(), async () => {
          const total = await page.total(() => repo.countUsers(ctx.db, ctx.account.id, filter));
          const { items, last } = await repo.listUserEntries(ctx.db, ctx.account.id, filter, page);
          return page.respondText(total, 'users', items, last);
        });
      }
      const total = await page.total(() => repo.countUsers(ctx.db, ctx.account.id, filter));
      const { users, last } = await repo.listUsers(ctx.db, ctx.account.id, filter, page);
      return page.respond(total, { users: users.map((u) => userListItem(u, include)) }, last);
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
      await syncPhoneUser(ctx.db, ctx.account, user, ctx.clock.iso());
      await ctx.emit('user.created', { creation_type: action, object: userObject(user, true) });
      return { id: user.id, first_name: user.profile.first_name, last_name: user.profile.last_name, email: user.email, type: user.type };
    },

    async user(input: Input<{ userId: string }>, ctx: Context) {
      const id = ctx.resolveMe(input.path.userId);
      const read = async () => userResponse(await findUser(ctx.db, ctx, id), ctx.account, urls);
      // Kept by id; a read by email address goes to the database.
      return id.includes('@') ? read() : answers.read(ctx.account.id, id, read);
    },

    async userUpdate(input: Input<{ userId: string }, Record<string, never>, UserUpdateBody>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const before = structuredClone(user);
      const body = input.body ?? {};
      // A user may edit its own profile without privileges, but not take a license
      // (User:Edit) nor move into a group (group membership is Group:Edit).
      const licenseChange = body.type !== undefined && body.type !== user.type;
      if (licenseChange && !(await callerHolds(ctx, ['User:Edit']))) throw Errors.noPermission();
      if (body.group_id !== undefined && !(await callerHolds(ctx, ['Group:Edit']))) throw Errors.noPermission();
      // The phone licence is a licence too.
      const phoneChange = body.feature?.zoom_phone !== undefined && body.feature.zoom_phone !== (user.profile.zoom_phone === true);
      if (phoneChange && !(await callerHolds(ctx, ['User:Edit']))) throw Errors.noPermission();
      if (body.group_id !== undefined) {
        // A known group becomes the user's primary group (joining it if needed); an unknown one is 404/4130.
        if (!(await getGroup(ctx.db, ctx.account.id, body.group_id))) throw Errors.groupNotFound(body.group_id);
        await moveUserToGroup(ctx.db, ctx.account.id, user.id, body.group_id, ctx.clock.iso());
        user.profile.group_ids = await groupIdsOfUser(ctx.db, ctx.account.id, user.id);
      }
      if (body.type !== undefined && licenseChange) {
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
      await syncPhoneUser(ctx.db, ctx.account, user, ctx.clock.iso());
      await emitUserUpdated(ctx, before, user);
    },

    async userDelete(
      input: Input<{ userId: string }, { action?: 'disassociate' | 'delete'; transfer_email?: string; transfer_meeting?: boolean } & Record<string, unknown>>,
      ctx: Context,
    ) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      if (user.role_id === OWNER_ROLE_ID) throw Errors.ownerCannotBeDeleted();
      const transfer = input.query.transfer_email;
      let transferTo: UserRecord | undefined;
      if (transfer !== undefined) {
        if (transfer.toLowerCase() === user.email) {
          throw Errors.badRequest("The transfer-to email address cannot be the same as the unlinked or deleted user's email address.");
        }
        transferTo = await repo.getUserByEmail(ctx.db, ctx.account.id, transfer);
        if (!transferTo) throw Errors.userNotFound(transfer);
      }
      // Their meetings go to the transfer user when asked, else they are deleted.
      await removeHostMeetings(ctx, user.id, input.query.transfer_meeting === true ? transferTo : undefined, deps.baseUrl);
      await removeHostWebinars(ctx, user.id, input.query.transfer_webinar === true ? transferTo : undefined, deps.baseUrl);
      // Both actions remove the user from this account: `disassociate` leaves a
      // free standalone Zoom user elsewhere, which is outside any account here.
      await removeUserFromGroups(ctx.db, ctx.account.id, user.id);
      await deleteOverrides(ctx.db, ctx.account.id, 'user', user.id);
      await deleteFiles(ctx.db, ctx.account.id, 'picture', user.id);
      await deleteFiles(ctx.db, ctx.account.id, 'vb_user', user.id);
      await deletePhoneUser(ctx.db, ctx.account.id, user.id);
      await repo.deleteUser(ctx.db, ctx.account.id, user.id);
      // Zoom's default action is disassociate.
      await ctx.emit(input.query.action === 'delete' ? 'user.deleted' : 'user.disassociated', { object: userObject(user) });
    },
  };
}
