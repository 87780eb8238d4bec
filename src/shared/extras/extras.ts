// What meetings and webinars share beyond scheduling: invite links, the closed
// caption token, the survey's rules and live stream settings. Pure functions on
// the session's document; each category stores the result.
import { createHmac } from 'node:crypto';
import { Errors, ZoomError } from '../../core/errors.ts';
import { secret } from '../../core/ids.ts';
import { checkPoll, normalizePoll, type PollData } from '../polls/model.ts';
import type { Doc } from '../../api/settings/model.ts';

/** Invite links live 2 hours unless `ttl` says otherwise (at most 90 days). */
const INVITE_TTL_S = 7200;
/** The closed caption token's life. */
const CC_TOKEN_TTL_S = 24 * 3600;

export interface InviteLink {
  token: string;
  name: string;
  disable_video: boolean;
  disable_audio: boolean;
  expires_at: number;
}

export interface StreamSettings {
  stream_url: string;
  stream_key: string;
  page_url: string;
  resolution?: string;
}

interface SessionDoc {
  invite_links?: InviteLink[];
  survey?: Doc;
  livestream?: StreamSettings;
  start_secret: string;
}

export type InviteAttendee = { name: string; disable_video?: boolean; disable_audio?: boolean };

/**
 * New invite links for the attendees (expired ones are dropped as new ones are
 * made; the live side checks `tk` against the rest): the answer's attendees.
 */
export function addInviteLinks(d: SessionDoc, attendees: InviteAttendee[], ttlS: number | undefined, nowMs: number, joinUrl: string) {
  if (attendees.length === 0) throw Errors.validation([{ field: 'attendees', message: 'Missing field.' }]);
  const ttl = ttlS === undefined || ttlS === 0 ? INVITE_TTL_S : ttlS;
  const links: InviteLink[] = attendees.map((a) => ({
    token: secret(32),
    name: a.name,
    disable_video: a.disable_video === true,
    disable_audio: a.disable_audio === true,
    expires_at: nowMs + ttl * 1000,
  }));
  d.invite_links = [...(d.invite_links ?? []).filter((l) => l.expires_at > nowMs), ...links];
  const sep = joinUrl.includes('?') ? '&' : '?';
  return { attendees: links.map((l) => ({ name: l.name, join_url: `${joinUrl}${sep}tk=${l.token}&uname=${encodeURIComponent(l.name)}` })) };
}

/** A closed caption URL signed with the session's secret: the live side can check it without stored state. */
export function captionToken(d: SessionDoc, id: string, hostId: string, nowMs: number, baseUrl: string): { token: string } {
  const expire = Math.floor(nowMs / 1000) + CC_TOKEN_TTL_S;
  const query = `id=${id}&ns=${Buffer.from(hostId).toString('base64url')}&expire=${expire}`;
  const signature = createHmac('sha256', d.start_secret).update(query).digest('base64url');
  return { token: `${baseUrl}/closedcaption?${query}&sparams=id%2Cns%2Cexpire&signature=${signature}` };
}

export type SurveyBody = { custom_survey?: Doc; show_in_the_browser?: boolean; third_party_survey?: string };

/** Applies a survey update: a third-party survey is an https URL; custom questions follow the poll rules. */
export function applySurvey(d: SessionDoc, b: SurveyBody): void {
  const survey: Doc = { ...(d.survey ?? {}) };
  if (b.third_party_survey !== undefined) {
    if (b.third_party_survey !== '' && !/^https:\/\/[^\s]+$/.test(b.third_party_survey)) throw new ZoomError(400, 300, `Invalid third party survey: ${b.third_party_survey}.`);
    survey.third_party_survey = b.third_party_survey;
  }
  if (b.show_in_the_browser !== undefined) survey.show_in_the_browser = b.show_in_the_browser;
  if (b.custom_survey !== undefined) {
    const c = { ...((survey.custom_survey as Doc | undefined) ?? {}), ...b.custom_survey };
    // Survey questions follow the poll question rules (no right answers: an advanced poll).
    const asPoll = normalizePoll({ title: String(c.title ?? ''), poll_type: 2, questions: (c.questions ?? []) as PollData['questions'] });
    const errors = checkPoll(asPoll, 'custom_survey.');
    if (errors.length > 0) throw Errors.validation(errors);
    survey.custom_survey = { ...c, questions: asPoll.questions.map(({ right_answers: _r, case_sensitive: _c, ...q }) => q) };
  }
  d.survey = survey;
}

export const surveyView = (d: SessionDoc) => ({ show_in_the_browser: true, ...(d.survey ?? {}) });

export function streamView(d: SessionDoc) {
  const ls = d.livestream;
  return { stream_url: ls?.stream_url ?? '', stream_key: ls?.stream_key ?? '', page_url: ls?.page_url ?? '', ...(ls?.resolution ? { resolution: ls.resolution } : {}) };
}

export function setStream(d: SessionDoc, b: StreamSettings): void {
  d.livestream = { stream_url: b.stream_url, stream_key: b.stream_key, page_url: b.page_url, ...(b.resolution ? { resolution: b.resolution } : {}) };
}
