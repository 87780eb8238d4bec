// Users: assistants (userAssistants, userAssistantCreate, userAssistantsDelete,
// userAssistantDelete) and schedulers (userSchedulers, userSchedulersDelete,
// userSchedulerDelete). One relation, two views: B is A's assistant exactly when
// A is one of B's schedulers.
import { Errors } from '../../core/errors.ts';
import type { Context, Input, ProviderDeps } from '../../core/provider.ts';
import { findUser, lookupUser } from './lookup.ts';
import * as repo from './repository.ts';

/** Zoom allows a user at most 30 assistants (the spec's maxItems). */
export const MAX_ASSISTANTS = 30;

interface AssistantRef {
  id?: string;
  email?: string;
  can_manage_host_private_event?: boolean;
}

export function createAssistantOperations(_deps: ProviderDeps) {
  return {
    async userAssistants(input: Input<{ userId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const list = await repo.listAssistants(ctx.db, ctx.account.id, user.id);
      return {
        assistants: list.map((r) => ({ id: r.other.id, email: r.other.email, can_manage_host_private_event: r.can_manage_host_private_event })),
      };
    },

    async userAssistantCreate(input: Input<{ userId: string }, Record<string, never>, { assistants?: AssistantRef[] }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const refs = input.body?.assistants ?? [];
      if (refs.length === 0) throw Errors.validation([{ field: 'assistants', message: 'Missing field.' }]);
      if (ctx.account.plan === 'free') throw Errors.assistantsPaidOnly(input.path.userId);
      if (user.type !== 2) throw Errors.assistantLicenseRequired(input.path.userId);
      const existing = new Set((await repo.listAssistants(ctx.db, ctx.account.id, user.id)).map((r) => r.assistant_id));
      const added: string[] = [];
      const now = ctx.clock.iso();
      for (const ref of refs) {
        const key = ref.id ?? ref.email;
        if (!key) throw Errors.validation([{ field: 'assistants.id', message: 'Either id or email is required.' }]);
        // Assistants come from this account only: anyone else is not found.
        const assistant = await lookupUser(ctx.db, ctx.account.id, key);
        if (!assistant) throw Errors.assistantUserNotFound(key);
        if (assistant.id === user.id) throw Errors.assistantSelf();
        if (existing.has(assistant.id)) {
          if (added.includes(assistant.id)) continue; // the same assistant twice in one request
          throw Errors.assistantExists(assistant.email);
        }
        if (assistant.type !== 2) throw Errors.assistantLicenseRequired(assistant.email);
        if (existing.size >= MAX_ASSISTANTS) {
          throw Errors.badRequest(`A user can have at most ${MAX_ASSISTANTS} assistants.`);
        }
        await repo.insertAssistant(ctx.db, ctx.account.id, user.id, assistant.id, ref.can_manage_host_private_event ?? false, now);
        existing.add(assistant.id);
        added.push(assistant.id);
      }
      return { ids: added.join(','), add_at: now };
    },

    async userAssistantsDelete(input: Input<{ userId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      await repo.deleteAssistants(ctx.db, ctx.account.id, { userId: user.id });
    },

    async userAssistantDelete(input: Input<{ userId: string; assistantId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const assistant = await lookupUser(ctx.db, ctx.account.id, input.path.assistantId);
      const gone = assistant ? await repo.deleteAssistants(ctx.db, ctx.account.id, { userId: user.id, assistantId: assistant.id }) : 0;
      if (gone === 0) throw Errors.userNotFound(input.path.assistantId);
    },

    async userSchedulers(input: Input<{ userId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const list = await repo.listSchedulers(ctx.db, ctx.account.id, user.id);
      return { schedulers: list.map((r) => ({ id: r.other.id, email: r.other.email, pmi: r.other.profile.pmi })) };
    },

    async userSchedulersDelete(input: Input<{ userId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      await repo.deleteAssistants(ctx.db, ctx.account.id, { assistantId: user.id });
    },

    async userSchedulerDelete(input: Input<{ userId: string; schedulerId: string }>, ctx: Context) {
      const user = await findUser(ctx.db, ctx, input.path.userId);
      const scheduler = await lookupUser(ctx.db, ctx.account.id, input.path.schedulerId);
      const gone = scheduler ? await repo.deleteAssistants(ctx.db, ctx.account.id, { userId: scheduler.id, assistantId: user.id }) : 0;
      if (gone === 0) throw Errors.userNotFound(input.path.schedulerId);
    },
  };
}
