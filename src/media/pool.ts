// Recordings' media are encoded off the server's event loop: a few worker
// threads (one fewer than the machine's cores, at least one) take the files to
// write, so a long recording being processed never holds up requests, and a
// simulated month encodes on one core while it plays on another. Threads start
// on the first file and stop after a while without work (they hold memory).
// OPENZOOM_MEDIA_THREADS sets how many; 0 encodes on the event loop.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { writeAudioM4a, writeVideoMp4, type VideoOptions } from './mp4.ts';

export type MediaJob = { kind: 'mp4'; path: string; options: VideoOptions } | { kind: 'm4a'; path: string; options: { durationMs: number } };

/** Idle threads stop after this long. */
const IDLE_MS = 10_000;

interface Thread {
  worker: Worker;
  busy: number;
  idle?: NodeJS.Timeout;
}

export class MediaPool {
  private readonly size: number;
  private readonly threads: Thread[] = [];
  private readonly waiting = new Map<number, { resolve: () => void; reject: (err: Error) => void; thread: Thread }>();
  private next = 0;

  constructor(size = defaultSize()) {
    this.size = size;
  }

  /** Writes the file a job describes, on a thread of the pool (or here, with no threads). */
  write(job: MediaJob): Promise<void> {
    if (this.size === 0) return job.kind === 'mp4' ? writeVideoMp4(job.path, job.options) : writeAudioM4a(job.path, job.options);
    const thread = this.pick();
    const id = ++this.next;
    thread.busy++;
    clearTimeout(thread.idle);
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, thread });
      thread.worker.postMessage({ id, job });
    });
  }

  private pick(): Thread {
    const free = this.threads.reduce<Thread | undefined>((best, t) => (!best || t.busy < best.busy ? t : best), undefined);
    if (free && (free.busy === 0 || this.threads.length >= this.size)) return free;
    return this.spawn();
  }

  private spawn(): Thread {
    // From the sources (types stripped at load) or from the built package, as this module was loaded.
    const file = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
    // A profile name given to the server is its main thread's: a thread writes its own under Node's default name.
    const named = process.execArgv.some((a) => a.startsWith('--cpu-prof-name'));
    const options = named ? { execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof') && !a.startsWith('--cpu-prof-name')) } : {};
    const thread: Thread = { worker: new Worker(file, options), busy: 0 };
    thread.worker.unref();
    thread.worker.on('message', (m: { id: number; error?: string }) => this.settle(m.id, m.error));
    thread.worker.on('error', (err) => this.fail(thread, err));
    thread.worker.on('exit', () => this.fail(thread, new Error('The media thread stopped.')));
    this.threads.push(thread);
    return thread;
  }

  private settle(id: number, error: string | undefined): void {
    const w = this.waiting.get(id);
    if (!w) return;
    this.waiting.delete(id);
    if (--w.thread.busy === 0) w.thread.idle = setTimeout(() => this.retire(w.thread), IDLE_MS).unref();
    if (error === undefined) w.resolve();
    else w.reject(new Error(error));
  }

  /** A thread that died fails what it held; the next file starts another. */
  private fail(thread: Thread, err: Error): void {
    const at = this.threads.indexOf(thread);
    if (at >= 0) this.threads.splice(at, 1);
    for (const [id, w] of this.waiting) {
      if (w.thread !== thread) continue;
      this.waiting.delete(id);
      w.reject(err);
    }
  }

  private retire(thread: Thread): void {
    if (thread.busy > 0) return;
    const at = this.threads.indexOf(thread);
    if (at >= 0) this.threads.splice(at, 1);
    void thread.worker.terminate();
  }
}

function defaultSize(): number {
  const set = process.env.OPENZOOM_MEDIA_THREADS;
  if (set !== undefined && /^\d+$/.test(set)) return Number(set);
  return Math.max(1, availableParallelism() - 1);
}

/** The server's pool. */
export const mediaPool = new MediaPool();
