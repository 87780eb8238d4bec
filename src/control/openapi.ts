// GET /_openzoom/openapi.json: the contract as an OpenAPI 3.0 document, for
// API tools and generated clients. Every operation, under its Zoom path, with
// `x-implemented` (false: it answers 501 here), its rate-limit label and its
// scopes; Zoom's documented errors under their statuses. Built once, on first
// request, from the same contract the server routes and validates with.
import type { FastifyInstance } from 'fastify';
import type { Contract, DocumentedError, JsonSchema, Operation } from '../core/contract.ts';
import { allScopes } from '../tenancy/provisioning.ts';
import type { ControlDeps } from './routes.ts';
import { QUERIES, readQuery } from './schemas.ts';

const REASONS: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No Content',
  '400': 'Bad Request',
  '401': 'Unauthorized',
  '403': 'Forbidden',
  '404': 'Not Found',
  '409': 'Conflict',
  '429': 'Too Many Requests',
};

const BODY_TYPES = { json: 'application/json', multipart: 'multipart/form-data', form: 'application/x-www-form-urlencoded' } as const;

function parameters(schema: JsonSchema, where: 'path' | 'query'): object[] {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof s.description === 'string' ? { description: s.description } : {}),
    schema: s,
  }));
}

function operation(contract: Contract, op: Operation, implemented: boolean): object {
  const s = contract.schemas(op);
  const responses: Record<string, object> = {};
  for (const [status, schema] of Object.entries(s.responses)) {
    responses[status] = {
      description: REASONS[status] ?? status,
      ...(schema ? { content: { 'application/json': { schema } } } : {}),
    };
  }
  const byStatus = new Map<string, DocumentedError[]>();
  for (const e of s.errors) byStatus.set(String(e.status), [...(byStatus.get(String(e.status)) ?? []), e]);
  for (const [status, errors] of byStatus) {
    responses[status] = {
      description: errors.map((e) => `${e.code}: ${e.message}`).join('\n'),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ZoomError' } } },
    };
  }
  if (!implemented) {
    responses['501'] = { description: 'Not implemented here yet', content: { 'application/json': { schema: { $ref: '#/components/schemas/ZoomError' } } } };
  }
  const scopes = [...op.scopes, ...op.granularScopes];
  return {
    operationId: op.operationId,
    summary: op.title,
    tags: [op.category],
    parameters: [...parameters(s.path, 'path'), ...parameters(s.query, 'query')],
    ...(s.body ? { requestBody: { required: s.bodyRequired === true, content: { [BODY_TYPES[op.body ?? 'json']]: { schema: s.body } } } } : {}),
    responses,
    // Any one of the scopes is enough, as in Zoom.
    security: scopes.length > 0 ? scopes.map((scope) => ({ zoom_oauth: [scope] })) : [{ zoom_oauth: [] }],
    'x-implemented': implemented,
    ...(op.rateLimit ? { 'x-rate-limit': op.rateLimit } : {}),
    ...(op.masterPath ? { 'x-master-path': op.masterPath } : {}),
  };
}

export function openApiDocument(contract: Contract, implemented: ReadonlySet<string>, baseUrl: string, version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const op of contract.operations) {
    (paths[op.path] ??= {})[op.method.toLowerCase()] = operation(contract, op, implemented.has(op.operationId));
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'OpenZoom: Zoom REST API v2',
      version,
      description: `Zoom's API as OpenZoom serves it: ${implemented.size} of ${contract.operations.length} operations implemented (x-implemented); the others answer 501.`,
    },
    servers: [{ url: `${baseUrl}/v2` }],
    paths,
    components: {
      securitySchemes: {
        zoom_oauth: {
          type: 'oauth2',
          description: 'Server-to-server apps use grant_type=account_credentials&account_id=… with HTTP Basic client credentials.',
          flows: {
            authorizationCode: {
              authorizationUrl: `${baseUrl}/oauth/authorize`,
              tokenUrl: `${baseUrl}/oauth/token`,
              scopes: Object.fromEntries(allScopes(contract).map((scope) => [scope, scope])),
            },
          },
        },
      },
      schemas: {
        ZoomError: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'integer' },
            message: { type: 'string' },
            errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  };
}

export function registerOpenApi(c: FastifyInstance, deps: Pick<ControlDeps, 'contract' | 'implemented' | 'baseUrl' | 'version'>): void {
  let text: string | undefined;
  c.get('/openapi.json', async (req, reply) => {
    readQuery(req, QUERIES.none);
    text ??= JSON.stringify(openApiDocument(deps.contract, deps.implemented, deps.baseUrl, deps.version));
    return reply.type('application/json; charset=utf-8').send(text);
  });
}
