// One route per contract operation, plus its master-account path and its
// 2021 legacy path where those differ. Paths are written in the contract only.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Contract, Operation } from './contract.ts';
import { SegmentRouter } from './router.ts';

export type RouteVariant = 'ordinary' | 'master' | 'legacy';

export interface Route {
  method: Operation['method'];
  /** Fastify syntax, under /v2: `/v2/users/:userId`. */
  url: string;
  operation: Operation;
  variant: RouteVariant;
  /** Parameter names as this route's path spells them. */
  params: string[];
  /** The operation's own parameter names (legacy paths may name them differently). */
  own: string[];
  /** The path itself starts with /accounts/{accountId}: that account is the one acted on. */
  accountScoped: boolean;
}

const toRouter = (zoomPath: string) => `/v2${zoomPath.replace(/\{([^}]+)\}/g, ':$1')}`;
const paramNames = (zoomPath: string) => [...zoomPath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

export function routesFor(contract: Contract): Route[] {
  const routes: Route[] = [];
  for (const op of contract.operations) {
    const own = paramNames(op.path);
    const accountScoped = op.path.startsWith('/accounts/{accountId}');
    routes.push({ method: op.method, url: toRouter(op.path), operation: op, variant: 'ordinary', params: own, own, accountScoped });
    if (op.masterPath) {
      routes.push({ method: op.method, url: toRouter(op.masterPath), operation: op, variant: 'master', params: paramNames(op.masterPath), own, accountScoped: false });
    }
    if (op.legacyPath) {
      routes.push({ method: op.method, url: toRouter(op.legacyPath), operation: op, variant: 'legacy', params: paramNames(op.legacyPath), own, accountScoped });
    }
  }
  return routes;
}

/**
 * The operation's own path parameters from a matched route: legacy paths are
 * mapped position by position onto the names of today's path; a master path's
 * leading `accountId` is left out (the pipeline reads it to pick the account).
 */
export function pathParams(route: Route, raw: Record<string, string>): { params: Record<string, string>; accountId: string | null } {
  const own = route.own;
  const names = route.variant === 'master' ? route.params.slice(route.params.length - own.length) : route.params;
  const params: Record<string, string> = {};
  own.forEach((name, i) => {
    params[name] = decodeTwice(raw[names[i]!] ?? '');
  });
  // Master paths, and paths of the operation's own that start with
  // /accounts/{accountId} (Accounts category), name the account to act on.
  const accountId = route.variant === 'master' || route.accountScoped ? (raw[route.params[0]!] ?? null) : null;
  return { params, accountId };
}

/** Zoom asks clients to double-encode UUIDs holding `/`; many encode every id twice. Accept both. */
function decodeTwice(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export type RouteHandler = (req: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * Every API route in one router of its own (router.ts), served through a
 * single Fastify route (`/v2/*`): registering ~650 routes with Fastify one by
 * one cost a third of the server's start-up. Static segments win over
 * parameters.
 */
export function apiRouter(routes: readonly Route[], handlerFor: (route: Route) => RouteHandler) {
  const router = new SegmentRouter<{ handler: RouteHandler; operationId: string }>();
  for (const route of routes) router.on(route.method, route.url, { handler: handlerFor(route), operationId: route.operation.operationId });
  /** The handler and path parameters for a request, or null when no operation has that path. */
  return (method: string, url: string): { handler: RouteHandler; params: Record<string, string | undefined>; operationId: string } | null => {
    const found = router.find(method, url);
    return found && { handler: found.value.handler, params: found.params, operationId: found.value.operationId };
  };
}
