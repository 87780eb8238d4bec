// Chat Channels and Chat Channels (Account-level): create, read, update and
// delete channels, list a user's channels, join and leave public channels,
// invite, list and remove members. The user-level operations act as the
// token's user; the account-level ones on behalf of the path's user.
import { Errors, type ZoomError } from '../../core/errors.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import type { ReadCache } from '../../core/read-cache.ts';
import type { UserRecord } from '../users/model.ts';
import { Barriers } from './barriers.ts';
import { ADMIN_SCOPES, pathActor, tokenActor, userByAnyId, type Acting } from './common.ts';
import { ChatErrors } from './errors.ts';
import {
  channelEventObject,
  channelResponse,
  createdChannel,
  eventMember,
  fixForType,
  isPublic,
  memberIdOf,
  memberResponse,
  newChannelId,
  newSettings,
  type ChannelRecord,
  type ChannelSettings,
  type ChannelType,
  type MemberRecord,
} from './model.ts';
import * as repo from './repository.ts';

/** Zoom adds at most 20 members per Create a channel or Invite channel members call. */
export const MAX_MEMBERS_PER_CALL = 20;
/** Zoom's documented cap on members of one channel. */
export const MAX_CHANNEL_MEMBERS = 10_000;

interface SettingsBody {
  add_member_permissions?: 1 | 2;
  new_members_can_see_previous_messages_files?: boolean;
  posting_permissions?: 1 | 2 | 3;
  mention_all_permissions?: 1 | 2 | 3;
  designated_posting_members?: Array<{ user_id?: string; member_id?: string }>;
}

interface CreateBody {
  name?: string;
  type?: 1 | 2 | 3 | 4;
  members?: Array<{ email: string }>;
  channel_settings?: SettingsBody;
  shared_space?: { space_id: string };
}

interface UpdateBody {
  name?: string;
  type?: 1 | 2 | 3 | 5;
  channel_settings?: SettingsBody;
}

/** What a channel looks like to the one acting: the channel, and the actor's membership. */
interface Seen {
  channel: ChannelRecord;
  member: MemberRecord | undefined;
}

const ms = (ctx: Context) => ctx.clock.now();

/**
 * The channel, if the one acting may see it: an admin sees every channel of
 * the account, a user its own channels and the public ones. Others' private
 * channels answer the operation's 400/200 (`forbidden`), unknown ones 404/4130.
 */
async function seeChannel(ctx: Context, acting: Acting, channelId: string, forbidden: ZoomError, publicOk = true): Promise<Seen> {
  const channel = await repo.getChannel(ctx.db, ctx.account.id, channelId);
  if (!channel) throw ChatErrors.channelNotFound(channelId);
  const member = acting.user ? await repo.getMember(ctx.db, ctx.account.id, channel.id, acting.user.id) : undefined;
  if (!member && !acting.admin && !(publicOk && isPublic(channel))) throw forbidden;
  return { channel, member };
}

/** Owner and channel admins manage the channel; an account admin always may. */
const manages = (acting: Acting, seen: Seen) => acting.admin || seen.member?.role === 'owner' || seen.member?.role === 'admin';
const owns = (acting: Acting, seen: Seen) => acting.admin || seen.member?.role === 'owner';

function checkName(name: string | undefined, required: boolean): string | undefined {
  const trimmed = name?.trim();
  if (trimmed === undefined || trimmed === '') {
    if (required) throw Errors.validation([{ field: 'name', message: 'Invalid field.' }]);
    return undefined;
  }
  return trimmed;
}

async function usersByEmail(ctx: Context, entries: ReadonlyArray<{ email: string }>): Promise<UserRecord[]> {
  if (entries.length > MAX_MEMBERS_PER_CALL) {
    throw Errors.validation([{ field: 'members', message: `At most ${MAX_MEMBERS_PER_CALL} members can be added at a time.` }]);
  }
  const users = new Map<string, UserRecord>();
  for (const { email } of entries) {
    const user = await userByAnyId(ctx.db, ctx.account.id, email);
    if (!user) throw Errors.userNotFound(email);
    users.set(user.id, user);
  }
  return [...users.values()];
}

/** Designated posters name channel members by user id or member id. */
async function designated(ctx: Context, channelId: string, entries: NonNullable<SettingsBody['designated_posting_members']>, failed: ZoomError): Promise<string[]> {
  const ids = new Set<string>();
  for (const e of entries) {
    const m = e.user_id ? await repo.getMember(ctx.db, ctx.account.id, channelId, e.user_id) : e.member_id ? await repo.getMemberByMemberId(ctx.db, ctx.account.id, channelId, e.member_id) : undefined;
    if (!m) throw failed;
    ids.add(m.user_id);
  }
  return [...ids];
}

async function createChannel(ctx: Context, owner: UserRecord, body: CreateBody) {
  const failed = ChatErrors.channelFailed('Request to create a channel failed.');
  // Shared spaces are not kept here: none exists.
  if (body.shared_space) throw ChatErrors.sharedSpaceNotFound();
  const type: ChannelType = body.type ?? 1;
  const members = (await usersByEmail(ctx, body.members ?? [])).filter((u) => u.id !== owner.id);
  const name = checkName(body.name, type !== 4) ?? [owner, ...members].map((u) => u.profile.first_name || u.email).join(', ').slice(0, 256);
  const channel: ChannelRecord = {
    id: newChannelId(),
    name,
    type,
    owner_id: owner.id,
    archived: false,
    settings: newSettings(type, body.channel_settings as Partial<ChannelSettings> | undefined),
    created_at: ctx.clock.iso(),
  };
  if (await repo.channelNamed(ctx.db, ctx.account.id, channel)) throw ChatErrors.channelNameTaken();
  const barriers = await Barriers.load(ctx.db, ctx.account.id);
  const everyone = [owner, ...members];
  for (const [i, u] of everyone.entries()) {
    if ((await barriers.walledOff(u.id, everyone.slice(i + 1).map((o) => o.id))).length > 0) throw failed;
  }
  await repo.insertChannel(ctx.db, ctx.account.id, channel);
  const now = channel.created_at;
  await repo.addMember(ctx.db, ctx.account.id, channel.id, { user_id: owner.id, member_id: memberIdOf(owner.id), role: 'owner', added_at: now });
  for (const u of members) await repo.addMember(ctx.db, ctx.account.id, channel.id, { user_id: u.id, member_id: memberIdOf(u.id), role: 'member', added_at: now });
  await ctx.emit('chat_channel.created', { object: { ...channelEventObject(channel, ms(ctx)), members: everyone.map(eventMember) } });
  return createdChannel(channel);
}

async function updateChannel(ctx: Context, acting: Acting, channelId: string, body: UpdateBody) {
  const forbidden = ChatErrors.channelForbidden('update a channel for this user', 403);
  const seen = await seeChannel(ctx, acting, channelId, forbidden, false);
  if (!manages(acting, seen)) throw forbidden;
  const { channel } = seen;
  const name = checkName(body.name, false);
  if (name !== undefined) channel.name = name;
  if (body.type !== undefined) channel.type = body.type;
  const s = body.channel_settings;
  if (s) {
    // "Only the channel owner can modify this setting."
    const ownerOnly = (s.add_member_permissions !== undefined && s.add_member_permissions !== channel.settings.add_member_permissions) ||
      (s.mention_all_permissions !== undefined && s.mention_all_permissions !== channel.settings.mention_all_permissions);
    if (ownerOnly && !owns(acting, seen)) throw forbidden;
    const next = { ...channel.settings };
    if (s.add_member_permissions !== undefined) next.add_member_permissions = s.add_member_permissions;
    if (s.new_members_can_see_previous_messages_files !== undefined) next.new_members_can_see_previous_messages_files = s.new_members_can_see_previous_messages_files;
    if (s.posting_permissions !== undefined) next.posting_permissions = s.posting_permissions;
    if (s.mention_all_permissions !== undefined) next.mention_all_permissions = s.mention_all_permissions;
    if (s.designated_posting_members !== undefined) {
      next.designated_posting_members = await designated(ctx, channel.id, s.designated_posting_members, ChatErrors.channelFailed('Request to update a channel failed.'));
    }
    channel.settings = next;
  }
  channel.settings = fixForType(channel.settings, channel.type);
  const other = await repo.channelNamed(ctx.db, ctx.account.id, channel);
  if (other !== undefined && other !== channel.id) throw ChatErrors.channelNameTaken();
  await repo.updateChannel(ctx.db, ctx.account.id, channel);
  await ctx.emit('chat_channel.updated', { object: channelEventObject(channel, ms(ctx)) });
}

async function deleteChannel(ctx: Context, acting: Acting, channelId: string) {
  const forbidden = ChatErrors.channelForbidden("delete this user's channel");
  const seen = await seeChannel(ctx, acting, channelId, forbidden, false);
  if (!owns(acting, seen)) throw forbidden;
  await repo.deleteChannel(ctx.db, ctx.account.id, seen.channel.id);
  await ctx.emit('chat_channel.deleted', { object: channelEventObject(seen.channel, ms(ctx)) });
}

/** The member named by email, user id or member id. */
async function findMember(ctx: Context, channelId: string, identifier: string): Promise<{ member: MemberRecord; user: UserRecord } | undefined> {
  const user = await userByAnyId(ctx.db, ctx.account.id, identifier);
  if (!user) return undefined;
  const member = await repo.getMember(ctx.db, ctx.account.id, channelId, user.id);
  return member && { member, user };
}

async function removeMember(ctx: Context, acting: Acting, channelId: string, identifier: string) {
  const forbidden = ChatErrors.channelForbidden("remove channel members on this user's behalf");
  const failed = ChatErrors.channelFailed('Unable to remove channel member.');
  const seen = await seeChannel(ctx, acting, channelId, forbidden, false);
  if (!manages(acting, seen)) throw forbidden;
  const target = await findMember(ctx, seen.channel.id, identifier);
  // The owner stays; a channel admin removes members but not other admins.
  if (!target || target.member.role === 'owner') throw failed;
  if (target.member.role === 'admin' && !owns(acting, seen)) throw forbidden;
  await repo.removeMember(ctx.db, ctx.account.id, seen.channel.id, target.user.id);
  await dropDesignated(ctx, seen.channel, target.user.id);
  await ctx.emit('chat_channel.member_removed', { object: { ...channelEventObject(seen.channel, ms(ctx)), members: [eventMember(target.user)] } });
}

/** A member who leaves stops being a designated poster. */
async function dropDesignated(ctx: Context, channel: ChannelRecord, userId: string) {
  const list = channel.settings.designated_posting_members;
  if (!list.includes(userId)) return;
  channel.settings.designated_posting_members = list.filter((u) => u !== userId);
  await repo.updateChannel(ctx.db, ctx.account.id, channel);
}

async function inviteMembers(ctx: Context, acting: Acting & { user: UserRecord }, channelId: string, entries: ReadonlyArray<{ email: string }>) {
  const forbidden = ChatErrors.channelForbidden("invite channel members on this user's behalf");
  const failed = ChatErrors.channelFailed('Request to invite channel members failed.');
  const seen = await seeChannel(ctx, acting, channelId, forbidden, false);
  const { channel } = seen;
  if (channel.settings.add_member_permissions === 2 && !manages(acting, seen)) throw forbidden;
  if (entries.length === 0) throw Errors.validation([{ field: 'members', message: 'Missing field.' }]);
  const users = await usersByEmail(ctx, entries);
  const fresh: UserRecord[] = [];
  for (const u of users) if (!(await repo.getMember(ctx.db, ctx.account.id, channel.id, u.id))) fresh.push(u);
  if ((await repo.countMembers(ctx.db, ctx.account.id, channel.id)) + fresh.length > MAX_CHANNEL_MEMBERS) throw failed;
  const barriers = await Barriers.load(ctx.db, ctx.account.id);
  if (!barriers.none) {
    const present = await repo.memberIds(ctx.db, ctx.account.id, channel.id);
    for (const [i, u] of fresh.entries()) {
      const others = [...present, ...fresh.slice(i + 1).map((o) => o.id)];
      if ((await barriers.walledOff(u.id, others)).length > 0) throw failed;
    }
  }
  const now = ctx.clock.iso();
  for (const u of fresh) await repo.addMember(ctx.db, ctx.account.id, channel.id, { user_id: u.id, member_id: memberIdOf(u.id), role: 'member', added_at: now });
  if (fresh.length > 0) {
    await ctx.emit('chat_channel.member_invited', { object: { ...channelEventObject(channel, ms(ctx)), members: fresh.map(eventMember) } });
  }
  return { added_at: now, ids: fresh.map((u) => u.id).join(','), member_ids: fresh.map((u) => memberIdOf(u.id)).join(',') };
}

/**
 * Get a channel's answer, kept (core/read-cache.ts) once the caller may see the
 * channel: it is made from the channel's row alone, whose triggers drop it.
 */
async function readChannel(ctx: Context, answers: ReadCache, acting: Acting, channelId: string) {
  const forbidden = ChatErrors.channelForbidden("access this user's channel information");
  const member = acting.user && !acting.admin ? await repo.getMember(ctx.db, ctx.account.id, channelId, acting.user.id) : undefined;
  // Not a member: the channel must exist and be public (this throws otherwise).
  if (!acting.admin && !member) await seeChannel(ctx, acting, channelId, forbidden);
  return answers.read(ctx.account.id, channelId, async () => channelResponse((await seeChannel(ctx, { user: null, admin: true }, channelId, forbidden)).channel));
}

export function createChannelOperations(deps: ProviderDeps) {
  const answers = deps.readCache('channel');
  return {
    // ---- Chat Channels (user-level: the token's user) ----

    async getChannels(input: Input<{ userId: string }>, ctx: Context) {
      const { user } = await pathActor(ctx, input.path.userId);
      const total = await input.page.total(() => repo.countUserChannels(ctx.db, ctx.account.id, user.id));
      const { channels, last } = await repo.listUserChannels(ctx.db, ctx.account.id, user.id, input.page);
      return input.page.respond(total, { channels: channels.map((c) => channelResponse(c, false)) }, last);
    },

    async createChannel(input: Input<{ userId: string }, Record<string, never>, CreateBody>, ctx: Context) {
      const { user } = await pathActor(ctx, input.path.userId);
      return createChannel(ctx, user, input.body);
    },

    async getUserLevelChannel(input: Input<{ channelId: string }>, ctx: Context) {
      return readChannel(ctx, answers, await tokenActor(ctx, ADMIN_SCOPES.getUserLevelChannel), input.path.channelId);
    },

    async updateUserLevelChannel(input: Input<{ channelId: string }, Record<string, never>, UpdateBody>, ctx: Context) {
      await updateChannel(ctx, await tokenActor(ctx, ADMIN_SCOPES.updateUserLevelChannel), input.path.channelId, input.body);
    },

    async deleteUserLevelChannel(input: Input<{ channelId: string }>, ctx: Context) {
      await deleteChannel(ctx, await tokenActor(ctx, ADMIN_SCOPES.deleteUserLevelChannel), input.path.channelId);
    },

    async joinChannel(input: Input<{ channelId: string }>, ctx: Context) {
      const { user } = await pathActor(ctx, 'me');
      const failed = ChatErrors.channelFailed('The request to join the channel failed.');
      const channel = await repo.getChannel(ctx.db, ctx.account.id, input.path.channelId);
      if (!channel) throw ChatErrors.channelNotFound(input.path.channelId);
      // Only public channels are joined; private ones take an invitation.
      if (!isPublic(channel) || channel.archived || (await repo.getMember(ctx.db, ctx.account.id, channel.id, user.id))) throw failed;
      const barriers = await Barriers.load(ctx.db, ctx.account.id);
      if ((await barriers.walledOff(user.id, await repo.memberIds(ctx.db, ctx.account.id, channel.id))).length > 0) throw failed;
      if ((await repo.countMembers(ctx.db, ctx.account.id, channel.id)) >= MAX_CHANNEL_MEMBERS) throw failed;
      const added_at = ctx.clock.iso();
      await repo.addMember(ctx.db, ctx.account.id, channel.id, { user_id: user.id, member_id: memberIdOf(user.id), role: 'member', added_at });
      await ctx.emit('chat_channel.member_joined', { object: channelEventObject(channel, ms(ctx)), operator: user.email, operator_id: user.id });
      return { added_at, id: user.id, member_id: memberIdOf(user.id) };
    },

    async leaveChannel(input: Input<{ channelId: string }>, ctx: Context) {
      const { user } = await pathActor(ctx, 'me');
      const failed = ChatErrors.channelFailed('Request to leave the channel failed.');
      const channel = await repo.getChannel(ctx.db, ctx.account.id, input.path.channelId);
      if (!channel) throw ChatErrors.channelNotFound(input.path.channelId);
      const member = await repo.getMember(ctx.db, ctx.account.id, channel.id, user.id);
      // The owner hands the channel over (or deletes it) before leaving.
      if (!member || member.role === 'owner') throw failed;
      await repo.removeMember(ctx.db, ctx.account.id, channel.id, user.id);
      await dropDesignated(ctx, channel, user.id);
      await ctx.emit('chat_channel.member_left', { object: channelEventObject(channel, ms(ctx)), operator: user.email, operator_id: user.id });
    },

    async removeAUserLevelChannelMember(input: Input<{ channelId: string; identifier: string }>, ctx: Context) {
      await removeMember(ctx, await tokenActor(ctx, ADMIN_SCOPES.removeAUserLevelChannelMember), input.path.channelId, input.path.identifier);
    },

    // ---- Chat Channels (Account-level): on behalf of the path's user ----

    async getChannel(input: Input<{ userId: string; channelId: string }>, ctx: Context) {
      return readChannel(ctx, answers, await pathActor(ctx, input.path.userId), input.path.channelId);
    },

    async updateChannel(input: Input<{ userId: string; channelId: string }, Record<string, never>, UpdateBody>, ctx: Context) {
      await updateChannel(ctx, await pathActor(ctx, input.path.userId), input.path.channelId, input.body);
    },

    async deleteChannel(input: Input<{ userId: string; channelId: string }>, ctx: Context) {
      await deleteChannel(ctx, await pathActor(ctx, input.path.userId), input.path.channelId);
    },

    async listChannelMembers(input: Input<{ userId: string; channelId: string }>, ctx: Context) {
      const acting = await pathActor(ctx, input.path.userId);
      const seen = await seeChannel(ctx, acting, input.path.channelId, ChatErrors.channelForbidden("view channel members on this user's behalf"));
      const total = await input.page.total(() => repo.countMembers(ctx.db, ctx.account.id, seen.channel.id));
      const { members, last } = await repo.listMembers(ctx.db, ctx.account.id, seen.channel.id, input.page);
      return input.page.respond(total, { members: members.map((m) => memberResponse(m.member, m.user)) }, last);
    },

    async inviteChannelMembers(input: Input<{ userId: string; channelId: string }, Record<string, never>, { members?: Array<{ email: string }> }>, ctx: Context) {
      return inviteMembers(ctx, await pathActor(ctx, input.path.userId), input.path.channelId, input.body.members ?? []);
    },

    async removeAChannelMember(input: Input<{ userId: string; channelId: string; identifier: string }>, ctx: Context) {
      await removeMember(ctx, await pathActor(ctx, input.path.userId), input.path.channelId, input.path.identifier);
    },
  };
}
