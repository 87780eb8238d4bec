// Every category provider. A provider method named after a Zoom operationId
// implements that operation; an operation with no method answers 501.
import type { Handler, Provider, ProviderDeps } from '../core/provider.ts';
import { createUsersProvider } from './users/provider.ts';

const factories: ReadonlyArray<(deps: ProviderDeps) => Provider> = [createUsersProvider];

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
