// Files in an S3-compatible bucket through the AWS SDK v3 client.
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { checkKey, type ByteRange, type FileStore, type S3Config } from './index.ts';

const missing = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
};

export class S3Store implements FileStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(config: S3Config) {
    this.bucket = config.bucket;
    this.prefix = config.prefix ? `${config.prefix.replace(/\/+$/, '')}/` : '';
    this.client = new S3Client({
      region: config.region,
      // Checksums only where S3 requires them: a streamed upload otherwise goes out as
      // aws-chunked with a checksum trailer, which S3-compatible stores do not all understand.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
      ...(config.accessKeyId && config.secretAccessKey ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } } : {}),
    });
  }

  private key(key: string): string {
    return `${this.prefix}${checkKey(key)}`;
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key(key), Body: bytes, ContentType: contentType, ContentLength: bytes.length }));
  }

  /** Made in a temporary file, then streamed to the bucket with its length. */
  async putFrom(key: string, contentType: string, make: (path: string) => Promise<void>): Promise<number> {
    const dir = await mkdtemp(join(tmpdir(), 'openzoom-upload-'));
    try {
      const path = join(dir, 'file');
      await make(path);
      const { size } = await stat(path);
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.key(key), Body: createReadStream(path), ContentType: contentType, ContentLength: size }));
      return size;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async copy(from: string, to: string): Promise<boolean> {
    try {
      await this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key: this.key(to), CopySource: `${this.bucket}/${encodeURI(this.key(from))}` }));
      return true;
    } catch (err) {
      if (missing(err)) return false;
      throw err;
    }
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
      return head.ContentLength;
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable | undefined> {
    try {
      const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(key), ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
      return got.Body as Readable;
    } catch (err) {
      if (missing(err)) return undefined;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(key) }));
  }

  async *keys(prefix: string): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${this.prefix}${prefix}`, ContinuationToken: token }));
      for (const o of page.Contents ?? []) if (o.Key) yield o.Key.slice(this.prefix.length);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
