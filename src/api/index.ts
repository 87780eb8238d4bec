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

const factories: ReadonlyArray<(deps: ProviderDeps) => Provider> = [createUsersProvider, createGroupsProvider, createRolesProvider, createInformationBarriersProvider, createSettingsProvider, createAccountsProvider, createMediaProvider, createMeetingsProvider, createPastMeetingsProvider];

export function handlers(deps: ProviderDeps): Map<string, Handler> {
  const map = new Map<string, Handler>();
  for (const factory of factories) {
    for (const [operationId, handler] of Object.entries(factory(deps))) {
      if (map.has(operationId)) throw new Error(`Two providers implement ${operationId}`);
      map.set(operationId, handler);
    }
  }
  return map;
}
