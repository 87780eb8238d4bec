// Webinars: scheduling (create, get, update, delete, list, status), panelists,
// registrants and polls, extras (templates, invite links, token, survey, live
// stream, tracking sources), branding, and past webinars. The live side is src/live.
import type { Provider, ProviderDeps } from '../../core/provider.ts';
import { createSchedulingOperations } from './scheduling.ts';
import { createPanelistOperations } from './panelists.ts';
import { createRegistrantOperations } from './registrants.ts';
import { createExtraOperations } from './extras.ts';
import { createPastOperations } from './past.ts';
import { createBrandingOperations } from './branding.ts';

export function createWebinarsProvider(deps: ProviderDeps): Provider {
  return {
    ...createSchedulingOperations(deps),
    ...createPanelistOperations(deps),
    ...createRegistrantOperations(deps),
    ...createExtraOperations(deps),
    ...createPastOperations(deps),
    ...createBrandingOperations(deps),
  };
}
