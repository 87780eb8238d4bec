// The thread a media pool runs (pool.ts): it writes the files it is asked for
// and answers each job's id, with the error's message when one failed.
import { parentPort } from 'node:worker_threads';
import { writeAudioM4a, writeVideoMp4 } from './mp4.ts';
import type { MediaJob } from './pool.ts';

parentPort!.on('message', (message: { id: number; job: MediaJob }) => {
  const { id, job } = message;
  const made = job.kind === 'mp4' ? writeVideoMp4(job.path, job.options) : writeAudioM4a(job.path, job.options);
  made.then(
    () => parentPort!.postMessage({ id }),
    (err: unknown) => parentPort!.postMessage({ id, error: err instanceof Error ? err.message : String(err) }),
  );
});
