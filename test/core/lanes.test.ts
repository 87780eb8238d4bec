// PostgreSQL queues one account's write transactions in each process
// (src/storage/lanes.ts): one lane's tasks never overlap, other lanes run
// meanwhile, and a failed task does not hold its lane.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Lanes } from '../../src/storage/lanes.ts';

function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

test("a lane's tasks run one after another, in order; other lanes do not wait", async () => {
  const lanes = new Lanes();
  const order: string[] = [];
  const first = gate();
  const a1 = lanes.run('a', async () => {
    order.push('a1 start');
    await first.opened;
    order.push('a1 end');
  });
  const a2 = lanes.run('a', async () => void order.push('a2'));
  await lanes.run('b', async () => void order.push('b'));
  assert.deepEqual(order, ['a1 start', 'b'], 'b ran while a1 held lane a; a2 waited');
  first.open();
  await Promise.all([a1, a2]);
  assert.deepEqual(order, ['a1 start', 'b', 'a1 end', 'a2']);
});

test('a task that fails answers its own failure and the lane goes on', async () => {
  const lanes = new Lanes();
  const failed = lanes.run('a', async () => {
    throw new Error('refused');
  });
  const next = lanes.run('a', async () => 42);
  await assert.rejects(failed, /refused/);
  assert.equal(await next, 42);
});
