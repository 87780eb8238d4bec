// Cloud recordings: download authorisation and ranges, lists, trash, recover
// and purge on the server clock, settings and share links, registrants,
// analytics, archived files, past meeting files, plans, isolation and roles.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { liveAccount, type Live } from './helpers/live.ts';
import type { TestClient } from './helpers/client.ts';
import { advance, fetchUrl, recordMeeting, type Recorded } from './helpers/recordings.ts';

let s: TestServer;
let live: Live;
let token: string;

const tokenOf = (c: TestClient) => (c as unknown as { token: string }).token;

async function userToken(accountId: string, userId: string, scopes: string[]): Promise<TestClient> {
  const r = await s.client.post('/_openzoom/tokens', { account_id: accountId, user_id: userId, scopes });
  assert.equal(r.status, 201, r.raw);
  return s.client.withToken(r.body.access_token);
}

/** Big moves of the clock expire the account's token: take a new one. */
async function refresh(): Promise<void> {
  live.api = await s.client.withCredentials(...live.credentials);
  token = tokenOf(live.api);
}

async function filesOf(meetingId: string, client: TestClient = live.api) {
  const r = await client.get(`/v2/meetings/${meetingId}/recordings`);
  assert.equal(r.status, 200, r.raw);
  return r.body.recording_files as Array<Record<string, any>>;
}

before(async () => {
  s = await startServer();
  live = await liveAccount(s);
  token = tokenOf(live.api);
});
after(() => s.close());

describe('downloads', () => {
  let rec: Recorded;
  let mp4: Record<string, any>;
  before(async () => {
    rec = await recordMeeting(s, live);
    mp4 = (await filesOf(rec.meetingId)).find((f) => f.file_type === 'MP4')!;
  });

  test('no token, a token in the query string (code 124 since 2023), a forged or expired token: refused', async () => {
    assert.deepEqual((await fetchUrl(s.client, mp4.download_url)).body, { code: 124, message: 'Invalid access token.' });
    const inQuery = await fetchUrl(s.client, `${mp4.download_url}?access_token=${token}`);
    assert.equal(inQuery.status, 401);
    assert.equal(inQuery.body.code, 124);
    assert.equal((await fetchUrl(s.client, mp4.download_url, {}, `${token}x`)).status, 401);
    const withToken = await live.api.get(`/v2/meetings/${rec.meetingId}/recordings?include_fields=download_access_token&ttl=60`);
    const dat = withToken.body.download_access_token as string;
    assert.match(dat, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    const payload = JSON.parse(Buffer.from(dat.split('.')[1]!, 'base64url').toString());
    assert.equal(payload.exp - payload.iat, 60);
    assert.equal((await fetchUrl(s.client, mp4.download_url, {}, dat)).status, 302);
    assert.equal((await fetchUrl(s.client, `${mp4.download_url}?access_token=${dat}`)).body.code, 124);
    await advance(s, 61);
    assert.equal((await fetchUrl(s.client, mp4.download_url, {}, dat)).status, 401);
    const tooLong = await live.api.get(`/v2/meetings/${rec.meetingId}/recordings?include_fields=download_access_token&ttl=604801`);
    assert.equal(tooLong.status, 400);
  });

  test("the webhook's download_token works in the header; another account's token and a Member's own token are refused", async () => {
    const [completed] = await live.events('recording.completed', rec.meetingId);
    assert.ok(completed);
    const delivered = await s.db.get<{ top: string }>("SELECT top FROM webhook_events WHERE event = 'recording.completed' AND account_id = ? ORDER BY event_ts DESC LIMIT 1", [live.accountId]);
    const downloadToken = JSON.parse(delivered!.top).download_token as string;
    assert.equal((await fetchUrl(s.client, mp4.download_url, {}, downloadToken)).status, 302);
    const other = await liveAccount(s);
    const foreign = await fetchUrl(s.client, mp4.download_url, {}, tokenOf(other.api));
    assert.equal(foreign.status, 403, foreign.raw);
    const member = await live.newUser(2);
    const memberClient = await userToken(live.accountId, member.id, ['recording:read']);
    assert.equal((await fetchUrl(s.client, mp4.download_url, {}, tokenOf(memberClient))).status, 403);
    const noScope = await userToken(live.accountId, live.ownerId, ['meeting:read']);
    assert.equal((await fetchUrl(s.client, mp4.download_url, {}, tokenOf(noScope))).status, 401);
  });

  test('302 to a signed link that serves ranges; a tampered or expired link is refused', async () => {
    const redirect = await fetchUrl(s.client, mp4.download_url, {}, token);
    const link = String(redirect.headers.location);
    const whole = await fetchUrl(s.client, link);
    assert.equal(whole.headers['accept-ranges'], 'bytes');
    assert.match(String(whole.headers['content-disposition']), /^attachment; filename="GMT\d{8}-\d{6}_shared_screen_with_speaker_view\.mp4"$/);
    const part = await fetchUrl(s.client, link, { range: 'bytes=100-199' });
    assert.equal(part.status, 206);
    assert.equal(part.headers['content-range'], `bytes 100-199/${mp4.file_size}`);
    assert.deepEqual(part.bytes, whole.bytes.subarray(100, 200));
    const tail = await fetchUrl(s.client, link, { range: 'bytes=-16' });
    assert.deepEqual(tail.bytes, whole.bytes.subarray(whole.bytes.length - 16));
    const beyond = await fetchUrl(s.client, link, { range: `bytes=${mp4.file_size}-` });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers['content-range'], `bytes */${mp4.file_size}`);
    assert.equal((await fetchUrl(s.client, link.replace(/signature=./, 'signature=A'))).status, 401);
    await advance(s, 11 * 60);
    assert.equal((await fetchUrl(s.client, link)).status, 401);
  });

  test('play_url takes the recording passcode; views and downloads are counted for analytics', async () => {
    const r = (await live.api.get(`/v2/meetings/${rec.meetingId}/recordings`)).body;
    assert.equal((await fetchUrl(s.client, `${mp4.play_url}?pwd=wrong-one`)).status, 401);
    assert.equal((await fetchUrl(s.client, `${mp4.play_url}?pwd=${encodeURIComponent(r.recording_play_passcode)}`)).status, 302);
    assert.equal((await fetchUrl(s.client, `${mp4.play_url}?pwd=${encodeURIComponent(r.password)}`)).status, 302);
    const summary = await live.api.get(`/v2/meetings/${rec.meetingId}/recordings/analytics_summary`);
    assert.equal(summary.status, 200, summary.raw);
    const total = (k: string) => summary.body.analytics_summary.reduce((n: number, d: any) => n + d[k], 0);
    assert.equal(total('views_total_count'), 2);
    assert.equal(total('downloads_total_count'), 3);
    const details = await live.api.get(`/v2/meetings/${rec.meetingId}/recordings/analytics_details?type=by_download&page_size=2`);
    assert.equal(details.status, 200, details.raw);
    assert.equal(details.body.analytics_details.length, 2);
    assert.equal(details.body.total_records, 3);
    assert.ok(details.body.next_page_token);
  });
});

describe('lists, trash, recover and purge on the server clock', () => {
  let a: Recorded;
  let b: Recorded;
  before(async () => {
    a = await recordMeeting(s, live);
    b = await recordMeeting(s, live);
  });

  test('per user and per account, paged; a range over a month is clamped, not refused', async () => {
    const today = (await s.client.get('/_openzoom/clock')).body.now.slice(0, 10);
    const list = await live.api.get(`/v2/users/${live.ownerId}/recordings?from=${today}&to=${today}&page_size=1`);
    assert.equal(list.status, 200, list.raw);
    assert.ok(list.body.total_records >= 2);
    assert.equal(list.body.meetings.length, 1);
    const next = await live.api.get(`/v2/users/${live.ownerId}/recordings?from=${today}&to=${today}&page_size=1&next_page_token=${list.body.next_page_token}`);
    assert.notEqual(next.body.meetings[0].uuid, list.body.meetings[0].uuid);
    const wide = await live.api.get(`/v2/users/${live.ownerId}/recordings?from=2020-01-15&to=2020-06-01`);
    assert.equal(wide.status, 200);
    assert.deepEqual([wide.body.from, wide.body.to], ['2020-01-15', '2020-02-15']);
    const account = await live.api.get(`/v2/accounts/${live.accountId}/recordings?from=${today}&to=${today}`);
    assert.equal(account.status, 200, account.raw);
    assert.ok(account.body.meetings.some((m: any) => m.uuid === a.uuid && typeof m.type === 'number'));
    const byMeeting = await live.api.get(`/v2/users/${live.ownerId}/recordings?from=${today}&to=${today}&meeting_id=${b.meetingId}`);
    assert.deepEqual(byMeeting.body.meetings.map((m: any) => m.uuid), [b.uuid]);
  });

  test('delete one file to the trash, list it with trash_type=recording_file, recover it', async () => {
    const files = await filesOf(a.meetingId);
    const chat = files.find((f) => f.file_type === 'CHAT')!;
    assert.equal((await live.api.delete(`/v2/meetings/${a.meetingId}/recordings/${chat.id}`)).status, 204);
    assert.ok(!(await filesOf(a.meetingId)).some((f) => f.id === chat.id));
    const trash = await live.api.get(`/v2/users/${live.ownerId}/recordings?trash=true&trash_type=recording_file`);
    const entry = trash.body.meetings.find((m: any) => m.uuid === a.uuid);
    assert.deepEqual(entry.recording_files.map((f: any) => f.id), [chat.id]);
    assert.ok(entry.recording_files[0].deleted_time);
    const [trashed] = await live.events('recording.trashed', a.meetingId);
    assert.ok(trashed);
    assert.equal((await live.api.put(`/v2/meetings/${a.meetingId}/recordings/${chat.id}/status`, { action: 'recover' })).status, 204);
    assert.ok((await filesOf(a.meetingId)).some((f) => f.id === chat.id));
    assert.equal((await live.api.put(`/v2/meetings/${a.meetingId}/recordings/${chat.id}/status`, { action: 'recover' })).status, 404);
  });

  test('trash the meeting recordings, recover within 30 days; after 30 days the clock purges them and their bytes', async () => {
    const link = String((await fetchUrl(s.client, (await filesOf(b.meetingId))[0]!.download_url, {}, token)).headers.location);
    assert.equal((await live.api.delete(`/v2/meetings/${b.meetingId}/recordings`)).status, 204);
    assert.equal((await live.api.get(`/v2/meetings/${b.meetingId}/recordings`)).body.code, 3301);
    assert.equal((await fetchUrl(s.client, link)).status, 404);
    const trash = await live.api.get(`/v2/users/${live.ownerId}/recordings?trash=true`);
    assert.ok(trash.body.meetings.some((m: any) => m.uuid === b.uuid));
    const uuid = encodeURIComponent(encodeURIComponent(b.uuid));
    assert.equal((await live.api.put(`/v2/meetings/${uuid}/recordings/status`, { action: 'recover' })).status, 200);
    assert.equal((await live.events('recording.recovered', b.meetingId)).length, 1);
    assert.equal((await live.api.get(`/v2/meetings/${b.meetingId}/recordings`)).status, 200);
    assert.equal((await live.api.delete(`/v2/meetings/${b.meetingId}/recordings?action=trash`)).status, 204);
    await advance(s, 29 * 86400);
    await refresh();
    assert.ok((await live.api.get(`/v2/users/${live.ownerId}/recordings?trash=true`)).body.meetings.some((m: any) => m.uuid === b.uuid));
    const keys = await s.db.all<{ storage_key: string }>('SELECT storage_key FROM recording_files WHERE account_id = ? AND meeting_uuid = ?', [live.accountId, b.uuid]);
    assert.ok(keys.length > 0);
    await advance(s, 2 * 86400);
    await refresh();
    assert.ok(!(await live.api.get(`/v2/users/${live.ownerId}/recordings?trash=true`)).body.meetings.some((m: any) => m.uuid === b.uuid));
    assert.equal((await live.api.put(`/v2/meetings/${uuid}/recordings/status`, { action: 'recover' })).status, 404);
    assert.equal((await s.db.all('SELECT 1 FROM recording_files WHERE account_id = ? AND meeting_uuid = ?', [live.accountId, b.uuid])).length, 0);
    assert.equal((await s.db.all('SELECT 1 FROM recording_garbage WHERE account_id = ?', [live.accountId])).length, 0);
  });

  test('action=delete deletes at once, with recording.deleted', async () => {
    const c = await recordMeeting(s, live);
    assert.equal((await live.api.delete(`/v2/meetings/${c.meetingId}/recordings?action=delete`)).status, 204);
    assert.ok(!(await live.api.get(`/v2/users/${live.ownerId}/recordings?trash=true`)).body.meetings.some((m: any) => m.uuid === c.uuid));
    assert.equal((await live.events('recording.deleted', c.meetingId)).length, 1);
    assert.equal((await live.api.delete(`/v2/meetings/${c.meetingId}/recordings`)).body.code, 3301);
  });
});

describe('settings, share links and registrants', () => {
  let rec: Recorded;
  before(async () => {
    rec = await recordMeeting(s, live);
  });

  test('settings read and change; a new topic renames the recording (recording.renamed)', async () => {
    const got = await live.api.get(`/v2/meetings/${rec.meetingId}/recordings/settings`);
    assert.equal(got.status, 200, got.raw);
    assert.equal(got.body.share_recording, 'publicly');
    assert.equal(got.body.topic, 'Stand-up');
    const patched = await live.api.patch(`/v2/meetings/${rec.meetingId}/recordings/settings`, { topic: 'Stand-up (recorded)', viewer_download: false, password: 'Secret#123' });
    assert.equal(patched.status, 204, patched.raw);
    const after = (await live.api.get(`/v2/meetings/${rec.meetingId}/recordings/settings`)).body;
    assert.deepEqual([after.topic, after.viewer_download, after.password], ['Stand-up (recorded)', false, 'Secret#123']);
    assert.equal((await live.api.get(`/v2/meetings/${rec.meetingId}/recordings`)).body.topic, 'Stand-up (recorded)');
    const [renamed] = await live.events('recording.renamed', rec.meetingId);
    assert.equal(renamed.old_object.topic, 'Stand-up');
    assert.equal((await live.api.patch(`/v2/meetings/${rec.meetingId}/recordings/settings`, { share_recording: 'everyone' })).status, 400);
    assert.equal((await live.api.patch(`/v2/meetings/${rec.meetingId}/recordings/settings`, { password: 'short' })).status, 400);
  });

  test('share_url: the passcode for public shares; internal shares need a token of the account; none refuses', async () => {
    const r = (await live.api.get(`/v2/meetings/${rec.meetingId}/recordings`)).body;
    assert.equal((await fetchUrl(s.client, r.share_url)).status, 401);
    assert.equal((await fetchUrl(s.client, `${r.share_url}?pwd=Secret%23123`)).status, 302);
    await live.api.patch(`/v2/meetings/${rec.meetingId}/recordings/settings`, { share_recording: 'internally' });
    assert.equal((await fetchUrl(s.client, r.share_url)).status, 401);
    assert.equal((await fetchUrl(s.client, r.share_url, {}, token)).status, 302);
    await live.api.patch(`/v2/meetings/${rec.meetingId}/recordings/settings`, { share_recording: 'none' });
    assert.equal((await fetchUrl(s.client, r.share_url, {}, token)).status, 404);
  });

  test('on-demand registration: questions, registrants pending until approved, the share link needs an approved registrant', async () => {
    const base = `/v2/meetings/${rec.meetingId}/recordings/registrants`;
    const off = await live.api.post(base, { email: 'viewer@example.com', first_name: 'Vi' });
    assert.equal(off.status, 400, off.raw);
    await live.api.patch(`/v2/meetings/${rec.meetingId}/recordings/settings`, { share_recording: 'publicly', on_demand: true, approval_type: 1 });
    const q = await live.api.patch(`${base}/questions`, { questions: [{ field_name: 'org', required: true }], custom_questions: [{ title: 'Why?', type: 'short', required: false }] });
    assert.equal(q.status, 204, q.raw);
    assert.deepEqual((await live.api.get(`${base}/questions`)).body.questions, [{ field_name: 'org', required: true }]);
    assert.equal((await live.api.patch(`${base}/questions`, { questions: [{ field_name: 'org', required: true }, { field_name: 'org', required: false }] })).status, 400);
    assert.equal((await live.api.post(base, { email: 'viewer@example.com', first_name: 'Vi' })).status, 400);
    const created = await live.api.post(base, { email: 'viewer@example.com', first_name: 'Vi', org: 'Acme' });
    assert.equal(created.status, 201, created.raw);
    assert.equal(created.body.id, Number(rec.meetingId));
    assert.match(created.body.share_url, /\?tk=/);
    const again = await live.api.post(base, { email: 'viewer@example.com', first_name: 'Vi', org: 'Acme' });
    assert.equal(again.body.registrant_id, created.body.registrant_id);
    assert.equal((await live.api.get(base)).body.total_records, 0);
    const pending = await live.api.get(`${base}?status=pending`);
    assert.equal(pending.body.registrants[0].email, 'viewer@example.com');
    const shareLink = `${created.body.share_url}&pwd=Secret%23123`;
    assert.equal((await fetchUrl(s.client, shareLink)).status, 403);
    assert.equal((await live.api.put(`${base}/status`, { action: 'approve', registrants: [{ id: created.body.registrant_id }] })).status, 204);
    assert.equal((await live.api.get(base)).body.registrants.length, 1);
    assert.equal((await fetchUrl(s.client, shareLink)).status, 302);
    assert.equal((await live.api.put(`${base}/status`, { action: 'approve', registrants: [{ id: 'nobody' }] })).status, 404);
    for (const name of ['recording.registration_created', 'recording.registration_approved']) assert.equal((await live.events(name, rec.meetingId)).length, 1, name);
  });
});

describe('archived files and past meeting files', () => {
  test('List archived files answers for accounts with archiving on (control plane), with the archive made at processing', async () => {
    const acct = await liveAccount(s);
    assert.equal((await acct.api.get('/v2/archive_files')).status, 400);
    const on = await s.client.put(`/_openzoom/accounts/${acct.accountId}/archiving`, { enabled: true });
    assert.equal(on.status, 200, on.raw);
    assert.equal((await s.client.get(`/_openzoom/accounts/${acct.accountId}/archiving`)).body.archiving, true);
    assert.equal((await s.client.put(`/_openzoom/accounts/${acct.accountId}/archiving`, { enabled: 'yes' })).status, 400);
    assert.equal((await s.client.put('/_openzoom/accounts/nobody/archiving', { enabled: true })).status, 404);
    assert.equal((await s.client.post('/_openzoom/recordings/sweep', {})).body.processed, 0);
    const rec = await recordMeeting(s, acct);
    const list = await acct.api.get('/v2/archive_files');
    assert.equal(list.status, 200, list.raw);
    const m = list.body.meetings.find((x: any) => x.uuid === rec.uuid);
    assert.deepEqual(m.archive_files.map((f: any) => f.file_type).sort(), ['CHAT', 'M4A', 'M4A', 'MP4', 'MP4']);
    assert.match(m.archive_files[0].encryption_fingerprint, /^[0-9a-f]{64}$/);
    const redirect = await fetchUrl(s.client, m.archive_files[0].download_url, {}, tokenOf(acct.api));
    assert.equal(redirect.status, 302);
    assert.equal((await acct.events('recording.archive_files_completed')).length, 1);
    // Archived files are not cloud recording files.
    assert.ok((await filesOf(rec.meetingId, acct.api)).every((f) => !m.archive_files.some((a: any) => a.id === f.id)));
  });

  test('the files sent in chat, for 24 hours after the end', async () => {
    const rec = await recordMeeting(s, live);
    const files = await live.api.get(`/v2/past_meetings/${rec.meetingId}/files`);
    assert.equal(files.status, 200, files.raw);
    assert.equal(files.body.total_records, 1);
    assert.equal(files.body.in_meeting_files[0].file_name, 'agenda.txt');
    const got = await fetchUrl(s.client, files.body.in_meeting_files[0].download_url, {}, token);
    assert.equal(got.raw, 'agenda: 1. status 2. risks');
    assert.equal((await fetchUrl(s.client, files.body.in_meeting_files[0].download_url)).status, 401);
    assert.equal((await live.api.get('/v2/past_meetings/999999999/files')).body.code, 3001);
    assert.equal((await live.api.get('/v2/past_webinars/999999999/files')).body.code, 3001);
    await advance(s, 25 * 3600);
    await refresh();
    assert.equal((await live.api.get(`/v2/past_meetings/${rec.meetingId}/files`)).body.total_records, 0);
  });
});

describe('plans, storage, isolation and roles', () => {
  test('a free account has no cloud recordings: its session keeps nothing, and the operations answer 400/200', async () => {
    const free = await liveAccount(s, 'free');
    const meetingId = await free.meeting();
    await free.start(meetingId);
    assert.equal((await free.control(`${meetingId}/recording/start`)).status, 200);
    await advance(s, 30);
    await free.end(meetingId);
    await advance(s, 600);
    assert.deepEqual((await free.api.get(`/v2/meetings/${meetingId}/recordings`)).body, { code: 200, message: 'Only available for paid account.' });
    assert.equal((await free.api.get(`/v2/users/${free.ownerId}/recordings`)).status, 400);
    assert.equal((await s.db.all('SELECT 1 FROM recordings WHERE account_id = ?', [free.accountId])).length, 0);
  });

  test('storage full: a new recording is not kept, and recovering answers 3309', async () => {
    const acct = await liveAccount(s, 'pro');
    const kept = await recordMeeting(s, acct);
    assert.equal((await acct.api.delete(`/v2/meetings/${kept.meetingId}/recordings`)).status, 204);
    // Fill the plan's storage (5 GB for each of its 9 licences).
    await s.db.run('UPDATE recording_files SET file_size = ? WHERE account_id = ? AND meeting_uuid = ? AND file_type = ?', [30 * 1024 ** 3, acct.accountId, kept.uuid, 'MP4']);
    const uuid = encodeURIComponent(encodeURIComponent(kept.uuid));
    const refused = await acct.api.put(`/v2/meetings/${uuid}/recordings/status`, { action: 'recover' });
    assert.equal(refused.status, 400, refused.raw);
    assert.equal(refused.body.code, 3309);
    const dropped = await recordMeeting(s, acct);
    assert.equal((await acct.api.get(`/v2/meetings/${dropped.meetingId}/recordings`)).body.code, 3301);
    const [usage] = await acct.events('recording.cloud_storage_usage_updated');
    assert.equal(usage!.object.plan_storage, '45 GB');
    assert.equal(usage!.object.storage_used_percentage, 100);
    assert.match(usage!.object.storage_exceed, /^\d+(\.\d+)? GB$/);
  });

  test("another account's recording answers as unknown; a Member's user-level token cannot reach another's recording, an admin token can", async () => {
    const rec = await recordMeeting(s, live);
    const other = await liveAccount(s);
    for (const path of ['', '/settings', '/registrants', '/analytics_summary', '/analytics_details']) {
      const r = await other.api.get(`/v2/meetings/${rec.meetingId}/recordings${path}`);
      assert.equal(r.status, 404, `${path} ${r.raw}`);
      assert.equal(r.body.code, 3301);
    }
    assert.equal((await other.api.delete(`/v2/meetings/${rec.meetingId}/recordings`)).status, 404);
    assert.equal((await live.api.get(`/v2/meetings/${rec.meetingId}/recordings`)).status, 200);
    const member = await live.newUser(2);
    const own = await userToken(live.accountId, member.id, ['recording:read', 'recording:write']);
    assert.deepEqual((await own.get(`/v2/meetings/${rec.meetingId}/recordings`)).body, { code: 200, message: 'No permission.' });
    assert.equal((await own.delete(`/v2/meetings/${rec.meetingId}/recordings`)).status, 400);
    assert.equal((await own.get(`/v2/users/${live.ownerId}/recordings`)).status, 400);
    assert.equal((await live.api.get(`/v2/meetings/${rec.meetingId}/recordings`)).status, 200);
    // The member's own recording is theirs to read with the same token.
    const mine = await recordMeeting(s, live, { hostId: member.id });
    assert.equal((await own.get(`/v2/meetings/${mine.meetingId}/recordings`)).status, 200);
    assert.equal((await own.get('/v2/users/me/recordings')).status, 200);
  });

  test("every recording operation, called by another account with this account's ids (ordinary and master paths), reads and changes nothing", async () => {
    const rec = await recordMeeting(s, live);
    const file = (await filesOf(rec.meetingId))[0]!;
    const other = await liveAccount(s);
    const value: Record<string, string> = {
      meetingId: rec.meetingId,
      meetingUUID: encodeURIComponent(encodeURIComponent(rec.uuid)),
      recordingId: file.id,
      userId: live.ownerId,
      accountId: live.accountId,
      webinarId: rec.meetingId,
    };
    const snapshot = async () =>
      JSON.stringify([
        (await live.api.get(`/v2/meetings/${rec.meetingId}/recordings`)).body,
        (await live.api.get(`/v2/meetings/${rec.meetingId}/recordings/settings`)).body,
        (await live.api.get(`/v2/users/${live.ownerId}/recordings?trash=true`)).body.total_records,
      ]);
    const before = await snapshot();
    let calls = 0;
    for (const op of s.contract.operations) {
      if (!['Cloud Recording', 'Deprecated API Endpoints'].includes(op.category) || !s.implemented.has(op.operationId)) continue;
      for (const path of [op.path, op.masterPath].filter((p): p is string => Boolean(p))) {
        const url = `/v2${path.replace(/\{([^}]+)\}/g, (_, name: string) => value[name] ?? 'x')}`;
        const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : { action: op.operationId === 'meetingRecordingRegistrantStatus' ? 'approve' : 'recover', email: 'x@example.com', first_name: 'X', topic: 'Taken' };
        const r = await other.api.request(op.method, url, body ? { body } : {});
        calls++;
        assert.ok(r.status >= 400 && r.status < 500, `${op.operationId} ${url} → ${r.status} ${r.raw.slice(0, 200)}`);
      }
    }
    assert.ok(calls >= 30, `only ${calls} calls`);
    assert.equal(await snapshot(), before);
  });

  test('bad input: unknown ids, wrong types, bad actions and dates write nothing', async () => {
    const rec = await recordMeeting(s, live);
    const files = await filesOf(rec.meetingId);
    for (const [method, url, body] of [
      ['GET', '/v2/meetings/12345678901/recordings', undefined],
      ['GET', '/v2/meetings/not-a-uuid/recordings', undefined],
      ['DELETE', `/v2/meetings/${rec.meetingId}/recordings/unknown-file`, undefined],
      ['DELETE', `/v2/meetings/${rec.meetingId}/recordings?action=shred`, undefined],
      ['PUT', `/v2/meetings/${rec.meetingId}/recordings/${files[0]!.id}/status`, { action: 'restore' }],
      ['GET', `/v2/users/${live.ownerId}/recordings?from=yesterday`, undefined],
      ['GET', `/v2/users/${live.ownerId}/recordings?trash=maybe`, undefined],
      ['PATCH', `/v2/meetings/${rec.meetingId}/recordings/settings`, { approval_type: 'auto' }],
      ['POST', `/v2/meetings/${rec.meetingId}/recordings/registrants`, { email: 'not-an-email', first_name: 'X' }],
      ['GET', `/v2/meetings/${rec.meetingId}/recordings?ttl=-1`, undefined],
    ] as const) {
      const r = await live.api.request(method, url, body !== undefined ? { body } : {});
      assert.ok(r.status === 400 || r.status === 404, `${method} ${url} → ${r.status} ${r.raw}`);
    }
    assert.equal((await filesOf(rec.meetingId)).length, files.length);
  });

  test('concurrent deletes of one file: one wins, the other answers 404', async () => {
    const rec = await recordMeeting(s, live);
    const file = (await filesOf(rec.meetingId)).find((f) => f.file_type === 'M4A')!;
    const answers = await Promise.all([1, 2, 3].map(() => live.api.delete(`/v2/meetings/${rec.meetingId}/recordings/${file.id}?action=delete`)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [204, 404, 404]);
    assert.equal((await live.events('recording.deleted', rec.meetingId)).length, 1);
  });
});

describe('kept answers and pages follow every change', () => {
  test('Get meeting recordings and List all recordings: a recording added, renamed, a file trashed and recovered, the recording trashed and deleted, the host changed', async () => {
    const host = await live.newUser(2);
    const list = async (who = host.id) => {
      const r = await live.api.get(`/v2/users/${who}/recordings`);
      assert.equal(r.status, 200, r.raw);
      return (r.body.meetings as Array<{ topic: string; recording_count: number }>).map((m) => `${m.topic}:${m.recording_count}`);
    };
    const get = (id: string) => live.api.get(`/v2/meetings/${id}/recordings`);
    assert.deepEqual(await list(), []);
    assert.deepEqual(await list(host.email), []);
    const rec = await recordMeeting(s, live, { hostId: host.id });
    const count = (await get(rec.meetingId)).body.recording_count as number;
    assert.deepEqual(await list(), [`Stand-up:${count}`]);
    assert.deepEqual(await list(), [`Stand-up:${count}`], 'answered again');
    assert.equal((await get(encodeURIComponent(encodeURIComponent(rec.uuid)))).body.recording_count, count);
    // Its row: renamed.
    assert.equal((await live.api.patch(`/v2/meetings/${rec.meetingId}/recordings/settings`, { topic: 'Kept recording' })).status, 204);
    assert.equal((await get(rec.meetingId)).body.topic, 'Kept recording');
    assert.deepEqual(await list(), [`Kept recording:${count}`]);
    // Its files: one to the trash and back.
    const chat = (await filesOf(rec.meetingId)).find((f) => f.file_type === 'CHAT')!;
    assert.equal((await live.api.delete(`/v2/meetings/${rec.meetingId}/recordings/${chat.id}`)).status, 204);
    assert.equal((await get(rec.meetingId)).body.recording_count, count - 1);
    assert.equal((await get(encodeURIComponent(encodeURIComponent(rec.uuid)))).body.recording_count, count - 1);
    assert.deepEqual(await list(), [`Kept recording:${count - 1}`]);
    assert.equal((await live.api.put(`/v2/meetings/${rec.meetingId}/recordings/${chat.id}/status`, { action: 'recover' })).status, 204);
    assert.equal((await get(rec.meetingId)).body.recording_count, count);
    // Kept for the account, refused to a Member's own token on every read.
    const member = await live.newUser(1);
    const mine = await userToken(live.accountId, member.id, ['recording:read']);
    assert.equal((await mine.get(`/v2/meetings/${rec.meetingId}/recordings`)).body.code, 200);
    assert.equal((await mine.get(`/v2/users/${host.id}/recordings`)).status, 400);
    // The host's user row: a list read by its old email address is no more.
    assert.equal((await live.api.put(`/v2/users/${host.id}/email`, { email: `renamed-${host.email}` })).status, 204);
    assert.equal((await live.api.get(`/v2/users/${host.email}/recordings`)).status, 404);
    // The recording to the trash, back, and deleted.
    assert.equal((await live.api.delete(`/v2/meetings/${rec.meetingId}/recordings`)).status, 204);
    assert.equal((await get(rec.meetingId)).body.code, 3301);
    assert.deepEqual(await list(), []);
    assert.equal((await live.api.put(`/v2/meetings/${encodeURIComponent(encodeURIComponent(rec.uuid))}/recordings/status`, { action: 'recover' })).status, 200);
    assert.deepEqual(await list(), [`Kept recording:${count}`]);
    assert.equal((await live.api.delete(`/v2/meetings/${rec.meetingId}/recordings?action=delete`)).status, 204);
    assert.equal((await get(rec.meetingId)).body.code, 3301);
    assert.deepEqual(await list(), []);
  });

  test('a kept page of the default range (yesterday and today) drops a recording the moment the day after ends', async () => {
    const host = await live.newUser(2);
    const rec = await recordMeeting(s, live, { hostId: host.id });
    const start = Date.parse((await live.api.get(`/v2/meetings/${rec.meetingId}/recordings`)).body.start_time);
    const now = Date.parse((await s.client.get('/_openzoom/clock')).body.now);
    // To 10 s before the end of the day after the recording's: it is yesterday's.
    await advance(s, Math.floor((Math.floor(start / 86_400_000) * 86_400_000 + 2 * 86_400_000 - 10_000 - now) / 1000));
    await refresh();
    const count = async () => (await live.api.get(`/v2/users/${host.id}/recordings`)).body.total_records as number;
    assert.equal(await count(), 1);
    // 15 s later, within the time a page is kept at most: two days old, out of the range.
    await advance(s, 15);
    assert.equal(await count(), 0);
  });
});
