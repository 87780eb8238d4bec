// Where recorded files live: one interface, a local directory (the default,
// under the data directory) or an S3-compatible bucket. Keys are relative
// paths of [A-Za-z0-9._-] segments; every key a caller makes starts with the
// account id, so one account's files never share a path with another's.
import type { Readable } from 'node:stream';

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

export interface FileStore {
  readonly kind: 'local' | 's3';
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /**
   * Stores what `make` writes to the path it is given (a file made as it is encoded, never
   * whole in memory); answers its size. Nothing is stored when `make` fails.
   */
  putFrom(key: string, contentType: string, make: (path: string) => Promise<void>): Promise<number>;
  /** Copies an object to another key (same bytes); false when there is no object at `from`. */
  copy(from: string, to: string): Promise<boolean>;
  /** The object's size, or undefined when there is none. */
  size(key: string): Promise<number | undefined>;
  /** The object's bytes (a range of them), or undefined when there is none. */
  read(key: string, range?: ByteRange): Promise<Readable | undefined>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Every key under a prefix (for collecting files no row names any more). */
  keys(prefix: string): AsyncIterable<string>;
  close(): Promise<void>;
}

const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Refuses keys that could leave the store's root (`..`, absolute paths, odd characters). */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((s) => s === '..' || s === '.') || key.length > 512) throw new Error(`Invalid store key: ${JSON.stringify(key)}`);
  return key;
}

export interface StoreConfig {
  kind: 'local' | 's3';
  /** local: the directory. */
  dir?: string;
  s3?: S3Config;
}

export interface S3Config {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (MinIO, …); path-style addressing is used when set. */
  endpoint?: string;
  prefix?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

export async function openStore(config: StoreConfig): Promise<FileStore> {
  if (config.kind === 's3') {
    if (!config.s3) throw new Error('The S3 store needs a bucket');
    const { S3Store } = await import('./s3.ts');
    return new S3Store(config.s3);
  }
  const { LocalStore } = await import('./local.ts');
  return LocalStore.open(config.dir ?? './data/recordings');
}
