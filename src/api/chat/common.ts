// What every Team Chat operation shares: who acts, and how a user is named.
import type { Context } from '../../core/provider.ts';
import type { Queryable } from '../../storage/db.ts';
import { findUser, lookupUser } from '../users/lookup.ts';
import type { UserRecord } from '../users/model.ts';
import * as repo from './repository.ts';

/**
 * Who an operation acts as. `user` is the token's user on the user-level paths
 * (`/chat/channels/…`, `/im/users/me/…`) and the path's user on
 * `/chat/users/{userId}/…`. `admin` is true when the token reaches the whole
 * account: an account-level app, or a user holding an `:admin` scope of the
 * operation (the pipeline has checked the role privilege it needs); an admin is
 * not held to the channel roles of `user`.
 */
export interface Acting {
  user: UserRecord | null;
  admin: boolean;
}

/**
 * The `:admin` scopes of each operation acting on the token's own user
 * (contract/operations.json): holding one of them reaches the account. Another
 * admin scope, for another operation, does not.
 */
export const ADMIN_SCOPES = {
  getUserLevelChannel: ['chat_channel:read:admin', 'chat_channel:write:admin', 'team_chat:read:channel:admin'],
  updateUserLevelChannel: ['chat_channel:write:admin', 'team_chat:update:channel:admin'],
  deleteUserLevelChannel: ['chat_channel:write:admin', 'team_chat:delete:channel:admin'],
  removeAUserLevelChannelMember: ['chat_channel:write:admin', 'team_chat:delete:member:admin'],
  imChatSessions: ['imchat:read:admin'],
  imChatMessages: [],
} as const satisfies Record<string, readonly string[]>;

export function reachesAccount(ctx: Context, adminScopes: readonly string[]): boolean {
  return !ctx.actor.userId || adminScopes.some((s) => ctx.actor.scopes.has(s));
}

/** The token's user (user-level paths); none for an account-level app. */
export async function tokenActor(ctx: Context, adminScopes: readonly string[]): Promise<Acting> {
  const user = ctx.actor.userId ? await findUser(ctx.db, ctx, 'me') : null;
  return { user, admin: reachesAccount(ctx, adminScopes) };
}

/** The path's user (`/chat/users/{userId}/…`): the operation acts on its behalf. */
export async function pathActor(ctx: Context, userId: string): Promise<Acting & { user: UserRecord }> {
  return { user: await findUser(ctx.db, ctx, userId), admin: false };
}

/** A user of the account by email, id or member id. */
export async function userByAnyId(db: Queryable, accountId: string, ref: string): Promise<UserRecord | undefined> {
  const trimmed = ref.trim();
  if (trimmed === '') return undefined;
  return (await lookupUser(db, accountId, trimmed)) ?? (trimmed.includes('@') ? undefined : repo.userByMemberId(db, accountId, trimmed));
}
