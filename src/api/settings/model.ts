// The settings engine, pure: deep merge, the effective value a level sees
// (account ← group ← user, locks applied), option-shaped responses, and the
// lock check on updates. Storage keeps only each level's overrides.
import { Errors } from '../../core/errors.ts';

export type Doc = Record<string, unknown>;

/** One stored row: what a level changed, nothing more. */
export interface Overrides {
  settings?: Doc;
  locks?: Doc;
  registration?: Doc;
  /** Authentication profiles (option=meeting_authentication / recording_authentication). */
  authentication?: { meeting?: AuthState; recording?: AuthState };
}

export interface AuthOption {
  id: string;
  name: string;
  type: string;
  domains: string;
  default_option: boolean;
  visible: boolean;
}

export interface AuthState {
  /** The meeting_authentication / recording_authentication flag itself. */
  enabled?: boolean;
  allow_authentication_exception?: boolean;
  options?: AuthOption[];
}

const isObject = (v: unknown): v is Doc => v !== null && typeof v === 'object' && !Array.isArray(v);

/** PATCH semantics: objects merge key by key, everything else (arrays too) replaces. */
export function deepMerge(base: Doc, patch: Doc): Doc {
  const out: Doc = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = isObject(v) && isObject(out[k]) ? deepMerge(out[k] as Doc, v) : structuredClone(v);
  }
  return out;
}

/**
 * One setting under two names: Zoom's schemas spell some fields differently
 * per level (participant_video on accounts and groups, participants_video on
 * users) or keep them in another section (waiting_room). Either name carries
 * the value to the other, in settings, patches and locks.
 */
const ALIASES: readonly [string, string][] = [
  ['schedule_meeting.participant_video', 'schedule_meeting.participants_video'],
  ['in_meeting.waiting_room', 'meeting_security.waiting_room'],
];

export function setPath(doc: Doc, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    if (!isObject(node[part])) node[part] = {};
    node = node[part] as Doc;
  }
  node[parts[parts.length - 1]!] = value;
}

/** A copy of the document with each aliased value under both of its names. */
export function withAliases(doc: Doc): Doc {
  const out = structuredClone(doc);
  for (const [a, b] of ALIASES) {
    const va = getPath(out, a);
    const vb = getPath(out, b);
    if (va !== undefined && vb === undefined) setPath(out, b, va);
    else if (vb !== undefined && va === undefined) setPath(out, a, vb);
  }
  return out;
}

/** Leaf paths of a document ("section.field"), arrays counting as leaves. */
export function leaves(doc: Doc, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (isObject(v)) out.push(...leaves(v, path));
    else out.push([path, v]);
  }
  return out;
}

export function getPath(doc: Doc, path: string): unknown {
  let node: unknown = doc;
  for (const part of path.split('.')) {
    if (!isObject(node)) return undefined;
    node = node[part];
  }
  return node;
}

function withoutPaths(doc: Doc, paths: ReadonlySet<string>, prefix = ''): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(doc)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (paths.has(path)) continue;
    out[k] = isObject(v) ? withoutPaths(v, paths, path) : v;
  }
  return out;
}

/**
 * Locked settings paths. A lock field names the setting it locks: lock
 * `recording.cloud_recording` locks setting `recording.cloud_recording`.
 * Lock fields that are objects (`{enable, …}`) lock the whole setting.
 */
export function lockedPaths(locks: Doc): Set<string> {
  const out = new Set<string>();
  const visit = (node: Doc, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (v === true) out.add(path);
      else if (isObject(v)) {
        if (v.locked === true || v.enable === true) out.add(path);
        else visit(v, path);
      }
    }
  };
  visit(withAliases(locks), '');
  return out;
}

/** Is `path` (or a parent of it) locked? */
export function lockOf(path: string, locked: ReadonlySet<string>): string | undefined {
  const parts = path.split('.');
  for (let i = 1; i <= parts.length; i++) {
    const p = parts.slice(0, i).join('.');
    if (locked.has(p)) return p;
  }
  return undefined;
}

export interface Layer {
  /** This level's own changes. */
  settings: Doc;
  /** What this level locks for the levels below it (empty for users). */
  locked: ReadonlySet<string>;
}

/**
 * The value a level sees: its defaults, then each level above it down to
 * itself. A path locked at some level keeps that level's value: changes made
 * below it (possibly before the lock was set) are skipped.
 */
export function effective(defaults: Doc, layers: readonly Layer[]): Doc {
  let doc = defaults;
  const lockedAbove = new Set<string>();
  for (const layer of layers) {
    const blocked = new Set([...leaves(layer.settings).map(([p]) => p)].filter((p) => lockOf(p, lockedAbove)));
    doc = deepMerge(doc, blocked.size > 0 ? withoutPaths(layer.settings, blocked) : layer.settings);
    for (const p of layer.locked) lockedAbove.add(p);
  }
  return doc;
}

/**
 * Refuses an update that would change a value locked above the level being
 * updated. Sending the locked value itself is harmless and accepted.
 */
export function checkLocks(patch: Doc, current: Doc, lockedAbove: ReadonlySet<string>): void {
  for (const [path, value] of leaves(patch)) {
    const lock = lockOf(path, lockedAbove);
    if (!lock) continue;
    if (JSON.stringify(getPath(current, path)) !== JSON.stringify(value)) throw Errors.settingLocked(path);
  }
}

/** Drops patch paths the level's document does not have (fields of other levels' schemas). */
export function restrictTo(shape: Doc, patch: Doc): Doc {
  const out: Doc = {};
  for (const [k, v] of Object.entries(patch)) {
    if (!(k in shape)) continue;
    out[k] = isObject(v) && isObject(shape[k]) ? restrictTo(shape[k] as Doc, v) : v;
  }
  return out;
}

/**
 * `custom_query_fields`: only the named fields, in the sections that have
 * them (`host_video,participant_video` → `{schedule_meeting: {host_video, …}}`).
 */
export function filterFields(doc: Doc, fields: string | undefined): Doc {
  if (fields === undefined || fields.trim() === '') return doc;
  const wanted = new Set(
    fields
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
  );
  const out: Doc = {};
  for (const [section, value] of Object.entries(doc)) {
    if (wanted.has(section)) {
      out[section] = value;
      continue;
    }
    if (!isObject(value)) continue;
    const picked = Object.fromEntries(Object.entries(value).filter(([k]) => wanted.has(k)));
    if (Object.keys(picked).length > 0) out[section] = picked;
  }
  return out;
}

export function pickSections(doc: Doc, sections: readonly string[]): Doc {
  const out: Doc = {};
  for (const s of sections) if (s in doc) out[s] = doc[s];
  return out;
}

export type AuthKind = 'meeting' | 'recording';

/** Zoom's "Sign in to Zoom" profile every account starts with. */
export function defaultAuthOptions(kind: AuthKind, ownerId: string): AuthOption[] {
  const id = `${kind === 'meeting' ? 'signIn' : 'internally'}_${ownerId}`;
  return kind === 'meeting'
    ? [{ id, name: 'Sign in to Zoom', type: 'enforce_login', domains: '', default_option: true, visible: true }]
    : [{ id, name: 'Signed-in users in my account', type: 'internally', domains: '', default_option: true, visible: true }];
}

export interface AuthOptionChange {
  /** add/update/delete at account and group level; update/show/hide at user level. */
  action?: 'add' | 'update' | 'delete' | 'show' | 'hide';
  id?: string;
  name?: string;
  type?: string;
  domains?: string;
  default_option?: boolean;
}

/** Applies one `authentication_option` change to a profile list. */
export function changeAuthOptions(list: AuthOption[], change: AuthOptionChange, newId: () => string): AuthOption[] {
  const action = change.action ?? (change.id ? 'update' : 'add');
  let out = list.map((o) => ({ ...o }));
  if (action === 'add') {
    if (!change.name || !change.type) throw Errors.badRequest('Invalid parameter: authentication_option.');
    const added: AuthOption = {
      id: newId(),
      name: change.name,
      type: change.type,
      domains: change.domains ?? '',
      default_option: change.default_option === true,
      visible: true,
    };
    out.push(added);
  } else {
    const found = change.id ? out.find((o) => o.id === change.id) : undefined;
    if (!found) throw Errors.badRequest(`Authentication option does not exist: ${change.id ?? ''}.`);
    if (action === 'delete') out = out.filter((o) => o !== found);
    else if (action === 'show' || action === 'hide') found.visible = action === 'show';
    else {
      if (change.name !== undefined) found.name = change.name;
      if (change.type !== undefined) found.type = change.type;
      if (change.domains !== undefined) found.domains = change.domains;
      if (change.default_option !== undefined) found.default_option = change.default_option;
    }
  }
  // One default profile at most: the one just marked wins.
  const marked = change.default_option === true ? (out.find((o) => o.id === change.id) ?? out[out.length - 1]) : undefined;
  if (marked) for (const o of out) o.default_option = o === marked;
  return out;
}
