// Configuration and assembly of the recording machinery: where files are
// stored (local directory under the data directory, or S3), the processing
// delay, the sweep. Environment variables (see README.md) set it up.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Clock } from '../../core/clock.ts';
import type { Db } from '../../storage/db.ts';
import { openStore, type S3Config } from '../../media/store/index.ts';
import type { ProcessingOptions } from './model.ts';
import { RecordingWork } from './processing.ts';

export interface RecordingsConfig {
  store: 'local' | 's3';
  /** Local store directory; default `recordings/` beside the SQLite file, else ./data/recordings. */
  dir?: string;
  s3?: S3Config;
  processing?: Partial<ProcessingOptions>;
}

function positive(name: string, value: string | undefined, scale: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, not ${value}`);
  return n * scale;
}

/** From the environment: OPENZOOM_RECORDINGS_STORE, OPENZOOM_RECORDINGS_DIR, OPENZOOM_S3_*, OPENZOOM_RECORDING_PROCESSING_*. */
export function recordingsConfig(env: NodeJS.ProcessEnv): RecordingsConfig {
  const store = (env.OPENZOOM_RECORDINGS_STORE ?? 'local').toLowerCase();
  if (store !== 'local' && store !== 's3') throw new Error(`OPENZOOM_RECORDINGS_STORE must be local or s3, not ${store}`);
  const processing: Partial<ProcessingOptions> = {};
  const factor = positive('OPENZOOM_RECORDING_PROCESSING_FACTOR', env.OPENZOOM_RECORDING_PROCESSING_FACTOR, 1);
  const cap = positive('OPENZOOM_RECORDING_PROCESSING_CAP', env.OPENZOOM_RECORDING_PROCESSING_CAP, 1000);
  const min = positive('OPENZOOM_RECORDING_PROCESSING_MIN', env.OPENZOOM_RECORDING_PROCESSING_MIN, 1000);
  if (factor !== undefined) processing.factor = factor;
  if (cap !== undefined) processing.capMs = cap;
  if (min !== undefined) processing.minMs = min;
  if (store === 's3' && !env.OPENZOOM_S3_BUCKET) throw new Error('OPENZOOM_RECORDINGS_STORE=s3 needs OPENZOOM_S3_BUCKET');
  return {
    store,
    ...(env.OPENZOOM_RECORDINGS_DIR ? { dir: env.OPENZOOM_RECORDINGS_DIR } : {}),
    ...(store === 's3'
      ? {
          s3: {
            bucket: env.OPENZOOM_S3_BUCKET!,
            region: env.OPENZOOM_S3_REGION ?? env.AWS_REGION ?? 'us-east-1',
            ...(env.OPENZOOM_S3_ENDPOINT ? { endpoint: env.OPENZOOM_S3_ENDPOINT } : {}),
            ...(env.OPENZOOM_S3_PREFIX ? { prefix: env.OPENZOOM_S3_PREFIX } : {}),
            ...(env.OPENZOOM_S3_ACCESS_KEY_ID ? { accessKeyId: env.OPENZOOM_S3_ACCESS_KEY_ID } : {}),
            ...(env.OPENZOOM_S3_SECRET_ACCESS_KEY ? { secretAccessKey: env.OPENZOOM_S3_SECRET_ACCESS_KEY } : {}),
          },
        }
      : {}),
    ...(Object.keys(processing).length ? { processing } : {}),
  };
}

/**
 * The recording work of one server. Without a directory, a file database keeps
 * recordings beside it; an in-memory database gets a temporary directory,
 * removed when the server closes.
 */
export async function openRecordings(config: RecordingsConfig | undefined, dbTarget: string, deps: { db: Db; clock: Clock; baseUrl: string }): Promise<{ work: RecordingWork; close(): Promise<void> }> {
  const c = config ?? { store: 'local' };
  let temp: string | undefined;
  let dir = c.dir;
  if (c.store === 'local' && dir === undefined) {
    if (dbTarget === ':memory:') dir = temp = await mkdtemp(join(tmpdir(), 'openzoom-recordings-'));
    else if (/^postgres(ql)?:/.test(dbTarget)) dir = './data/recordings';
    else dir = join(dirname(dbTarget), 'recordings');
  }
  const store = await openStore({ kind: c.store, ...(dir ? { dir } : {}), ...(c.s3 ? { s3: c.s3 } : {}) });
  const work = new RecordingWork({ ...deps, store, ...(c.processing ? { processing: c.processing } : {}) });
  work.start();
  return {
    work,
    async close() {
      await work.stop();
      if (temp) await rm(temp, { recursive: true, force: true });
    },
  };
}
