// A fresh server for one test file, on the database the suite runs against:
// SQLite in memory (OPENZOOM_TEST_DB=sqlite, the default) or a PostgreSQL
// schema of its own (OPENZOOM_TEST_DB=postgres), dropped when the file ends.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildApp, type OpenZoom } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { Clock } from '../../src/core/clock.ts';
import { Contract } from '../../src/core/contract.ts';
import { openDb } from '../../src/storage/db.ts';
import { TestClient } from './client.ts';

export const TEST_DB = process.env.OPENZOOM_TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
export const PG_URL = process.env.OPENZOOM_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let sharedContract: Contract | undefined;

export interface TestServer extends OpenZoom {
  client: TestClient;
  /** A client holding a token of the demo account's all-scopes app. */
  api: TestClient;
  close(): Promise<void>;
}

/**
 * One database for several servers (instances of one deployment): a SQLite
 * file, or a PostgreSQL schema. `drop` removes it once every server closed.
 */
export async function sharedDatabase(): Promise<{ target: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  if (TEST_DB === 'postgres') {
    return {
      target: `${PG_URL}?schema=${name}`,
      async drop() {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
        await c.end();
      },
    };
  }
  const dir = await mkdtemp(join(tmpdir(), 'openzoom-'));
  return { target: join(dir, 'shared.db'), drop: () => rm(dir, { recursive: true, force: true }) };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    host: '127.0.0.1',
    port: 0,
    db: ':memory:',
    rateLimits: false,
    redis: undefined,
    unknownFields: 'ignore',
    bodyLimit: 64 * 1024,
    baseUrl: 'http://127.0.0.1:9090',
    adminKey: undefined,
    allowedHosts: [],
    requestTimeout: 30_000,
    shutdownGrace: 5_000,
    consentPassword: false,
    log: 'off',
    requestHistory: 1000,
    pins: {},
    ...overrides,
  };
}

export async function startServer(overrides: Partial<Config> = {}, dbTarget?: string, unimplemented?: readonly string[]): Promise<TestServer> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const target = dbTarget ?? (TEST_DB === 'postgres' ? `${PG_URL}?schema=${schema}` : ':memory:');
  const db = await openDb(target);
  sharedContract ??= new Contract();
  const oz = await buildApp({ config: testConfig(overrides), db, contract: sharedContract, clock: new Clock(), ...(unimplemented ? { unimplemented } : {}) });
  const client = new TestClient(oz.app, oz.contract);
  const api = oz.demo ? await client.withCredentials(oz.demo.accountId, oz.demo.clientId, oz.demo.clientSecret) : client;
  return {
    ...oz,
    client,
    api,
    async close() {
      await oz.app.close();
      await db.close();
      if (TEST_DB === 'postgres' && !dbTarget) {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      }
    },
  };
}
