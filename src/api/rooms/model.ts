// Zoom Rooms: the room record, its list item and profile answer, and the
// profile fields a room inherits from its locations and the account. Pure functions only.
import { randomInt } from 'node:crypto';
import { deepMerge, type Doc } from '../settings/model.ts';

export const ROOM_TYPES = ['Kiosk', 'ZoomRoom', 'StandaloneWhiteboard', 'SchedulingDisplayOnly', 'DigitalSignageOnly', 'PersonalZoomRoom'] as const;
export type RoomType = (typeof ROOM_TYPES)[number];
/** What the room's devices report (the control plane); UnderConstruction is also the profile's `setup.under_construction`. */
export const ROOM_STATUSES = ['Offline', 'Available', 'InMeeting', 'UnderConstruction'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

/** The room in a live meeting, through src/live. */
export interface RoomMeeting {
  account_id: string;
  meeting_id: string;
  instance_uuid: string;
  participant_id: string;
}

export interface RoomRecord {
  id: string;
  /** Zoom's second identifier of a room (the id its clients use). */
  room_id: string;
  name: string;
  type: RoomType;
  /** '' while the room is assigned to no location. */
  location_id: string;
  /** Last status the room's devices reported. */
  status: Exclude<RoomStatus, 'UnderConstruction'>;
  activation_code: string;
  /** The room's own address (Zoom's events name it). */
  email: string;
  calendar_resource_id: string;
  tag_ids: string[];
  user_id: string;
  pro_device: boolean;
  /** Profile values this room set itself (inherited ones are not copied here). */
  basic: Doc;
  setup: Doc;
  device: Doc;
  meeting?: RoomMeeting;
  created_at: string;
}

/** Profile fields every level has (account, location, room): a room shows the nearest level's value. */
export const INHERITED_BASIC = ['required_code_to_ext', 'room_passcode', 'support_email', 'support_phone'] as const;
export const INHERITED_SETUP = ['apply_background_image_to_all_displays', 'background_image_info'] as const;

/** A profile's inheritable part: basic and setup fields set at one level. */
export interface ProfilePart {
  basic?: Doc;
  setup?: Doc;
}

/** The values a level sees: the defaults, then every level from the account down to it. */
export function inheritedProfile(levels: readonly ProfilePart[]): { basic: Doc; setup: Doc } {
  let basic: Doc = { required_code_to_ext: false };
  let setup: Doc = { apply_background_image_to_all_displays: false, background_image_info: [] };
  for (const l of levels) {
    basic = deepMerge(basic, pick(l.basic ?? {}, INHERITED_BASIC));
    setup = deepMerge(setup, pick(l.setup ?? {}, INHERITED_SETUP));
  }
  return { basic, setup };
}

export function pick(doc: Doc, keys: readonly string[]): Doc {
  const out: Doc = {};
  for (const k of keys) if (doc[k] !== undefined) out[k] = doc[k];
  return out;
}

/** The status lists and profiles show: under construction wins over what the devices report. */
export function shownStatus(r: RoomRecord): RoomStatus {
  return r.setup.under_construction === true ? 'UnderConstruction' : r.status;
}

/** A List Zoom Rooms item. */
export function roomListItem(r: RoomRecord): Doc {
  return { id: r.id, room_id: r.room_id, name: r.name, activation_code: r.activation_code, status: shownStatus(r), location_id: r.location_id, tag_ids: r.tag_ids };
}

/** Zoom's 16-digit activation code, in groups of four. */
export function activationCode(): string {
  return Array.from({ length: 4 }, () => String(randomInt(0, 10_000)).padStart(4, '0')).join('-');
}

/** The room's address: on the account owner's domain. */
export function roomEmail(roomId: string, ownerEmail: string): string {
  const domain = ownerEmail.slice(ownerEmail.lastIndexOf('@') + 1) || 'example.com';
  return `room-${roomId.toLowerCase().replace(/[^a-z0-9]/g, '')}@${domain}`;
}

const CHECKIN_DEFAULTS: Doc = {
  enable: false,
  checkin_and_checkout_options: {
    checkin_minutes_prior_to_meeting_start_time: 10,
    allowed_minutes_before_release_room_after_no_checkout: 10,
    enable_new_user_checkin_notification: false,
    enable_remove_recurring: false,
    allowed_consecutive_missed_checkin_before_removing_room: 3,
  },
};

/** Get Zoom Room profile: the room's own values over what it inherits. */
export function roomProfile(r: RoomRecord, inherited: { basic: Doc; setup: Doc }): Doc {
  const own = r.basic;
  return {
    basic: {
      ...inherited.basic,
      activation_code: r.activation_code,
      name: r.name,
      display_name: own.display_name ?? r.name,
      hide_room_in_contacts: own.hide_room_in_contacts ?? false,
      calendar_resource_id: r.calendar_resource_id,
      zoom_room_type: r.type,
      location_id: r.location_id,
      tag_ids: r.tag_ids,
      use_display_name_on_scheduling_display: own.use_display_name_on_scheduling_display ?? false,
      use_display_name_on_zoom_rooms_display_and_controller: own.use_display_name_on_zoom_rooms_display_and_controller ?? false,
      use_display_name_in_meetings: own.use_display_name_in_meetings ?? false,
      ...(own.capacity !== undefined ? { capacity: own.capacity } : {}),
      show_room_capacity_on_the_zoom_rooms: own.show_room_capacity_on_the_zoom_rooms ?? false,
      show_room_capacity_on_the_scheduling_display: own.show_room_capacity_on_the_scheduling_display ?? false,
      user_id: r.user_id,
      ...pick(own, INHERITED_BASIC),
    },
    device: { ...r.device },
    setup: {
      ...inherited.setup,
      checkin_and_checkout: deepMerge(CHECKIN_DEFAULTS, (r.setup.checkin_and_checkout as Doc | undefined) ?? {}),
      under_construction: r.setup.under_construction === true,
      pro_device: r.pro_device,
      ...pick(r.setup, INHERITED_SETUP),
    },
  };
}

/** Fields of `basic` an update stores as the room's own (name, type and the ids are columns of the record). */
export const OWN_BASIC = [
  'display_name',
  'hide_room_in_contacts',
  'use_display_name_on_scheduling_display',
  'use_display_name_on_zoom_rooms_display_and_controller',
  'use_display_name_in_meetings',
  'capacity',
  'show_room_capacity_on_the_zoom_rooms',
  'show_room_capacity_on_the_scheduling_display',
  ...INHERITED_BASIC,
] as const;
export const OWN_SETUP = ['checkin_and_checkout', 'under_construction', 'screen_lock_pin', ...INHERITED_SETUP] as const;
