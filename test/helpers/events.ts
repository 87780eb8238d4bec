// Asserting the events a request emitted. Take a mark, make the request, then
// read what was emitted since, each event built exactly as it is delivered
// (src/webhooks/envelope.ts), and expect one by name: its whole body must
// validate against Zoom's catalogue (contract/events/).
//
//   const mark = await markEvents(s);
//   const r = await s.api.post('/v2/groups', { name: 'Sales' });
//   const e = await expectEmitted(s, mark, 'group.created', (e) => e.payload.object.id === r.body.id);
//   assert.equal(e.payload.object.name, 'Sales');
import assert from 'node:assert/strict';
import { EventCatalogue } from '../../src/webhooks/catalogue.ts';
import { deliveredEvent, OUTBOX_COLUMNS, type DeliveredEvent, type OutboxRow } from '../../src/webhooks/envelope.ts';
import type { Queryable } from '../../src/storage/db.ts';

export type { DeliveredEvent };

/** One catalogue for the test process (schemas load and validators compile once). */
export const catalogue = new EventCatalogue();

/** Where a test started looking: events emitted after it are new. */
export interface EventMark {
  after: string;
}

interface HasDb {
  db: Queryable;
}

export async function markEvents(s: HasDb): Promise<EventMark> {
  const row = await s.db.get<{ last: string | null }>('SELECT MAX(id) AS last FROM webhook_events');
  return { after: row?.last ?? '' };
}

/** Every event emitted since the mark (of one account, if given), in the order emitted, as delivered. */
export async function eventsSince(s: HasDb, mark: EventMark, accountId?: string): Promise<DeliveredEvent[]> {
  const rows = accountId
    ? await s.db.all<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM webhook_events WHERE id > ? AND account_id = ? ORDER BY id`, [mark.after, accountId])
    : await s.db.all<OutboxRow>(`SELECT ${OUTBOX_COLUMNS} FROM webhook_events WHERE id > ? ORDER BY id`, [mark.after]);
  return rows.map((r) => deliveredEvent(r, catalogue));
}

/** Fails unless the body validates against its event's schema in Zoom's catalogue. */
export function assertValidEvent(body: DeliveredEvent): void {
  const problems = catalogue.check(body);
  assert.deepEqual(problems, [], `${body.event} does not validate against Zoom's catalogue:\n  ${problems.join('\n  ')}\n${JSON.stringify(body)}`);
}

/**
 * The one event named `name` (and matching `match`, if given) among `events`;
 * fails if there is none or more than one, or if its body does not validate.
 */
export function expectEvent(events: DeliveredEvent[], name: string, match: (e: DeliveredEvent) => boolean = () => true): DeliveredEvent {
  const found = events.filter((e) => e.event === name && match(e));
  assert.equal(found.length, 1, `expected one ${name} event, found ${found.length} among: ${events.map((e) => e.event).join(', ') || 'none'}`);
  assertValidEvent(found[0]!);
  return found[0]!;
}

/** expectEvent over the events emitted since the mark. */
export async function expectEmitted(s: HasDb, mark: EventMark, name: string, match?: (e: DeliveredEvent) => boolean): Promise<DeliveredEvent> {
  return expectEvent(await eventsSince(s, mark), name, match);
}

/** Fails if any event (named `name`, if given) was emitted since the mark. */
export async function expectNoEvents(s: HasDb, mark: EventMark, name?: string): Promise<void> {
  const events = (await eventsSince(s, mark)).filter((e) => name === undefined || e.event === name);
  assert.deepEqual(events.map((e) => e.event), [], `expected no ${name ?? ''} events`.replace('  ', ' '));
}
