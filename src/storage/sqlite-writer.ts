// SQLite's single writer, with group commit. Write transactions queue here and
// run one after another on the writer connection, so they are serializable;
// those waiting together share one BEGIN IMMEDIATE … COMMIT, each inside a
// savepoint of its own: a transaction that fails rolls back to its savepoint
// alone. Nobody is answered before the COMMIT that holds their writes, so an
// acknowledged write is committed — at the cost of one commit per batch
// instead of one per request. BEGIN IMMEDIATE also orders writers in other
// processes on the same file (busy: wait, then run the batch again).
import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';
import type { DatabaseSync } from 'node:sqlite';
import type { Queryable } from './db.ts';
import { retryDelayMs, sqliteRetryable, TRANSACTION_ATTEMPTS, UniqueViolation, WriteContention } from './errors.ts';

interface Job {
  fn: (tx: Queryable) => Promise<unknown>;
  /** False for a lone statement outside any transaction (migrations' scripts, single runs). */
  transactional: boolean;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** SQLite rolled a batch's transaction back whole because of `job`: answer it, run the others again. */
class TransactionLost extends Error {
  readonly job: Job;
  readonly cause: unknown;
  constructor(job: Job, cause: unknown) {
    super('transaction lost');
    this.job = job;
    this.cause = cause;
  }
}

const MAX_BATCH = 64;

export class SqliteWriter {
  private readonly raw: DatabaseSync;
  private readonly conn: Queryable;
  private readonly jobs: Job[] = [];
  private draining: Promise<void> | null = null;

  constructor(raw: DatabaseSync, conn: Queryable) {
    this.raw = raw;
    this.conn = conn;
  }

  /** Runs fn in a transaction (shared with others queued at the same time); settles after the commit. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.enqueue(fn, true) as Promise<T>;
  }

  /** Runs fn alone on the writer, outside any transaction, in queue order. */
  alone<T>(fn: (conn: Queryable) => Promise<T>): Promise<T> {
    return this.enqueue(fn, false) as Promise<T>;
  }

  /** Resolves once every queued job has settled. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private enqueue(fn: Job['fn'], transactional: boolean): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.jobs.push({ fn, transactional, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    // One turn of the event loop lets requests that arrived together join the first batch.
    await nextTurn();
    while (this.jobs.length > 0) {
      const first = this.jobs[0]!;
      if (!first.transactional) {
        this.jobs.shift();
        await first.fn(this.conn).then(first.resolve, first.reject);
        continue;
      }
      const batch: Job[] = [];
      while (batch.length < MAX_BATCH && this.jobs[0]?.transactional) batch.push(this.jobs.shift()!);
      await this.commit(batch);
    }
    this.draining = null;
  }

  private async commit(batch: Job[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const outcomes: Array<() => void> = [];
      let failure: unknown = null;
      try {
        this.raw.exec('BEGIN IMMEDIATE');
        for (const job of batch) outcomes.push(await this.run(job));
        this.raw.exec('COMMIT');
      } catch (err) {
        if (this.raw.isTransaction) this.raw.exec('ROLLBACK');
        failure = err;
      }
      if (failure === null) {
        for (const settle of outcomes) settle();
        return;
      }
      if (failure instanceof TransactionLost) {
        failure.job.reject(failure.cause);
        batch.splice(batch.indexOf(failure.job), 1);
        continue;
      }
      if (sqliteRetryable(failure) && attempt < TRANSACTION_ATTEMPTS) {
        await delay(retryDelayMs(attempt));
        continue;
      }
      const answer = sqliteRetryable(failure) ? new WriteContention(failure) : failure;
      for (const job of batch) job.reject(answer);
      return;
    }
  }

  /** One job inside the batch's transaction: its outcome, applied once the batch commits. */
  private async run(job: Job): Promise<() => void> {
    let uniqueRetried = false;
    for (;;) {
      this.raw.exec('SAVEPOINT job');
      try {
        const out = await job.fn(this.conn);
        this.raw.exec('RELEASE job');
        return () => job.resolve(out);
      } catch (err) {
        // SQLite ended the whole transaction: this job is answered, the others run again.
        if (!this.raw.isTransaction) throw new TransactionLost(job, err);
        this.raw.exec('ROLLBACK TO job');
        this.raw.exec('RELEASE job');
        // A unique index refusing the row may be a race lost to a writer in another process:
        // once more, the job's own check sees the winner and answers its precise error.
        if (err instanceof UniqueViolation && !uniqueRetried) {
          uniqueRetried = true;
          continue;
        }
        if (sqliteRetryable(err)) throw err;
        return () => job.reject(err);
      }
    }
  }
}
