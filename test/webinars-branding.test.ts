// Webinar session branding: name tags, virtual backgrounds (multipart, default,
// delete) and the wallpaper, files served back at the URLs the answers give.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { uploadFile, webinarAccount, type WebinarAccount } from './helpers/webinars.ts';

let s: TestServer;
let a: WebinarAccount;

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

before(async () => {
  s = await startServer();
  a = await webinarAccount(s);
});
after(() => s.close());

const branded = () => a.webinar({ settings: { enable_session_branding: true } });
const served = async (url: string) => s.app.inject({ method: 'GET', url: url.slice('http://127.0.0.1:9090'.length) });

describe('Session branding', () => {
  test('branding needs the webinar\'s session branding setting', async () => {
    const w = await a.webinar();
    const r = await a.api.get(`/v2/webinars/${w.id}/branding`);
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 3000);
  });

  test('name tags: create (default handed to panelists), update, delete; colors are checked', async () => {
    const w = await branded();
    await a.api.post(`/v2/webinars/${w.id}/panelists`, { panelists: [{ name: 'Pat', email: 'pat@panel.example.com' }] });
    const tag = await a.api.post(`/v2/webinars/${w.id}/branding/name_tags`, { name: 'Speaker', text_color: '#FFFFFF', accent_color: '0E72ED', background_color: '#000000', is_default: true });
    assert.equal(tag.status, 201, tag.raw);
    assert.equal(tag.body.is_default, true);
    const panelists = await a.api.get(`/v2/webinars/${w.id}/panelists`);
    assert.equal(panelists.body.panelists[0].name_tag_id, tag.body.id);
    const bad = await a.api.post(`/v2/webinars/${w.id}/branding/name_tags`, { name: 'X', text_color: 'red', accent_color: '#000000', background_color: '#000000' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 300);
    assert.equal((await a.api.patch(`/v2/webinars/${w.id}/branding/name_tags/${tag.body.id}`, { name: 'Host' })).status, 204);
    assert.equal((await a.api.patch(`/v2/webinars/${w.id}/branding/name_tags/nope`, { name: 'Host' })).status, 404);
    const got = await a.api.get(`/v2/webinars/${w.id}/branding`);
    assert.equal(got.body.name_tags[0].name, 'Host');
    assert.equal((await a.api.delete(`/v2/webinars/${w.id}/branding/name_tags?name_tag_ids=${tag.body.id}`)).status, 204);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/branding`)).body.name_tags.length, 0);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/panelists`)).body.panelists[0].name_tag_id, undefined);
  });

  test('virtual backgrounds: upload (served back byte-identical), set default, delete; files checked by their bytes', async () => {
    const w = await branded();
    const url = `/v2/webinars/${w.id}/branding/virtual_backgrounds`;
    const up = await uploadFile(s, a.api, url, { data: PNG, type: 'image/png', name: 'stage.png' });
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.equal(up.body.type, 'image');
    assert.equal(up.body.size, PNG.length);
    const file = await served(up.body.url);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.ok(file.rawPayload.equals(PNG));
    const second = await uploadFile(s, a.api, url, { data: PNG, type: 'image/png', name: 'two.png' }, { default: 'true' });
    assert.equal(second.body.is_default, true);
    const fake = await uploadFile(s, a.api, url, { data: Buffer.from('<script>'), type: 'image/png', name: 'x.png' });
    assert.equal(fake.status, 400);
    assert.equal(fake.body.code, 120);
    assert.equal((await a.api.patch(`${url}?id=${up.body.id}`)).status, 204);
    const got = await a.api.get(`/v2/webinars/${w.id}/branding`);
    assert.deepEqual(got.body.virtual_backgrounds.map((b: any) => b.is_default), [true, false]);
    assert.equal((await a.api.patch(`${url}?id=unknown`)).status, 400);
    assert.equal((await a.api.delete(`${url}?ids=${up.body.id}`)).status, 204);
    assert.equal((await served(up.body.url)).statusCode, 404, 'a deleted file is no longer served');
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/branding`)).body.virtual_backgrounds.length, 1);
  });

  test('wallpaper: upload replaces the old one, delete; another account cannot touch it', async () => {
    const w = await branded();
    const url = `/v2/webinars/${w.id}/branding/wallpaper`;
    const one = await uploadFile(s, a.api, url, { data: PNG, type: 'image/png', name: 'wall.png' });
    assert.equal(one.status, 201, JSON.stringify(one.body));
    const two = await uploadFile(s, a.api, url, { data: PNG, type: 'image/png', name: 'wall2.png' });
    assert.equal((await served(one.body.url)).statusCode, 404);
    assert.equal((await served(two.body.url)).statusCode, 200);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/branding`)).body.wallpaper.id, two.body.id);
    const other = await webinarAccount(s);
    const foreign = await uploadFile(s, other.api, url, { data: PNG, type: 'image/png', name: 'x.png' });
    assert.equal(foreign.status, 404);
    assert.equal((await other.api.delete(url)).status, 404);
    assert.equal((await a.api.delete(url)).status, 204);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/branding`)).body.wallpaper, undefined);
  });
});
