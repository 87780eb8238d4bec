// Comparing secrets (the admin key, client secrets) without leaking through
// timing how much of a guess was right, or how long the secret is: both sides
// are hashed to equal-length digests first.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
