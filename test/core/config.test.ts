// Configuration from flags and the environment: what --db, --log and
// --request-history accept, and what they refuse with a message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDbTarget, loadConfig } from '../../src/config.ts';

test('--db takes a file path, :memory: or a PostgreSQL URL; any other scheme is refused, not taken for a file name', () => {
  for (const ok of ['./data/openzoom.db', '/var/lib/openzoom.db', 'openzoom.db', ':memory:', 'postgres://u@h:5432/db', 'postgresql://u@h/db?schema=x', 'C:\\data\\openzoom.db']) {
    assert.equal(checkDbTarget(ok), ok);
  }
  for (const bad of ['mysql://root@localhost/zoom', 'sqlite:./x.db', 'redis://localhost', 'file:x.db', '']) {
    assert.throws(() => checkDbTarget(bad), /--db/, bad);
  }
  assert.throws(() => loadConfig(['--db', 'mysql://x'], {}), /--db mysql: is not supported/);
  assert.throws(() => loadConfig([], { OPENZOOM_DB: 'mongodb://x' }), /--db mongodb: is not supported/);
});

test('--log and --request-history', () => {
  assert.equal(loadConfig([], {}).log, 'auto');
  assert.equal(loadConfig(['--log', 'JSON'], {}).log, 'json');
  assert.equal(loadConfig([], { OPENZOOM_LOG: 'off' }).log, 'off');
  assert.throws(() => loadConfig(['--log', 'loud'], {}), /--log must be pretty, json or off, not loud/);
  assert.equal(loadConfig([], {}).requestHistory, 1000);
  assert.equal(loadConfig(['--request-history', '0'], {}).requestHistory, 0);
  assert.throws(() => loadConfig(['--request-history=-1'], {}), /--request-history must be a whole number/);
  assert.throws(() => loadConfig([], { OPENZOOM_REQUEST_HISTORY: 'lots' }), /--request-history must be a whole number/);
});
