// The file store behind recordings: the local directory and the S3 store
// (against s3rver, a local S3-compatible server from npm) pass the same
// checks, and a server storing recordings in S3 serves them.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import S3rver from 's3rver';
import { checkKey, openStore, type FileStore } from '../src/media/store/index.ts';
import { recordingsConfig } from '../src/api/recordings/runtime.ts';
import { startServer, type TestServer } from './helpers/server.ts';
import { liveAccount } from './helpers/live.ts';
import { fetchUrl, recordMeeting } from './helpers/recordings.ts';
import { parseMedia } from './helpers/media.ts';

async function bytes(stream: Readable | undefined): Promise<Buffer> {
  assert.ok(stream);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

let dir: string;
let s3: S3rver;
let endpoint: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openzoom-store-'));
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: join(dir, 's3'), configureBuckets: [{ name: 'recordings', configs: [] }] });
  endpoint = `http://127.0.0.1:${(await s3.run()).port}`;
});
after(async () => {
  await s3.close();
  await rm(dir, { recursive: true, force: true });
});

const s3Config = () => ({ bucket: 'recordings', region: 'us-east-1', endpoint, prefix: 'oz', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });

for (const kind of ['local', 's3'] as const) {
  describe(`${kind} store`, () => {
    let store: FileStore;
    before(async () => {
      store = await openStore(kind === 'local' ? { kind, dir: join(dir, 'local') } : { kind, s3: s3Config() });
    });
    after(() => store.close());

    test('put, size, read whole and a range, list, delete', async () => {
      const data = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
      await store.put('acct1/cloud/f1.mp4', data, 'video/mp4');
      await store.put('acct1/cloud/f1.mp4', data, 'video/mp4'); // a second write of one key leaves one whole file
      await store.put('acct2/cloud/f2.m4a', data.subarray(0, 10), 'audio/mp4');
      assert.equal(await store.size('acct1/cloud/f1.mp4'), 1000);
      assert.equal(await store.size('acct1/cloud/missing.mp4'), undefined);
      assert.deepEqual(await bytes(await store.read('acct1/cloud/f1.mp4')), Buffer.from(data));
      assert.deepEqual(await bytes(await store.read('acct1/cloud/f1.mp4', { start: 10, end: 19 })), Buffer.from(data.subarray(10, 20)));
      assert.equal(await store.read('acct1/cloud/missing.mp4'), undefined);
      const keys: string[] = [];
      for await (const k of store.keys('acct1/')) keys.push(k);
      assert.deepEqual(keys, ['acct1/cloud/f1.mp4']);
      await store.delete('acct1/cloud/f1.mp4');
      await store.delete('acct1/cloud/f1.mp4');
      assert.equal(await store.size('acct1/cloud/f1.mp4'), undefined);
    });

    test('putFrom stores what is written to the path; copy keeps the bytes after the source goes; a missing source copies nothing', async () => {
      const data = new Uint8Array(4096).map((_, i) => (i * 7) % 251);
      assert.equal(await store.putFrom('acct3/cloud/made.mp4', 'video/mp4', (path) => writeFile(path, data)), 4096);
      assert.equal(await store.copy('acct3/cloud/made.mp4', 'acct4/cloud/copy.mp4'), true);
      await store.delete('acct3/cloud/made.mp4');
      assert.deepEqual(await bytes(await store.read('acct4/cloud/copy.mp4')), Buffer.from(data));
      assert.equal(await store.copy('acct3/cloud/made.mp4', 'acct4/cloud/none.mp4'), false);
      assert.equal(await store.size('acct4/cloud/none.mp4'), undefined);
      await assert.rejects(store.putFrom('acct3/cloud/failed.mp4', 'video/mp4', async () => { throw new Error('encoder failed'); }), /encoder failed/);
      assert.equal(await store.size('acct3/cloud/failed.mp4'), undefined);
    });

    test('keys that could leave the store are refused', async () => {
      for (const bad of ['../etc/passwd', '/abs', 'a/../b', 'a//b', 'a/b c', '', '.hidden/x']) {
        await assert.rejects(store.put(bad, new Uint8Array(1), 'text/plain'), /Invalid store key/, bad);
      }
      assert.equal(checkKey('acct/cloud/x_y-z.mp4'), 'acct/cloud/x_y-z.mp4');
    });
  });
}

describe('a server storing recordings in S3', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ recordings: { store: 's3', s3: s3Config() } });
  });
  after(() => s.close());

  test('processing puts the files in the bucket and downloads read them back', async () => {
    const live = await liveAccount(s);
    const rec = await recordMeeting(s, live);
    const files = (await live.api.get(`/v2/meetings/${rec.meetingId}/recordings`)).body.recording_files as Array<Record<string, any>>;
    const mp4 = files.find((f) => f.file_type === 'MP4')!;
    const token = (live.api as unknown as { token: string }).token;
    const redirect = await fetchUrl(s.client, mp4.download_url, {}, token);
    assert.equal(redirect.status, 302);
    const file = await fetchUrl(s.client, String(redirect.headers.location));
    assert.equal(file.bytes.length, mp4.file_size);
    assert.equal((await parseMedia(file.bytes)).video?.codec, 'avc');
    const store = await openStore({ kind: 's3', s3: s3Config() });
    const keys: string[] = [];
    for await (const k of store.keys(`${live.accountId}/`)) keys.push(k);
    await store.close();
    assert.equal(keys.length, files.length);
  });
});

describe('configuration from the environment', () => {
  test('local by default; S3 needs a bucket; processing delay in seconds', () => {
    assert.deepEqual(recordingsConfig({}), { store: 'local' });
    assert.throws(() => recordingsConfig({ OPENZOOM_RECORDINGS_STORE: 's3' }), /needs OPENZOOM_S3_BUCKET/);
    assert.throws(() => recordingsConfig({ OPENZOOM_RECORDINGS_STORE: 'ftp' }), /must be local or s3/);
    assert.throws(() => recordingsConfig({ OPENZOOM_RECORDING_PROCESSING_FACTOR: 'fast' }), /must be a number/);
    assert.deepEqual(recordingsConfig({ OPENZOOM_RECORDINGS_STORE: 'S3', OPENZOOM_S3_BUCKET: 'b', OPENZOOM_S3_ENDPOINT: 'http://minio:9000', OPENZOOM_RECORDING_PROCESSING_CAP: '600' }), {
      store: 's3',
      s3: { bucket: 'b', region: 'us-east-1', endpoint: 'http://minio:9000' },
      processing: { capMs: 600_000 },
    });
  });
});
