// Meetings: scheduling (create, get, update, delete, list, status), registrants,
// polls, and the meeting's extras (invitation, invite links, token, templates,
// survey, live stream). The live side (starting, participants, past meetings) is apart.
import type { Provider, ProviderDeps } from '../../core/provider.ts';
import { createSchedulingOperations } from './scheduling.ts';
import { createStatusOperations } from './status.ts';
import { createRegistrantOperations } from './registrants.ts';
import { createPollOperations } from './polls.ts';
import { createExtraOperations } from './extras.ts';

export function createMeetingsProvider(deps: ProviderDeps): Provider {
  return {
    ...createSchedulingOperations(deps),
    ...createStatusOperations(),
    ...createRegistrantOperations(deps),
    ...createPollOperations(),
    ...createExtraOperations(deps),
  };
}
