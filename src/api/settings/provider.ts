// Settings: account, group and user settings (every option shape), account
// and group lock settings, webinar registration settings. Values inherit
// account ← group ← user; a lock keeps the locking level's value below it.
import { Errors } from '../../core/errors.ts';
import { zoomId } from '../../core/ids.ts';
import type { Context, Input, Provider, ProviderDeps } from '../../core/provider.ts';
import { backgroundResponse } from '../accounts/model.ts';
import { listFiles, type FileOwner } from '../accounts/repository.ts';
import { getGroup, primaryGroupOfUser } from '../groups/repository.ts';
import { findUser } from '../users/provider.ts';
import { updateUser } from '../users/repository.ts';
import type { UserRecord } from '../users/model.ts';
import { callerHolds } from '../roles/privileges.ts';
import { syncPhoneUser } from '../../phone/provisioning.ts';
import { defaultAuthOptions, changeAuthOptions, checkLocks, deepMerge, effective, filterFields, lockedPaths, pickSections, restrictTo, withAliases } from './model.ts';
import type { AuthKind, AuthOptionChange, AuthState, Doc, Layer, Overrides } from './model.ts';
import { defaultLocks, defaultRegistration, defaultSettings, plainLockSections, plainSections, type Level } from './defaults.ts';
import * as repo from './repository.ts';
import { EventCatalogue } from '../../webhooks/catalogue.ts';
import { emitSettingsChange } from './events.ts';
import { applyWebinarFeature, webinarFeatureView } from '../webinars/licences.ts';

type SettingsQuery = { option?: string; custom_query_fields?: string };
type GroupPath = { groupId: string };
type UserPath = { userId: string };

/** The overrides of every level from the account down to the one asked for. */
interface Chain {
  level: Level;
  ownerId: string;
  account: Overrides;
  group: Overrides | null;
  user: Overrides | null;
}

async function chainFor(ctx: Context, level: Level, ownerId: string, groupId: string | null): Promise<Chain> {
  const accountId = ctx.account.id;
  const account = await repo.getOverrides(ctx.db, accountId, 'account', accountId);
  const group = groupId ? await repo.getOverrides(ctx.db, accountId, 'group', groupId) : null;
  const user = level === 'user' ? await repo.getOverrides(ctx.db, accountId, 'user', ownerId) : null;
  return { level, ownerId, account, group, user };
}

async function groupChain(ctx: Context, groupId: string): Promise<Chain> {
  if (!(await getGroup(ctx.db, ctx.account.id, groupId))) throw Errors.groupNotFound(groupId);
  return chainFor(ctx, 'group', groupId, groupId);
}

async function userChain(ctx: Context, userId: string): Promise<{ chain: Chain; type: number; user: UserRecord }> {
  const user = await findUser(ctx.db, ctx, userId);
  const groupId = await primaryGroupOfUser(ctx.db, ctx.account.id, user.id);
  return { chain: await chainFor(ctx, 'user', user.id, groupId), type: user.type, user };
}

/**
 * `feature.zoom_phone` is the user's phone licence (the user's profile, as
 * Update a user sets it): answered from the profile, and a change gives or
 * takes the licence, which needs User:Edit.
 */
async function phoneLicence(ctx: Context, user: UserRecord, body: Doc): Promise<void> {
  const wanted = ((body.feature ?? {}) as Doc).zoom_phone;
  if (typeof wanted !== 'boolean' || wanted === (user.profile.zoom_phone === true)) return;
  if (!(await callerHolds(ctx, ['User:Edit']))) throw Errors.noPermission();
  user.profile.zoom_phone = wanted;
  await updateUser(ctx.db, ctx.account.id, user);
  await syncPhoneUser(ctx.db, ctx.account, user, ctx.clock.iso());
}

/**
 * A user's effective settings (account ← primary group ← user) and the paths
 * locked above the user: what a meeting or webinar the user hosts starts from.
 */
export async function hostSettings(ctx: Context, userId: string): Promise<{ settings: Doc; locked: ReadonlySet<string> }> {
  const groupId = await primaryGroupOfUser(ctx.db, ctx.account.id, userId);
  const chain = await chainFor(ctx, 'user', userId, groupId);
  return { settings: effectiveSettings(ctx, chain), locked: lockedAbove(chain) };
}

const own = (c: Chain): Overrides => (c.level === 'account' ? c.account : c.level === 'group' ? c.group! : c.user!);

/** The layers above and at the chain's level, each with what it locks for those below. */
function layers(c: Chain, shape: Doc): Layer[] {
  const own = (o: Overrides) => restrictTo(shape, withAliases(o.settings ?? {}));
  const out: Layer[] = [{ settings: own(c.account), locked: lockedPaths(c.account.locks ?? {}) }];
  if (c.group) out.push({ settings: own(c.group), locked: lockedPaths(c.group.locks ?? {}) });
  if (c.user) out.push({ settings: own(c.user), locked: new Set() });
  return out;
}

function effectiveSettings(ctx: Context, c: Chain): Doc {
  const defaults = defaultSettings(c.level, ctx.account.plan);
  return effective(defaults, layers(c, defaults));
}

/** Paths locked by the levels above the chain's own. */
function lockedAbove(c: Chain): Set<string> {
  if (c.level === 'account') return new Set();
  const out = lockedPaths(c.account.locks ?? {});
  if (c.level === 'user' && c.group) for (const p of lockedPaths(c.group.locks ?? {})) out.add(p);
  return out;
}

/** Authentication profiles: the nearest level that set them, else the account's defaults. */
function authState(ctx: Context, c: Chain, kind: AuthKind): Required<AuthState> {
  const states = [c.account, c.group, c.user].map((o) => o?.authentication?.[kind]).filter((s): s is AuthState => s !== undefined);
  const merged = states.reduce<AuthState>((acc, s) => ({ ...acc, ...s }), {});
  return {
    enabled: merged.enabled ?? false,
    allow_authentication_exception: merged.allow_authentication_exception ?? false,
    options: merged.options ?? defaultAuthOptions(kind, ctx.account.id),
  };
}

const BACKGROUNDS: Record<Level, FileOwner> = { account: 'vb_account', group: 'vb_group', user: 'vb_user' };

/**
 * A level's settings list the virtual backgrounds uploaded at that level
 * (Upload / Delete virtual background files): `files` is never stored, always
 * read from the uploads. The defaults are shared: the document is copied, not changed.
 */
async function withBackgrounds(ctx: Context, c: Chain, doc: Doc): Promise<Doc> {
  const inMeeting = doc.in_meeting as Doc | undefined;
  const vb = inMeeting?.virtual_background_settings as Doc | undefined;
  if (!inMeeting || !vb) return doc;
  const files = (await listFiles(ctx.db, ctx.account.id, BACKGROUNDS[c.level], c.ownerId)).map(backgroundResponse);
  return { ...doc, in_meeting: { ...inMeeting, virtual_background_settings: { ...vb, files } } };
}

/** The response shape for a settings `option` (plain, security, meeting_security, authentication). */
async function settingsResponse(ctx: Context, c: Chain, query: SettingsQuery): Promise<Doc> {
  const doc = await withBackgrounds(ctx, c, effectiveSettings(ctx, c));
  const section = (name: string) => (doc[name] ?? {}) as Doc;
  switch (query.option) {
    case 'meeting_authentication': {
      const auth = authState(ctx, c, 'meeting');
      const body = { meeting_authentication: auth.enabled, allow_authentication_exception: auth.allow_authentication_exception, authentication_options: auth.options };
      // Users answer the profiles nested by kind (the userSettings schema).
      return c.level === 'user' ? { authentication_options: { meeting_authentication: body } } : body;
    }
    case 'recording_authentication': {
      const auth = authState(ctx, c, 'recording');
      const body = { recording_authentication: auth.enabled, authentication_options: auth.options };
      return c.level === 'user' ? { authentication_options: { recording_authentication: body } } : body;
    }
    case 'meeting_security':
      return filterFields({ meeting_security: section('meeting_security') }, query.custom_query_fields);
    case 'security':
      return filterFields({ security: section('security') }, query.custom_query_fields);
    default:
      return filterFields(pickSections(doc, plainSections(c.level)), query.custom_query_fields);
  }
}

interface SettingsBody extends Doc {
  meeting_authentication?: boolean;
  recording_authentication?: boolean;
  allow_authentication_exception?: boolean;
  authentication_option?: AuthOptionChange;
}

const SETTINGS_EVENT: Record<Level, string> = { account: 'account.settings_updated', group: 'group.settings_updated', user: 'user.settings_updated' };

/** PATCH-merge of one level's settings; a change to a value locked above answers Zoom's error. Emits the level's settings event. */
async function updateSettings(ctx: Context, c: Chain, option: string | undefined, body: SettingsBody, catalogue: EventCatalogue): Promise<void> {
  const before = structuredClone(effectiveSettings(ctx, c));
  const { meeting_authentication, recording_authentication, allow_authentication_exception, authentication_option, ...sections } = body;
  const defaults = defaultSettings(c.level, ctx.account.plan);
  const patch = restrictTo(defaults, withAliases(sections));
  // Background files come and go through their own upload and delete operations.
  const vb = (patch.in_meeting as Doc | undefined)?.virtual_background_settings as Doc | undefined;
  if (vb) delete vb.files;
  checkLocks(patch, effectiveSettings(ctx, c), lockedAbove(c));

  const mine = own(c);
  mine.settings = deepMerge(mine.settings ?? {}, patch);
  const enabled = option === 'recording_authentication' ? (recording_authentication ?? meeting_authentication) : (meeting_authentication ?? recording_authentication);
  if (enabled !== undefined || allow_authentication_exception !== undefined || authentication_option !== undefined) {
    const kind: AuthKind = option === 'recording_authentication' || (option === undefined && recording_authentication !== undefined) ? 'recording' : 'meeting';
    const current = authState(ctx, c, kind);
    const next: AuthState = { ...mine.authentication?.[kind] };
    if (enabled !== undefined) next.enabled = enabled;
    if (allow_authentication_exception !== undefined) next.allow_authentication_exception = allow_authentication_exception;
    if (authentication_option !== undefined) next.options = changeAuthOptions(current.options, authentication_option, zoomId);
    mine.authentication = { ...mine.authentication, [kind]: next };
  }
  await repo.putOverrides(ctx.db, ctx.account.id, c.level, c.ownerId, mine, ctx.clock.iso());
  await emitSettingsChange(ctx, catalogue, SETTINGS_EVENT[c.level], c.ownerId, before, effectiveSettings(ctx, c));
}

function lockResponse(level: 'account' | 'group', o: Overrides, query: SettingsQuery): Doc {
  const doc = deepMerge(defaultLocks(level), o.locks ?? {});
  if (query.option === 'meeting_security') return { meeting_security: doc.meeting_security ?? {} };
  return filterFields(pickSections(doc, plainLockSections(level)), query.custom_query_fields);
}

async function updateLocks(ctx: Context, level: 'account' | 'group', ownerId: string, o: Overrides, body: Doc, catalogue: EventCatalogue): Promise<void> {
  const before = deepMerge(defaultLocks(level), o.locks ?? {});
  o.locks = deepMerge(o.locks ?? {}, restrictTo(defaultLocks(level), body));
  await repo.putOverrides(ctx.db, ctx.account.id, level, ownerId, o, ctx.clock.iso());
  await emitSettingsChange(ctx, catalogue, `${level}.lock_settings_updated`, ownerId, before, deepMerge(defaultLocks(level), o.locks));
}

function requirePaid(ctx: Context): void {
  if (ctx.account.plan === 'free') throw Errors.settingsPaidOnly();
}

const accountRegistration = (o: Overrides): Doc => deepMerge(defaultRegistration(), o.registration ?? {});

/** Webinar features need a Licensed user (Zoom's 1122 and 1108 on userSettingsUpdate). */
function checkFeatures(body: Doc, userType: number): void {
  const feature = (body.feature ?? {}) as Doc;
  if (userType === 2) return;
  if (feature.webinar === true) throw Errors.webinarNeedsLicense();
  if (feature.large_meeting === true) throw Errors.largeMeetingNeedsLicense();
}

export function createSettingsProvider(_deps: ProviderDeps): Provider {
  // The settings each event may name (its schema lists them).
  const catalogue = new EventCatalogue();
  return {
    // Accounts
    async accountSettings(input: Input<Record<string, string>, SettingsQuery>, ctx: Context) {
      return settingsResponse(ctx, await chainFor(ctx, 'account', ctx.account.id, null), input.query);
    },

    async accountSettingsUpdate(input: Input<Record<string, string>, SettingsQuery, SettingsBody>, ctx: Context) {
      await updateSettings(ctx, await chainFor(ctx, 'account', ctx.account.id, null), input.query.option, input.body ?? {}, catalogue);
    },

    async getAccountLockSettings(input: Input<Record<string, string>, SettingsQuery>, ctx: Context) {
      requirePaid(ctx);
      return lockResponse('account', await repo.getOverrides(ctx.db, ctx.account.id, 'account', ctx.account.id), input.query);
    },

    async UpdateLockedSettings(input: Input<Record<string, string>, Record<string, never>, Doc>, ctx: Context) {
      requirePaid(ctx);
      const o = await repo.getOverrides(ctx.db, ctx.account.id, 'account', ctx.account.id);
      await updateLocks(ctx, 'account', ctx.account.id, o, input.body ?? {}, catalogue);
    },

    async accountSettingsRegistration(_input: Input, ctx: Context) {
      return accountRegistration(await repo.getOverrides(ctx.db, ctx.account.id, 'account', ctx.account.id));
    },

    async accountSettingsRegistrationUpdate(input: Input<Record<string, string>, Record<string, string>, Doc>, ctx: Context) {
      requirePaid(ctx);
      const o = await repo.getOverrides(ctx.db, ctx.account.id, 'account', ctx.account.id);
      o.registration = deepMerge(o.registration ?? {}, input.body ?? {});
      await repo.putOverrides(ctx.db, ctx.account.id, 'account', ctx.account.id, o, ctx.clock.iso());
    },

    // Users
    async userSettings(input: Input<UserPath, SettingsQuery>, ctx: Context) {
      const { chain, user } = await userChain(ctx, input.path.userId);
      const answer = await settingsResponse(ctx, chain, input.query);
      const feature = answer.feature as Doc | undefined;
      if (feature && 'zoom_phone' in feature) feature.zoom_phone = user.profile.zoom_phone === true;
      // The webinar licence is the user's, not a setting (src/api/webinars/licences.ts).
      if (feature) Object.assign(feature, webinarFeatureView(user));
      return answer;
    },

    async userSettingsUpdate(input: Input<UserPath, SettingsQuery, SettingsBody>, ctx: Context) {
      const { chain, type, user } = await userChain(ctx, input.path.userId);
      const body = input.body ?? {};
      checkFeatures(body, type);
      await phoneLicence(ctx, user, body);
      const feature = body.feature as Doc | undefined;
      if (feature && (feature.webinar !== undefined || feature.webinar_capacity !== undefined)) {
        await applyWebinarFeature(ctx, user, feature);
        const { webinar: _w, webinar_capacity: _c, ...rest } = feature;
        body.feature = rest;
      }
      await updateSettings(ctx, chain, input.query.option, body, catalogue);
    },

    // Groups
    async getGroupSettings(input: Input<GroupPath, SettingsQuery>, ctx: Context) {
      return settingsResponse(ctx, await groupChain(ctx, input.path.groupId), input.query);
    },

    async updateGroupSettings(input: Input<GroupPath, SettingsQuery, SettingsBody>, ctx: Context) {
      const chain = await groupChain(ctx, input.path.groupId);
      requirePaid(ctx);
      await updateSettings(ctx, chain, input.query.option, input.body ?? {}, catalogue);
    },

    async getGroupLockSettings(input: Input<GroupPath, SettingsQuery>, ctx: Context) {
      const chain = await groupChain(ctx, input.path.groupId);
      requirePaid(ctx);
      return lockResponse('group', chain.group!, input.query);
    },

    async groupLockedSettings(input: Input<GroupPath, SettingsQuery, Doc>, ctx: Context) {
      const chain = await groupChain(ctx, input.path.groupId);
      requirePaid(ctx);
      await updateLocks(ctx, 'group', input.path.groupId, chain.group!, input.body ?? {}, catalogue);
    },

    async groupSettingsRegistration(input: Input<GroupPath, { type?: string }>, ctx: Context) {
      const chain = await groupChain(ctx, input.path.groupId);
      if (input.query.type === undefined) throw Errors.badRequest('Missing parameters: type.');
      return deepMerge(accountRegistration(chain.account), chain.group!.registration ?? {});
    },

    async groupSettingsRegistrationUpdate(input: Input<GroupPath, { type?: string }, Doc>, ctx: Context) {
      const chain = await groupChain(ctx, input.path.groupId);
      if (input.query.type === undefined) throw Errors.badRequest('Missing parameters: type.');
      requirePaid(ctx);
      const g = chain.group!;
      g.registration = deepMerge(g.registration ?? {}, input.body ?? {});
      await repo.putOverrides(ctx.db, ctx.account.id, 'group', input.path.groupId, g, ctx.clock.iso());
    },
  };
}
