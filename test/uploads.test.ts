// Uploads: Upload / Delete a user's profile picture (userPicture,
// userPictureDelete) and virtual background files of the account (uploadVB,
// delVB), a user (uploadVBuser, delUserVB) and a group (uploadGroupVB,
// delGroupVB). Real multipart bodies built with FormData and Blob.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import type { TestClient } from './helpers/client.ts';

let s: TestServer;
let ownerId: string;
before(async () => {
  s = await startServer();
  ownerId = (await s.api.get('/v2/users/owner@example.com')).body.id;
});
after(() => s.close());

// A 1×1 PNG, and filler bytes behind the magic numbers of other formats (uploads are checked by their bytes).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const bytes = (size: number, seed = 7) => Buffer.from(Array.from({ length: size }, (_, i) => (i * seed) & 0xff));
const MAGIC = {
  jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  gif: Buffer.from('GIF89a', 'latin1'),
  mp4: Buffer.from([0, 0, 0, 0x18, ...Buffer.from('ftypisom', 'latin1')]),
  mov: Buffer.from([0, 0, 0, 0x14, ...Buffer.from('ftypqt  ', 'latin1')]),
};
const fileOf = (kind: keyof typeof MAGIC, size: number) => Buffer.concat([MAGIC[kind], bytes(size - MAGIC[kind].length)]);

function form(field: string, data: Buffer, type: string, filename: string): FormData {
  const f = new FormData();
  f.append(field, new Blob([new Uint8Array(data)], { type }), filename);
  return f;
}

/** POSTs a multipart body through the whole app and checks the answer against the contract, as the test client does. */
async function upload(client: TestClient, url: string, payload: FormData | string) {
  const headers: Record<string, string> = client.token ? { authorization: `Bearer ${client.token}` } : {};
  if (typeof payload === 'string') headers['content-type'] = 'application/json';
  const r = await s.app.inject({ method: 'POST', url, headers, payload });
  const body = r.body === '' ? undefined : JSON.parse(r.body);
  assert.notEqual(r.statusCode, 500, r.body);
  if (r.statusCode >= 400) {
    assert.equal(typeof body.code, 'number');
    assert.equal(typeof body.message, 'string');
  } else {
    const op = client.operationFor('POST', url)!;
    assert.equal(r.statusCode, op.successStatus);
    const validate = s.contract.responseValidator(op, r.statusCode);
    assert.ok(!validate || validate(body), `${op.operationId}: ${JSON.stringify(validate?.errors)}`);
  }
  return { status: r.statusCode, body };
}

/** Fetches a URL this server handed out (pic_url), through the app. */
async function fetchUrl(url: string) {
  assert.ok(url.startsWith('http://127.0.0.1:9090/p/'), url);
  return s.app.inject({ method: 'GET', url: url.slice('http://127.0.0.1:9090'.length) });
}

const newUser = async (email: string, client: TestClient = s.api) =>
  (await client.post('/v2/users', { action: 'custCreate', user_info: { email, type: 1, first_name: 'Pic', last_name: 'Ture' } })).body.id as string;

describe("Upload a user's profile picture (userPicture)", () => {
  test('stores the image; pic_url serves it back byte-identical', async () => {
    const id = await newUser('pic@example.com');
    const r = await upload(s.api, `/v2/users/${id}/picture`, form('pic_file', PNG, 'image/png', 'me.png'));
    assert.equal(r.status, 201);
    assert.deepEqual(r.body, {});
    const user = await s.api.get(`/v2/users/${id}`);
    assert.match(user.body.pic_url, /\/p\/.+\.png$/);
    const got = await fetchUrl(user.body.pic_url);
    assert.equal(got.statusCode, 200);
    assert.equal(got.headers['content-type'], 'image/png');
    assert.ok(got.rawPayload.equals(PNG));
  });

  test('a larger picture (over the JSON body limit, under 2 MB) round-trips; a new one replaces the old', async () => {
    const data = fileOf('jpeg', 1.5 * 1024 * 1024);
    const r = await upload(s.api, '/v2/users/me/picture'.replace('me', ownerId), form('pic_file', data, 'image/jpeg', 'big.jpg'));
    assert.equal(r.status, 201);
    const first = (await s.api.get(`/v2/users/${ownerId}`)).body.pic_url;
    assert.ok((await fetchUrl(first)).rawPayload.equals(data));
    await upload(s.api, `/v2/users/${ownerId}/picture`, form('pic_file', fileOf('gif', 64), 'image/gif', 'a.gif'));
    const second = (await s.api.get(`/v2/users/${ownerId}`)).body.pic_url;
    assert.notEqual(second, first);
    assert.match(second, /\.gif$/);
    assert.equal((await fetchUrl(first)).statusCode, 404);
  });

  test('a type sniffed from the name when the part is generic', async () => {
    const id = await newUser('generic@example.com');
    const r = await upload(s.api, `/v2/users/${id}/picture`, form('pic_file', PNG, 'application/octet-stream', 'x.PNG'));
    assert.equal(r.status, 201);
    assert.match((await s.api.get(`/v2/users/${id}`)).body.pic_url, /\.png$/);
  });

  test('no file, an empty file, a wrong type or over 2 MB answer 400/120 and change nothing', async () => {
    const id = await newUser('badpic@example.com');
    const cases: Array<[FormData | string, RegExp]> = [
      [JSON.stringify({ pic_file: 'abc' }), /empty/],
      [form('other', PNG, 'image/png', 'a.png'), /empty/],
      [form('pic_file', Buffer.alloc(0), 'image/png', 'a.png'), /empty/],
      [form('pic_file', PNG, 'text/plain', 'a.txt'), /jpg/],
      [form('pic_file', PNG, 'video/mp4', 'a.mp4'), /jpg/],
      [form('pic_file', bytes(2 * 1024 * 1024 + 1), 'image/png', 'a.png'), /2M/],
    ];
    for (const [payload, message] of cases) {
      const r = await upload(s.api, `/v2/users/${id}/picture`, payload);
      assert.equal(r.status, 400);
      assert.equal(r.body.code, 120);
      assert.match(r.body.message, message);
    }
    assert.equal((await s.api.get(`/v2/users/${id}`)).body.pic_url, '');
  });

  // Who may change whose picture is the pipeline's role-privilege check (user-level tokens).
  test('a member may change its own picture but not another user\'s; the owner may', async () => {
    const member = await newUser('member-pic@example.com');
    const other = await newUser('other-pic@example.com');
    const tokenFor = async (userId: string, scopes: string[]) =>
      s.client.withToken((await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: userId, scopes })).body.access_token);
    const m = await tokenFor(member, ['user:write', 'user:write:admin']);
    assert.equal((await upload(m, '/v2/users/me/picture', form('pic_file', PNG, 'image/png', 'a.png'))).status, 201);
    const denied = await upload(m, `/v2/users/${other}/picture`, form('pic_file', PNG, 'image/png', 'a.png'));
    assert.equal(denied.status, 400);
    assert.equal((await s.api.get(`/v2/users/${other}`)).body.pic_url, '');
    const owner = await tokenFor(ownerId, ['user:write:admin']);
    assert.equal((await upload(owner, `/v2/users/${other}/picture`, form('pic_file', PNG, 'image/png', 'a.png'))).status, 201);
  });

  test('an unknown user answers 404/1001', async () => {
    const r = await upload(s.api, '/v2/users/nobody/picture', form('pic_file', PNG, 'image/png', 'a.png'));
    assert.equal(r.status, 404);
    assert.equal(r.body.code, 1001);
  });

  test('without a token nothing is read and 401/124 answers', async () => {
    const r = await upload(s.client, `/v2/users/${ownerId}/picture`, form('pic_file', PNG, 'image/png', 'a.png'));
    assert.equal(r.status, 401);
    assert.equal(r.body.code, 124);
  });
});

describe('uploads are checked by their bytes (magic numbers), not only their declared type', () => {
  const HTML = Buffer.from('<html><script>alert(document.cookie)</script></html>');

  test('a page or script declared as a picture is refused 400/120 and nothing is stored', async () => {
    const id = await newUser('sniff-pic@example.com');
    for (const [data, type, name] of [
      [HTML, 'image/png', 'a.png'],
      [HTML, 'application/octet-stream', 'a.jpg'],
      [fileOf('mp4', 100), 'image/png', 'a.png'],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png', 'short.png'],
    ] as const) {
      const r = await upload(s.api, `/v2/users/${id}/picture`, form('pic_file', data, type, name));
      assert.equal(r.status, 400, name);
      assert.equal(r.body.code, 120);
      assert.equal(r.body.message, 'Only jpg/jpeg or png image file can be uploaded.');
    }
    assert.equal((await s.api.get(`/v2/users/${id}`)).body.pic_url, '');
  });

  test('a background whose bytes are no image or video is refused 400/120', async () => {
    const id = await newUser('sniff-vb@example.com');
    const r = await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', HTML, 'video/mp4', 'a.mp4'));
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 120);
    assert.match(r.body.message, /file format/);
    const g = await upload(s.api, '/v2/accounts/me/settings/virtual_backgrounds', form('file', Buffer.from('GIF8'), 'image/gif', 'a.gif'));
    assert.equal(g.body.code, 120);
  });

  test('a mislabelled picture is kept as what its bytes are, and served with that type and nosniff', async () => {
    const id = await newUser('sniff-label@example.com');
    const r = await upload(s.api, `/v2/users/${id}/picture`, form('pic_file', PNG, 'image/jpeg', 'photo.jpg'));
    assert.equal(r.status, 201);
    const url = (await s.api.get(`/v2/users/${id}`)).body.pic_url;
    assert.match(url, /\.png$/);
    const got = await fetchUrl(url);
    assert.equal(got.headers['content-type'], 'image/png');
    assert.equal(got.headers['x-content-type-options'], 'nosniff');
    const vb = await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', fileOf('mov', 40), 'video/mp4', 'clip.mp4'));
    assert.equal(vb.status, 201);
    assert.equal(vb.body.type, 'video');
  });
});

describe("Delete a user's profile picture (userPictureDelete)", () => {
  test('removes the picture and its URL', async () => {
    const id = await newUser('nopic@example.com');
    await upload(s.api, `/v2/users/${id}/picture`, form('pic_file', PNG, 'image/png', 'a.png'));
    const url = (await s.api.get(`/v2/users/${id}`)).body.pic_url;
    const r = await s.api.delete(`/v2/users/${id}/picture`);
    assert.equal(r.status, 204);
    assert.equal((await s.api.get(`/v2/users/${id}`)).body.pic_url, '');
    assert.equal((await fetchUrl(url)).statusCode, 404);
    assert.equal((await s.api.delete('/v2/users/nobody/picture')).body.code, 1001);
  });

  test('a deleted user\'s picture is no longer served', async () => {
    const id = await newUser('gone@example.com');
    await upload(s.api, `/v2/users/${id}/picture`, form('pic_file', PNG, 'image/png', 'a.png'));
    const url = (await s.api.get(`/v2/users/${id}`)).body.pic_url;
    assert.equal((await fetchUrl(url)).statusCode, 200);
    assert.equal((await s.api.delete(`/v2/users/${id}?action=delete`)).status, 204);
    assert.equal((await fetchUrl(url)).statusCode, 404);
  });
});

describe('Virtual backgrounds of a user (uploadVBuser, delUserVB)', () => {
  test('uploads images and videos, at most 10, and deletes by file_ids', async () => {
    const id = await newUser('vb@example.com');
    const img = await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', 'beach.png'));
    assert.equal(img.status, 201);
    assert.deepEqual({ ...img.body, id: undefined }, { id: undefined, is_default: false, name: 'beach.png', size: PNG.length, type: 'image' });
    const vid = await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', fileOf('mp4', 1000), 'video/mp4', 'waves.mp4'));
    assert.equal(vid.body.type, 'video');
    const mov = await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', fileOf('mov', 20), 'video/quicktime', 'w.mov'));
    assert.equal(mov.status, 201);
    for (let i = 3; i < 10; i++) assert.equal((await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', `${i}.png`))).status, 201);
    const eleventh = await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', '11.png'));
    assert.equal(eleventh.status, 400);
    assert.equal(eleventh.body.code, 120);
    assert.match(eleventh.body.message, /maximum of 10/);
    const del = await s.api.delete(`/v2/users/${id}/settings/virtual_backgrounds?file_ids=${img.body.id},${vid.body.id}`);
    assert.equal(del.status, 204);
    // Two places freed: two more fit, a third does not.
    assert.equal((await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', 'a.png'))).status, 201);
    assert.equal((await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', 'b.png'))).status, 201);
    assert.equal((await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', 'c.png'))).body.code, 120);
  });

  test('no file, a wrong type, missing file_ids and unknown users are refused', async () => {
    const id = await newUser('vbbad@example.com');
    const none = await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('pic_file', PNG, 'image/png', 'a.png'));
    assert.equal(none.body.code, 120);
    assert.match(none.body.message, /No file uploaded/);
    const txt = await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', PNG, 'application/pdf', 'a.pdf'));
    assert.equal(txt.body.code, 120);
    assert.equal((await s.api.delete(`/v2/users/${id}/settings/virtual_backgrounds`)).body.code, 300);
    assert.equal((await s.api.delete(`/v2/users/${id}/settings/virtual_backgrounds?file_ids=`)).body.code, 300);
    assert.equal((await upload(s.api, '/v2/users/nobody/settings/virtual_backgrounds', form('file', PNG, 'image/png', 'a.png'))).body.code, 1001);
    assert.equal((await s.api.delete('/v2/users/nobody/settings/virtual_backgrounds?file_ids=x')).body.code, 1001);
  });
});

describe('Virtual backgrounds of the account (uploadVB, delVB)', () => {
  test('uploads up to 15 MB; larger answers 400/120', async () => {
    const big = await upload(s.api, '/v2/accounts/me/settings/virtual_backgrounds', form('file', fileOf('mp4', 15 * 1024 * 1024), 'video/mp4', 'big.mp4'));
    assert.equal(big.status, 201);
    assert.equal(big.body.size, 15 * 1024 * 1024);
    const tooBig = await upload(s.api, '/v2/accounts/me/settings/virtual_backgrounds', form('file', bytes(15 * 1024 * 1024 + 1), 'video/mp4', 'big.mp4'));
    assert.equal(tooBig.status, 400);
    assert.equal(tooBig.body.code, 120);
    assert.match(tooBig.body.message, /15M/);
    assert.equal((await s.api.delete(`/v2/accounts/me/settings/virtual_backgrounds?file_ids=${big.body.id}`)).status, 204);
    assert.equal((await s.api.delete('/v2/accounts/me/settings/virtual_backgrounds')).body.code, 300);
  });

  test('the JSON body limit still holds on other operations', async () => {
    const r = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'long@example.com', type: 1, first_name: 'x'.repeat(70 * 1024) } });
    assert.equal(r.status, 413);
  });
});

describe('Virtual backgrounds of a group (uploadGroupVB, delGroupVB)', () => {
  test('uploads to an existing group, deletes by id; unknown groups answer 404/4130', async () => {
    const g = await s.api.post('/v2/groups', { name: 'Backgrounds' });
    assert.equal(g.status, 201, JSON.stringify(g.body));
    const r = await upload(s.api, `/v2/groups/${g.body.id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', 'g.png'));
    assert.equal(r.status, 201);
    assert.equal(r.body.type, 'image');
    assert.equal((await s.api.delete(`/v2/groups/${g.body.id}/settings/virtual_backgrounds?file_ids=${r.body.id}`)).status, 204);
    const unknown = await upload(s.api, '/v2/groups/nogroup/settings/virtual_backgrounds', form('file', PNG, 'image/png', 'g.png'));
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 4130);
    assert.equal((await s.api.delete('/v2/groups/nogroup/settings/virtual_backgrounds?file_ids=x')).body.code, 4130);
  });
});

describe("Virtual backgrounds in the settings of their level (accountSettings, getGroupSettings, userSettings)", () => {
  const files = (r: { body: { in_meeting: { virtual_background_settings: { files: unknown[] } } } }) => r.body.in_meeting.virtual_background_settings.files;

  test('a file uploaded at the account, a group or a user appears in that level\'s files only, and goes when deleted', async () => {
    const made = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    const api = await s.client.withCredentials(made.body.account_id, made.body.client_id, made.body.client_secret);
    const userId = made.body.owner_id as string;
    const groupId = (await api.post('/v2/groups', { name: 'Studio' })).body.id as string;
    await api.post(`/v2/groups/${groupId}/members`, { members: [{ id: userId }] });
    const levels = {
      account: { upload: '/v2/accounts/me/settings/virtual_backgrounds', settings: '/v2/accounts/me/settings' },
      group: { upload: `/v2/groups/${groupId}/settings/virtual_backgrounds`, settings: `/v2/groups/${groupId}/settings` },
      user: { upload: `/v2/users/${userId}/settings/virtual_backgrounds`, settings: `/v2/users/${userId}/settings` },
    };
    for (const l of Object.values(levels)) assert.deepEqual(files(await api.get(l.settings)), []);

    const uploaded: Record<string, { id: string }> = {};
    for (const [name, l] of Object.entries(levels)) {
      const r = await upload(api, l.upload, form('file', name === 'user' ? fileOf('mp4', 300) : PNG, name === 'user' ? 'video/mp4' : 'image/png', `${name}.bin`));
      assert.equal(r.status, 201);
      uploaded[name] = r.body;
    }
    for (const [name, l] of Object.entries(levels)) {
      assert.deepEqual(files(await api.get(l.settings)), [uploaded[name]], `${name} lists its own file only`);
    }
    assert.deepEqual(files(await api.get(`${levels.user.settings}?custom_query_fields=virtual_background_settings`)), [uploaded.user]);
    // A settings update cannot invent or drop files: they follow the uploads.
    assert.equal((await api.patch(levels.account.settings, { in_meeting: { virtual_background_settings: { allow_videos: true, files: [] } } })).status, 204);
    const account = (await api.get(levels.account.settings)).body.in_meeting.virtual_background_settings;
    assert.deepEqual([account.allow_videos, account.files], [true, [uploaded.account]]);

    for (const [name, l] of Object.entries(levels)) {
      assert.equal((await api.delete(`${l.upload}?file_ids=${uploaded[name]!.id}`)).status, 204);
      assert.deepEqual(files(await api.get(l.settings)), [], `${name} file deleted`);
    }
  });
});

describe('isolation', () => {
  test("another account can neither change nor delete the demo account's pictures and backgrounds", async () => {
    const id = await newUser('iso-pic@example.com');
    await upload(s.api, `/v2/users/${id}/picture`, form('pic_file', PNG, 'image/png', 'a.png'));
    const picUrl = (await s.api.get(`/v2/users/${id}`)).body.pic_url;
    const vb = await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', 'a.png'));
    const avb = await upload(s.api, '/v2/accounts/me/settings/virtual_backgrounds', form('file', PNG, 'image/png', 'a.png'));
    const g = await s.api.post('/v2/groups', { name: 'Iso' });
    const gvb = await upload(s.api, `/v2/groups/${g.body.id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', 'a.png'));

    const made = await s.client.post('/_openzoom/accounts', { plan: 'pro' });
    const o = await s.client.withCredentials(made.body.account_id, made.body.client_id, made.body.client_secret);
    const demo = s.demo!.accountId;
    assert.equal((await upload(o, `/v2/users/${id}/picture`, form('pic_file', PNG, 'image/png', 'a.png'))).body.code, 1001);
    assert.equal((await o.delete(`/v2/users/${id}/picture`)).body.code, 1001);
    assert.equal((await upload(o, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', 'a.png'))).body.code, 1001);
    assert.equal((await o.delete(`/v2/users/${id}/settings/virtual_backgrounds?file_ids=${vb.body.id}`)).body.code, 1001);
    assert.equal((await upload(o, `/v2/groups/${g.body.id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', 'a.png'))).body.code, 4130);
    assert.equal((await o.delete(`/v2/groups/${g.body.id}/settings/virtual_backgrounds?file_ids=${gvb.body.id}`)).body.code, 4130);
    // Its own account's deletion with the demo's file ids removes nothing of the demo's.
    assert.equal((await o.delete(`/v2/accounts/me/settings/virtual_backgrounds?file_ids=${avb.body.id}`)).status, 204);
    for (const path of [
      `/v2/accounts/${demo}/users/${id}/picture`,
      `/v2/accounts/${demo}/users/${id}/settings/virtual_backgrounds`,
      `/v2/accounts/${demo}/settings/virtual_backgrounds`,
      `/v2/accounts/${demo}/groups/${g.body.id}/settings/virtual_backgrounds`,
    ]) {
      const up = await upload(o, path, form(path.endsWith('picture') ? 'pic_file' : 'file', PNG, 'image/png', 'a.png'));
      assert.equal(up.status, 404, path);
      assert.equal(up.body.code, 2001, path);
      const del = await o.delete(`${path}?file_ids=${avb.body.id},${vb.body.id},${gvb.body.id}`);
      assert.equal(del.body.code, 2001, path);
    }
    // Everything of the demo account is still there: the picture is served, and the
    // demo account's own deletes still find each file (a 10th upload would otherwise fit).
    assert.ok((await fetchUrl(picUrl)).rawPayload.equals(PNG));
    assert.equal((await s.api.get(`/v2/users/${id}`)).body.pic_url, picUrl);
    // The user's background survived: nine more fill its ten places.
    for (let i = 0; i < 9; i++) assert.equal((await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', 'a.png'))).status, 201);
    assert.equal((await upload(s.api, `/v2/users/${id}/settings/virtual_backgrounds`, form('file', PNG, 'image/png', 'a.png'))).body.code, 120);
    // A picture URL with another account id in it serves nothing.
    assert.equal((await fetchUrl(picUrl.replace(`/p/${demo}/`, `/p/${made.body.account_id}/`))).statusCode, 404);
  });
});
