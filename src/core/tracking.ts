// x-zm-trackingid values shaped like Zoom's (`v=2.0;clid=us06;rid=WEB_<hex>`):
// a random per-process prefix and a counter, so no randomness per request.
import { randomBytes } from 'node:crypto';

const prefix = `v=2.0;clid=us06;rid=WEB_${randomBytes(8).toString('hex')}`;
let counter = 0;

export function trackingId(): string {
  counter = (counter + 1) >>> 0;
  return prefix + counter.toString(16).padStart(8, '0');
}
