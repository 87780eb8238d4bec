// `openzoom rooms status|device|show` against a running server: a room of the
// demo account comes online, gets a device, and its alerts and activity show.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { servedWithApi } from './helpers/cli.ts';

let h: Awaited<ReturnType<typeof servedWithApi>>;
const run = (...args: string[]) => h.run(...args);
const api = (method: string, path: string, body?: unknown) => h.api(method, path, body);

before(async () => {
  h = await servedWithApi('rooms-cli-admin-key');
});
after(() => h.s.stop());

test('rooms status, device and show drive and read a room of the demo account', async () => {
  const room = await api('POST', '/v2/rooms', { name: 'CLI room', type: 'ZoomRoom' });
  assert.equal(room.status, 201);
  const online = await run('rooms', 'status', room.body.id, 'online');
  assert.equal(online.code, 0, online.stderr);
  assert.match(online.stdout, /Available/);
  const dev = await run('rooms', 'device', room.body.id, '--type', 'Controller', '--version', '6.0.0', '--json');
  assert.equal(dev.code, 0, dev.stderr);
  const deviceId = JSON.parse(dev.stdout).id;
  const devices = await api('GET', `/v2/rooms/${room.body.id}/devices`);
  assert.deepEqual(devices.body.devices.map((d: { id: string; app_version: string }) => [d.id, d.app_version]), [[deviceId, '6.0.0']]);
  assert.equal((await run('rooms', 'status', room.body.id, 'offline')).code, 0);
  const shown = await run('rooms', 'show', room.body.id);
  assert.equal(shown.code, 0, shown.stderr);
  assert.match(shown.stdout, /Zoom room is offline \(raised\)/);
  assert.match(shown.stdout, /Controller/);
  const bad = await run('rooms', 'status', room.body.id, 'sleeping');
  assert.equal(bad.code, 1, 'the server refuses an unknown status');
  assert.equal((await run('rooms', 'status')).code, 2);
});
