// Call queues, auto receptionists and shared line groups as stored and as Zoom
// answers them. Pure functions only.
export type GroupKind = 'callQueue' | 'autoReceptionist' | 'sharedLineGroup';

/** How a queue rings its members (Zoom's call distribution types). */
export const DISTRIBUTIONS = ['simultaneous', 'sequential', 'rotating', 'longest_idle'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** Weekly hours, local to the group's timezone: day 0 = Sunday; minutes from midnight. */
export interface BusinessHours {
  days: number[];
  from: string;
  to: string;
}

/** Where an auto receptionist sends a call: a user, a queue, a shared line group, or its own voicemail. */
export interface RouteTarget {
  type: 'user' | 'callQueue' | 'sharedLineGroup' | 'voicemail';
  id?: string;
}

export interface GroupData {
  extension_id: string;
  description?: string;
  status: 'active' | 'inactive';
  cost_center?: string;
  department?: string;
  timezone: string;
  audio_prompt_language: string;
  recording_storage_location: string;
  // Call queues
  distribution?: Distribution;
  /** Seconds each member (or the whole queue, simultaneous) rings before the call moves on. */
  ring_seconds?: number;
  /** Rotating: the member id that took the last call. */
  last_member?: string;
  record?: boolean;
  // Auto receptionists
  business_hours?: BusinessHours;
  business_target?: RouteTarget;
  closed_target?: RouteTarget;
  // Shared line groups
  primary_number?: string;
  allow_privacy?: boolean;
}

export interface PhoneGroup {
  id: string;
  kind: GroupKind;
  extension_number: number;
  site_id: string;
  name: string;
  created_at: string;
  data: GroupData;
}

export interface GroupMember {
  member_id: string;
  member_type: 'user' | 'common_area';
  level: 'manager' | 'user';
  receive_call: boolean;
  last_call_ms: number;
  added_at: string;
  seq: number;
}

export interface SiteRef {
  id: string;
  name: string;
}

export interface NumberRef {
  id: string;
  number: string;
  source?: 'internal' | 'external';
}

/** Zoom's defaults for a new group (a queue rings everyone at once, 30 s per round). */
export function defaultData(kind: GroupKind, extensionId: string, timezone: string): GroupData {
  const base: GroupData = { extension_id: extensionId, status: 'active', timezone, audio_prompt_language: 'en-US', recording_storage_location: 'US' };
  if (kind === 'callQueue') return { ...base, distribution: 'simultaneous', ring_seconds: 30, record: false };
  if (kind === 'autoReceptionist') {
    return { ...base, business_hours: { days: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' }, business_target: { type: 'voicemail' }, closed_target: { type: 'voicemail' } };
  }
  return { ...base, allow_privacy: false };
}

const optional = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

export function queueListItem(g: PhoneGroup, site: SiteRef | undefined, numbers: NumberRef[]) {
  return {
    id: g.id,
    name: g.name,
    extension_id: g.data.extension_id,
    extension_number: g.extension_number,
    phone_numbers: numbers.map((n) => ({ id: n.id, number: n.number, source: n.source ?? 'internal' })),
    ...(site ? { site } : {}),
    status: g.data.status,
  };
}

export interface MemberView {
  id: string;
  name: string;
  extension_id: string;
}

export function queueDetails(g: PhoneGroup, site: SiteRef | undefined, numbers: NumberRef[], users: Array<MemberView & { level: string; receive_call: boolean }>, areas: MemberView[]) {
  return {
    ...queueListItem(g, site, numbers),
    ...optional({ cost_center: g.data.cost_center, department: g.data.department }),
    members: { users, common_areas: areas },
    timezone: g.data.timezone,
    audio_prompt_language: g.data.audio_prompt_language,
    recording_storage_location: g.data.recording_storage_location,
  };
}

export function slgListItem(g: PhoneGroup, site: SiteRef | undefined, numbers: NumberRef[]) {
  return {
    id: g.id,
    display_name: g.name,
    extension_id: g.data.extension_id,
    extension_number: g.extension_number,
    phone_numbers: numbers.map((n) => ({ id: n.id, number: n.number, status: 'available' as const })),
    ...(site ? { site } : {}),
    status: g.data.status,
  };
}

export function slgDetails(g: PhoneGroup, site: SiteRef | undefined, numbers: NumberRef[], users: MemberView[], areas: MemberView[]) {
  return {
    id: g.id,
    display_name: g.name,
    extension_id: g.data.extension_id,
    extension_number: g.extension_number,
    members: { users, common_areas: areas },
    phone_numbers: numbers.map((n) => ({ id: n.id, number: n.number })),
    ...optional({ primary_number: g.data.primary_number, cost_center: g.data.cost_center, department: g.data.department }),
    ...(site ? { site } : {}),
    status: g.data.status,
    timezone: g.data.timezone,
    audio_prompt_language: g.data.audio_prompt_language,
    recording_storage_location: g.data.recording_storage_location,
    allow_privacy: g.data.allow_privacy ?? false,
  };
}

/** The fields a PATCH may set on any kind (names as Zoom's bodies spell them). */
export const SETTABLE = ['description', 'cost_center', 'department', 'timezone', 'audio_prompt_language', 'recording_storage_location', 'status', 'primary_number', 'allow_privacy'] as const;

export function patched(g: PhoneGroup, body: Record<string, unknown>): PhoneGroup {
  const data = { ...g.data } as Record<string, unknown>;
  for (const k of SETTABLE) if (body[k] !== undefined) data[k] = body[k];
  return {
    ...g,
    name: (body.name as string | undefined) ?? (body.display_name as string | undefined) ?? g.name,
    extension_number: (body.extension_number as number | undefined) ?? g.extension_number,
    site_id: (body.site_id as string | undefined) ?? g.site_id,
    data: data as unknown as GroupData,
  };
}

/** Is `ms` (epoch) inside the weekly hours, read in `timezone`? */
export function withinHours(hours: BusinessHours, timezone: string, ms: number): boolean {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  const at = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
  return hours.days.includes(day) && minutes >= at(hours.from) && minutes < at(hours.to);
}
