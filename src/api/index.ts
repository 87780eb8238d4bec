// Every category provider. A provider method named after a Zoom operationId
// implements that operation; an operation with no method answers 501.
import type { Handler, Provider, ProviderDeps } from '../core/provider.ts';
import { createUsersProvider } from './users/provider.ts';
import { createAccountsProvider } from './accounts/provider.ts';
import { createMediaProvider } from './accounts/media.ts';
import { createGroupsProvider } from './groups/provider.ts';
import { createRolesProvider } from './roles/provider.ts';
import { createInformationBarriersProvider } from './information-barriers/provider.ts';
import { createSettingsProvider } from './settings/provider.ts';
import { createMeetingsProvider } from './meetings/provider.ts';
import { createPastMeetingsProvider } from './past-meetings/provider.ts';
import { createWebinarsProvider } from './webinars/provider.ts';
import { createChatProvider } from './chat/provider.ts';
import { createImGroupsProvider } from './im-groups/provider.ts';
import { createBillingProvider } from './billing/provider.ts';
import { createTspProvider } from './tsp/provider.ts';
import { createPacProvider } from './pac/provider.ts';
import { createTrackingFieldsProvider } from './tracking-fields/provider.ts';
import { createH323DevicesProvider } from './h323-devices/provider.ts';
import { createSipPhonesProvider } from './sip-phones/provider.ts';
import { createSipAudioProvider } from './sip-audio/provider.ts';
import { createRecordingsProvider } from './recordings/provider.ts';
import { createPhoneProvider } from './phone/provider.ts';
import { createPhoneSitesProvider } from './phone-sites/provider.ts';
import { createPhoneDevicesProvider } from './phone-devices/provider.ts';
import { createCommonAreaPhonesProvider } from './common-area-phones/provider.ts';
import { createPhoneBlockedListProvider } from './phone-blocked-list/provider.ts';
import { createPhoneCallQueuesProvider } from './phone-call-queues/provider.ts';
import { createPhoneAutoReceptionistsProvider } from './phone-auto-receptionists/provider.ts';
import { createPhoneSharedLineGroupsProvider } from './phone-shared-line-groups/provider.ts';
import { createPhoneCallsProvider } from './phone-calls/provider.ts';
import { createPhoneReportsProvider } from './phone-reports/provider.ts';
import { createRoomsProvider } from './rooms/provider.ts';
import { createRoomsLocationProvider } from './rooms-location/provider.ts';
import { createRoomsAccountProvider } from './rooms-account/provider.ts';
import { createRoomsDevicesProvider } from './rooms-devices/provider.ts';
import { createReportsProvider } from './reports/provider.ts';
import { createDashboardsProvider } from './dashboards/provider.ts';
import { createRoomsDashboardsProvider } from './dashboards/rooms.ts';
import { createCrcDashboardProvider } from './dashboards/crc.ts';
import { createPhoneDashboardsProvider } from './dashboards/phone.ts';
import { withOperationLog } from './reports/operation-log.ts';
import { withPhoneOperationLog } from '../phone/operation-log.ts';
import { hostIdOf } from './meetings/repository.ts';
import type { Queryable } from '../storage/db.ts';

const factories: ReadonlyArray<(deps: ProviderDeps) => Provider> = [
  createUsersProvider,
  createGroupsProvider,
  createRolesProvider,
  createInformationBarriersProvider,
  createSettingsProvider,
  createAccountsProvider,
  createMediaProvider,
  createMeetingsProvider,
  createPastMeetingsProvider,
  createWebinarsProvider,
  // Team Chat
  createChatProvider,
  createImGroupsProvider,
  // The account's add-ons: billing and plans, TSP, PAC, tracking fields, H.323/SIP devices, SIP phones, SIP connected audio.
  createBillingProvider,
  createTspProvider,
  createPacProvider,
  createTrackingFieldsProvider,
  createH323DevicesProvider,
  createSipPhonesProvider,
  createSipAudioProvider,
  // Cloud recordings (and the deprecated past meeting / webinar files)
  createRecordingsProvider,
  // Zoom Phone
  createPhoneProvider,
  createPhoneSitesProvider,
  createPhoneDevicesProvider,
  createCommonAreaPhonesProvider,
  createPhoneBlockedListProvider,
  // Zoom Phone: routing (queues, auto receptionists, shared line groups), what calls leave, the operation log.
  createPhoneCallQueuesProvider,
  createPhoneAutoReceptionistsProvider,
  createPhoneSharedLineGroupsProvider,
  createPhoneCallsProvider,
  createPhoneReportsProvider,
  // Zoom Rooms: rooms, locations, the account's profile and settings, devices.
  createRoomsProvider,
  createRoomsLocationProvider,
  createRoomsAccountProvider,
  createRoomsDevicesProvider,
  // Reports and dashboards, computed from live sessions' records.
  createReportsProvider,
  createDashboardsProvider,
  createRoomsDashboardsProvider,
  createCrcDashboardProvider,
  createPhoneDashboardsProvider,
];

/**
 * Whose daily create/update cap (100 a day per user, Zoom's rate limits page) an
 * operation counts against when its path names no user: the meeting's host.
 */
export const dailyCapUsers: Readonly<Record<string, (db: Queryable, accountId: string, params: Record<string, string>) => Promise<string | null>>> = {
  meetingUpdate: (db, accountId, params) => hostIdOf(db, accountId, String(params.meetingId ?? '')),
};

export function handlers(deps: ProviderDeps): Map<string, Handler> {
  const map = new Map<string, Handler>();
  for (const factory of factories) {
    for (const [operationId, handler] of Object.entries(factory(deps))) {
      if (map.has(operationId)) throw new Error(`Two providers implement ${operationId}`);
      map.set(operationId, handler);
    }
  }
  // Admin operations record their operation-log entry (GET /report/operationlogs; Zoom Phone's: /phone/reports/operationlogs).
  return withPhoneOperationLog(withOperationLog(map));
}
