// Benchmark set-up for cloud recordings: a licensed host's meeting recorded for
// 19 minutes with the speaker changing every 2 s (a key frame each time, so the
// speaker-view MP4 is about 50 MB), processed by moving the server clock; its
// main read and list as targets, and the download throughput of that file
// against reading the same bytes with fs.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
type Call = (method: string, url: string, headers: Record<string, string>, body?: unknown) => Promise<any>;

const RECORDED_S = 1140;
const DOWNLOADS = 5;

export async function recordingTargets(call: Call, url: (path: string) => string, auth: Record<string, string>) {
  const host = await call('POST', url('/v2/users'), auth, { action: 'custCreate', user_info: { email: 'bench-recorder@example.com', type: 2, first_name: 'Bench', last_name: 'Recorder' } });
  const m = await call('POST', url(`/v2/users/${host.id}/meetings`), auth, { topic: 'Bench recording', type: 2, start_time: '2031-01-01T09:00:00Z', settings: { waiting_room: false } });
  const control = (path: string, body: unknown = {}) => call('POST', url(`/_openzoom/meetings/${m.id}/${path}`), {}, body);
  const clock = (body: unknown) => call('POST', url('/_openzoom/clock'), {}, body);
  await clock({ freeze: true });
  await control('start');
  const speakers = [];
  for (let n = 1; n <= 4; n++) speakers.push((await control('participants', { name: `Speaker ${n}`, email: `speaker${n}@example.com` })).participant_id);
  await control('recording/start');
  for (let t = 0; t < RECORDED_S; t += 2) {
    await control(`participants/${speakers[(t / 2) % speakers.length]}/speak`, { text: `Point number ${t / 2}.`, seconds: 1.5 });
    await clock({ advance_seconds: 2 });
  }
  await call('PUT', url(`/v2/meetings/${m.id}/status`), auth, { action: 'end' });
  // Past the processing delay (twice the recorded time), then back to real time so tokens stay valid.
  await clock({ advance_seconds: 2 * RECORDED_S + 60 });
  await clock({ reset: true });
  const recording = await call('GET', url(`/v2/meetings/${m.id}/recordings`), auth);
  const biggest = [...recording.recording_files].sort((a: any, b: any) => b.file_size - a.file_size)[0];

  // Links name the server's public base URL; the bench reaches it where it listens.
  const here = (link: string) => url(`${new URL(link).pathname}${new URL(link).search}`);

  /** MB/s of downloading the biggest file (download_url → 302 → the file), and of reading its bytes with fs. */
  async function download() {
    const mb = biggest.file_size / 1024 / 1024;
    let bytes: Buffer = Buffer.alloc(0);
    const http = [];
    for (let i = 0; i < DOWNLOADS; i++) {
      const start = performance.now();
      const redirect = await fetch(here(biggest.download_url), { headers: auth, redirect: 'manual' });
      const file = await fetch(here(String(redirect.headers.get('location'))));
      bytes = Buffer.from(await file.arrayBuffer());
      http.push(mb / ((performance.now() - start) / 1000));
    }
    if (bytes.length !== biggest.file_size) throw new Error(`downloaded ${bytes.length} bytes of ${biggest.file_size}`);
    const path = join(tmpdir(), `openzoom-bench-${process.pid}.mp4`);
    writeFileSync(path, bytes);
    const fsRates = [];
    for (let i = 0; i < DOWNLOADS; i++) {
      const start = performance.now();
      readFileSync(path);
      fsRates.push(mb / ((performance.now() - start) / 1000));
    }
    rmSync(path, { force: true });
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const rate = median(http);
    const fsRate = median(fsRates);
    return {
      goal: `recording download of a ${mb.toFixed(0)} MB file ≥ 0.1 × reading it with fs`,
      actual: `${rate.toFixed(0)} MB/s vs fs ${fsRate.toFixed(0)} MB/s (${(rate / fsRate).toFixed(2)} ×, median of ${DOWNLOADS})`,
      met: rate >= 0.1 * fsRate,
    };
  }

  return {
    single: ['GET /v2/meetings/{meetingId}/recordings', `/v2/meetings/${m.id}/recordings`] as const,
    list: ['GET /v2/users/{userId}/recordings', `/v2/users/${host.id}/recordings?page_size=30`, '/same/recordings'] as const,
    download,
  };
}
