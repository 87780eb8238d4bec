// What the listing commands share: their --limit, and --follow (poll for what
// came after the last page every half second until Ctrl-C).
import { setTimeout as sleep } from 'node:timers/promises';
import { CliError } from './client.ts';

/** --limit as given (a positive whole number), or `fallback`. */
export function limitOf(given: string | undefined, fallback: string): string {
  const limit = given ?? fallback;
  if (!/^[1-9]\d*$/.test(limit)) throw new CliError(`--limit must be a positive whole number, not ${limit}`, 2);
  return limit;
}

/** Resolves on Ctrl-C (or SIGTERM). */
export function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** Calls `next` every half second until interrupted. */
export async function follow(next: () => Promise<void>): Promise<void> {
  let stopped = false;
  void interrupted().then(() => (stopped = true));
  while (!stopped) {
    await sleep(500);
    if (stopped) break;
    await next();
  }
}
