// A webinar's settings: Zoom's webinar settings object, started from the host's
// effective settings (the paths meetings read, where a webinar has the same
// setting) and the webinar-specific defaults Zoom gives a new webinar.
import { mergeVariants, type JsonSchema } from '../../core/contract.ts';
import { responseSchema, valueFor } from '../settings/defaults.ts';
import { deepMerge, getPath, setPath, type Doc } from '../settings/model.ts';
import { withoutEmptyRequiredLists, type HostSettings } from '../meetings/settings.ts';

let shape: Doc | undefined;

/** Every field of Zoom's webinar `settings` object (from the Get a webinar schema), with a plain value. */
function webinarSettingsShape(): Doc {
  if (!shape) {
    const s = mergeVariants(responseSchema('webinars', 'webinar'));
    const schema = (s.properties as Record<string, JsonSchema>).settings!;
    shape = withoutEmptyRequiredLists(valueFor(schema) as Doc, schema);
  }
  return structuredClone(shape);
}

/** Webinar setting ← the host's setting it starts from. */
const FROM_HOST: Record<string, string> = {
  host_video: 'schedule_meeting.host_video',
  panelists_video: 'schedule_meeting.participants_video',
  audio: 'schedule_meeting.audio_type',
  auto_recording: 'recording.auto_recording',
  enforce_login: 'schedule_meeting.enforce_login',
  enforce_login_domains: 'schedule_meeting.enforce_login_domains',
  request_permission_to_unmute_participants: 'in_meeting.request_permission_to_unmute_participants',
  'add_watermark': 'in_meeting.watermark',
};

/** What Zoom gives a new webinar where the host's settings say nothing (documented defaults; README). */
const WEBINAR_DEFAULTS: Doc = {
  approval_type: 2,
  registration_type: 1,
  audio: 'both',
  auto_recording: 'none',
  host_video: false,
  panelists_video: false,
  practice_session: false,
  hd_video: false,
  hd_video_for_attendees: false,
  send_1080p_video_to_attendees: false,
  on_demand: false,
  post_webinar_survey: false,
  survey_url: '',
  registrants_restrict_number: 0,
  registrants_confirmation_email: true,
  registrants_email_notification: true,
  panelists_invitation_email_notification: true,
  close_registration: false,
  show_share_button: true,
  allow_multiple_devices: true,
  email_language: 'en-US',
  enable_session_branding: false,
  meeting_authentication: false,
  panelist_authentication: false,
  alternative_hosts: '',
  alternative_host_update_polls: false,
  global_dial_in_countries: ['US'],
  question_and_answer: {
    enable: true,
    allow_submit_questions: true,
    allow_anonymous_questions: true,
    answer_questions: 'only',
    attendees_can_comment: false,
    attendees_can_upvote: false,
    allow_auto_reply: false,
  },
  attendees_and_panelists_reminder_email_notification: { enable: true, type: 1 },
  follow_up_attendees_email_notification: { enable: false, type: 0 },
  follow_up_absentees_email_notification: { enable: false, type: 0 },
};

/** The settings a new webinar of this host starts from; the host's name and email as its contact. */
export function initialWebinarSettings(host: HostSettings, contact: { name: string; email: string }): Doc {
  const doc = deepMerge(webinarSettingsShape(), structuredClone(WEBINAR_DEFAULTS));
  for (const [key, path] of Object.entries(FROM_HOST)) {
    const v = getPath(host.settings, path);
    if (v !== undefined && v !== null) setPath(doc, key, v);
  }
  doc.contact_name = contact.name;
  doc.contact_email = contact.email;
  return doc;
}
