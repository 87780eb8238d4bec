// Identifiers shaped like Zoom's: user/account/app ids are 22 characters of
// base64url (16 random bytes), meeting ids 10-11 digits, instance UUIDs 24
// characters of standard base64 ending in `==` (so they may hold `/` and `+`).
import { randomFillSync, randomInt } from 'node:crypto';

// Random bytes drawn from a pool refilled 4 KB at a time: one call into the
// system's generator per 256 ids instead of one per id (ids are made on every create).
const pool = Buffer.alloc(4096);
let used = pool.length;

export function randomId(bytes: number): Buffer {
  if (used + bytes > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += bytes;
  return Buffer.from(pool.subarray(used - bytes, used));
}

export function zoomId(): string {
  return randomId(16).toString('base64url');
}

export function instanceUuid(): string {
  return randomId(16).toString('base64');
}

/** 10 or 11 digits, never starting with 0. */
export function meetingNumber(): number {
  const digits = randomInt(0, 4) === 0 ? 11 : 10;
  const min = 10 ** (digits - 1);
  return min + randomInt(0, 9 * min);
}

export function secret(length = 32): string {
  return randomId(length).toString('base64url').slice(0, length);
}

/** Personal meeting ids are 10 digits. */
export function pmi(): number {
  return 1_000_000_000 + randomInt(0, 8_999_999_999);
}
