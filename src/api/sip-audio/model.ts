// SIP Connected Audio: the records we keep and the shapes Zoom answers. Pure functions only.

export interface SipAudioSettings {
  /** The sub account is enrolled in SIP Connected Audio (Assign SIP trunk configuration `enable`). */
  enable: boolean;
  show_callout_internal_number: boolean;
  show_zoom_provided_callout_countries: number;
  show_zoom_provided_numbers: number;
}

/** Until set, Zoom's numbers and countries stay shown beside the trunk's (README). */
export const DEFAULT_SETTINGS: SipAudioSettings = {
  enable: false,
  show_callout_internal_number: false,
  show_zoom_provided_callout_countries: 1,
  show_zoom_provided_numbers: 1,
};

export interface SipTrunk {
  id: string;
  name: string;
  number_prefix: string;
  sip_server_address: string;
  dnis: string;
  outbound_caller_id: string;
}

export const LANGUAGES = ['en-GB', 'en-US', 'ar', 'da-DK', 'de-DE', 'es-ES', 'es-MX', 'fr-CA', 'fr-FR', 'it-IT', 'ja', 'ko-KR', 'nl-NL', 'pt-BR', 'pt-PT', 'ru', 'zh-CN', 'zh-HK'] as const;

export interface InternalNumber {
  id: string;
  number: string;
  display_number: string;
  country: string;
  labels: string;
  languages: string;
  type: 0 | 1;
  visible: boolean;
  allow_join: boolean;
  allow_for_external_meetings: boolean;
}

/** Most internal numbers one account may hold. */
export const MAX_INTERNAL_NUMBERS = 100;

/** A phone number as trunks and internal numbers take it: an optional +, then 4 to 20 digits. */
export const validNumber = (n: string): boolean => /^\+?\d{4,20}$/.test(n);
/** A DNIS: 5 to 8 digits. */
export const validDnis = (d: string): boolean => /^\d{5,8}$/.test(d);

export const trunkResponse = (t: SipTrunk) => ({
  id: t.id,
  name: t.name,
  number_prefix: t.number_prefix,
  sip_server_address: t.sip_server_address,
  dnis: t.dnis,
  outbound_caller_id: t.outbound_caller_id,
});
