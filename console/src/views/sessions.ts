// The kinds of session the meetings view shows and drives. Each names its API
// paths and its control-plane path (/_openzoom/{control}/{id}/…, see
// src/live/control.ts). Webinars join by adding an entry here with their own
// paths (/users/{userId}/webinars, /webinars/{id}, /past_webinars/…) once the
// API and the control plane serve them.
export interface SessionKind {
  kind: 'meeting';
  /** Shown in headings and buttons. */
  label: string;
  plural: string;
  /** The host's sessions of a list type (upcoming, live, scheduled, previous_meetings). */
  list(userId: string, type: string): string;
  /** The list's key in the answer. */
  listKey: string;
  one(id: string): string;
  create(userId: string): string;
  /** Ended instances of a session. */
  instances(id: string): string;
  past(uuid: string): string;
  pastParticipants(uuid: string): string;
  polls(id: string): string;
  /** Registrants with a status (approved, pending, denied). */
  registrants(id: string, status: string): string;
  /** The control plane's path segment. */
  control: string;
}

export const SESSION_KINDS: readonly SessionKind[] = [
  {
    kind: 'meeting',
    label: 'Meeting',
    plural: 'Meetings',
    list: (userId, type) => `/users/${encodeURIComponent(userId)}/meetings?page_size=300&type=${type}`,
    listKey: 'meetings',
    one: (id) => `/meetings/${id}`,
    create: (userId) => `/users/${encodeURIComponent(userId)}/meetings`,
    instances: (id) => `/past_meetings/${id}/instances`,
    past: (uuid) => `/past_meetings/${uuid}`,
    pastParticipants: (uuid) => `/past_meetings/${uuid}/participants?page_size=300`,
    polls: (id) => `/meetings/${id}/polls`,
    registrants: (id, status) => `/meetings/${id}/registrants?page_size=300&status=${status}`,
    control: 'meetings',
  },
];
