// Webinars: licences and plan gating, create, get, update, delete, list, status,
// settings, recurrence, templates, events.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { webinarAccount, type WebinarAccount } from './helpers/webinars.ts';

let s: TestServer;
let a: WebinarAccount;

before(async () => {
  s = await startServer();
  a = await webinarAccount(s, [{ capacity: 500, quantity: 20 }]);
});
after(() => s.close());

describe('Licences and plan gating', () => {
  test('a host without a licence gets 400/200 "Webinar plan is missing…"; a licence comes from the user settings', async () => {
    const u = await a.newUser(false);
    const refused = await a.api.post(`/v2/users/${u.id}/webinars`, { topic: 'x', type: 5, start_time: '2031-01-01T10:00:00Z' });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 200);
    assert.equal(refused.body.message, 'Webinar plan is missing. You must subscribe to the webinar plan and enable webinars for this user in order to perform this action.');
    const before = await a.api.get(`/v2/users/${u.id}/settings`);
    assert.equal(before.body.feature.webinar, false);
    const grant = await a.api.patch(`/v2/users/${u.id}/settings`, { feature: { webinar: true, webinar_capacity: 500 } });
    assert.equal(grant.status, 204, grant.raw);
    const got = await a.api.get(`/v2/users/${u.id}/settings`);
    assert.equal(got.body.feature.webinar, true);
    assert.equal(got.body.feature.webinar_capacity, 500);
    const ok = await a.api.post(`/v2/users/${u.id}/webinars`, { topic: 'x', type: 5, start_time: '2031-01-01T10:00:00Z' });
    assert.equal(ok.status, 201, ok.raw);
  });

  test('two licences: the third user is refused with Zoom\'s 200; giving one back frees it', async () => {
    const other = await webinarAccount(s, [{ capacity: 500, quantity: 2 }]);
    const one = await other.newUser(true);
    const two = await other.newUser(false);
    const refused = await other.api.patch(`/v2/users/${two.id}/settings`, { feature: { webinar: true, webinar_capacity: 500 } });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 200);
    assert.equal(refused.body.message, 'You can add max 2 Webinar 500 users.');
    assert.equal((await other.api.patch(`/v2/users/${one.id}/settings`, { feature: { webinar: false } })).status, 204);
    assert.equal((await other.api.patch(`/v2/users/${two.id}/settings`, { feature: { webinar: true, webinar_capacity: 500 } })).status, 204);
    const bigger = await other.api.patch(`/v2/users/${two.id}/settings`, { feature: { webinar: true, webinar_capacity: 1000 } });
    assert.equal(bigger.status, 400, 'no 1000-seat licence is held');
  });

  test('licences race: two users asking for the last one, one wins', async () => {
    const other = await webinarAccount(s, [{ capacity: 500, quantity: 2 }]);
    const x = await other.newUser(false);
    const y = await other.newUser(false);
    const replies = await Promise.all([x, y].map((u) => other.api.patch(`/v2/users/${u.id}/settings`, { feature: { webinar: true, webinar_capacity: 500 } })));
    assert.deepEqual(replies.map((r) => r.status).sort(), [204, 400]);
  });

  test('an account without a webinar plan: every host is refused', async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'business' });
    const api = await s.client.withCredentials(acct.body.account_id, acct.body.client_id, acct.body.client_secret);
    const r = await api.post(`/v2/users/${acct.body.owner_id}/webinars`, { topic: 'x', type: 5 });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
    const grant = await api.patch(`/v2/users/${acct.body.owner_id}/settings`, { feature: { webinar: true } });
    assert.equal(grant.status, 400);
    assert.equal(grant.body.code, 200);
  });

  test('the control plane takes licences as {hosts, capacity} too, and PATCH changes them', async () => {
    const acct = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { webinar: { hosts: 3, capacity: 1000 } } });
    assert.equal(acct.status, 201, acct.raw);
    const changed = await s.client.patch(`/_openzoom/accounts/${acct.body.account_id}`, { addons: { webinar: [{ capacity: 500, quantity: 1 }, { capacity: 1000, quantity: 4 }] } });
    assert.equal(changed.status, 200, changed.raw);
    assert.deepEqual(changed.body.addons.webinar, { hosts: 5, capacity: 1000 });
    const bad = await s.client.patch(`/_openzoom/accounts/${acct.body.account_id}`, { addons: { webinar: [{ quantity: 1 }] } });
    assert.equal(bad.status, 400);
  });
});

describe('Create, get, update, delete, list', () => {
  test('a webinar: 11-digit id, Zoom\'s webinar object, settings, webinar.created', async () => {
    const w = await a.webinar({ topic: 'Product launch', agenda: 'All about it', timezone: 'Europe/Paris', start_time: '2031-03-01T17:00:00', settings: { practice_session: true, approval_type: 0 } });
    assert.match(String(w.id), /^\d{11}$/);
    assert.equal(w.type, 5);
    assert.equal(w.start_time, '2031-03-01T16:00:00Z');
    assert.equal(w.settings.practice_session, true);
    assert.equal(w.settings.question_and_answer.enable, true);
    assert.equal(w.registration_url, `http://127.0.0.1:9090/webinar/register/${w.id}`);
    assert.ok(w.encrypted_passcode !== undefined && w.h323_passcode !== undefined);
    const got = await a.api.get(`/v2/webinars/${w.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.agenda, 'All about it');
    assert.equal(got.body.host_email !== '', true);
    const created = (await a.events('webinar.created')).find((e) => e.object.id === w.id);
    assert.ok(created, 'webinar.created');
    assert.equal(created.object.topic, 'Product launch');
  });

  test('update: PATCH changes what it names (a kept answer too); webinar.updated with old_object', async () => {
    const w = await a.webinar({ topic: 'Before' });
    // Read first: the kept answer must give way to the update.
    assert.equal((await a.api.get(`/v2/webinars/${w.id}`)).body.topic, 'Before');
    const r = await a.api.patch(`/v2/webinars/${w.id}`, { topic: 'After', settings: { panelists_video: true } });
    assert.equal(r.status, 204, r.raw);
    const got = await a.api.get(`/v2/webinars/${w.id}`);
    assert.equal(got.body.topic, 'After');
    assert.equal(got.body.settings.panelists_video, true);
    const e = (await a.events('webinar.updated')).find((x) => x.object.id === w.id);
    assert.ok(e);
    assert.equal(e.object.topic, 'After');
    assert.equal(e.old_object.topic, 'Before');
    assert.equal(e.object.settings.panelists_video, true);
  });

  test('recurring webinars: type 9 has occurrences, type 6 no start time and no registration', async () => {
    const w = await a.webinar({ type: 9, start_time: '2031-04-01T10:00:00Z', recurrence: { type: 2, repeat_interval: 1, weekly_days: '3', end_times: 3 }, settings: { approval_type: 0 } });
    assert.equal(w.type, 9);
    assert.equal(w.occurrences.length, 3);
    const w6 = await a.webinar({ type: 6, recurrence: { type: 1, repeat_interval: 1, end_times: 2 }, settings: { approval_type: 0 } });
    assert.equal(w6.type, 6);
    assert.equal(w6.start_time, undefined);
    assert.equal(w6.registration_url, undefined);
    const occ = w.occurrences[1].occurrence_id;
    const del = await a.api.delete(`/v2/webinars/${w.id}?occurrence_id=${occ}`);
    assert.equal(del.status, 204, del.raw);
    const got = await a.api.get(`/v2/webinars/${w.id}`);
    assert.equal(got.body.occurrences.filter((o: any) => o.status === 'available').length, 2);
    const e = (await a.events('webinar.deleted')).find((x) => x.object.id === w.id);
    assert.equal(e?.operation, 'single');
  });

  test('list: scheduled and upcoming, agenda cut to 250 characters, paged', async () => {
    const host = await a.newUser(true);
    for (let i = 0; i < 3; i++) await a.webinar({ topic: `W${i}`, agenda: 'x'.repeat(300), start_time: `2031-0${i + 1}-02T10:00:00Z` }, host.id);
    const page = await a.api.get(`/v2/users/${host.id}/webinars?page_size=2`);
    assert.equal(page.status, 200, page.raw);
    assert.equal(page.body.total_records, 3);
    assert.equal(page.body.webinars.length, 2);
    assert.equal(page.body.webinars[0].agenda.length, 250);
    assert.equal(page.body.webinars[0].type, 5);
    const next = await a.api.get(`/v2/users/${host.id}/webinars?page_size=2&next_page_token=${page.body.next_page_token}`);
    assert.equal(next.body.webinars.length, 1);
    assert.equal(next.body.webinars[0].topic, 'W2');
    const upcoming = await a.api.get(`/v2/users/${host.id}/webinars?type=upcoming`);
    assert.equal(upcoming.body.total_records, 3);
  });

  test("list: a kept page follows webinars created, updated and deleted, and the host's licence", async () => {
    const host = await a.newUser(true);
    const topics = async () => {
      const r = await a.api.get(`/v2/users/${host.id}/webinars`);
      assert.equal(r.status, 200, r.raw);
      return (r.body.webinars as Array<{ topic: string }>).map((x) => x.topic);
    };
    assert.deepEqual(await topics(), []);
    const w = await a.webinar({ topic: 'Kept list' }, host.id);
    assert.deepEqual(await topics(), ['Kept list']);
    assert.deepEqual(await topics(), ['Kept list'], 'answered again');
    assert.equal((await a.api.patch(`/v2/webinars/${w.id}`, { topic: 'Renamed list' })).status, 204);
    assert.deepEqual(await topics(), ['Renamed list']);
    // The host's user row is part of the answer: without a licence the list is refused.
    assert.equal((await a.api.patch(`/v2/users/${host.id}/settings`, { feature: { webinar: false } })).status, 204);
    const refused = await a.api.get(`/v2/users/${host.id}/webinars`);
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 200);
    assert.equal((await a.api.patch(`/v2/users/${host.id}/settings`, { feature: { webinar: true, webinar_capacity: 500 } })).status, 204);
    assert.deepEqual(await topics(), ['Renamed list']);
    assert.equal((await a.api.delete(`/v2/webinars/${w.id}`)).status, 204);
    assert.deepEqual(await topics(), []);
  });

  test('list: a kept upcoming page drops a webinar the moment it ends (the clock, not a write)', async () => {
    const host = await a.newUser(true);
    try {
      await s.client.post('/_openzoom/clock', { set: '2031-06-01T10:59:50Z', freeze: true });
      a.api = await s.client.withCredentials(...a.credentials);
      await a.webinar({ topic: 'Ending', start_time: '2031-06-01T10:00:00Z', duration: 60 }, host.id);
      await a.webinar({ topic: 'Tomorrow', start_time: '2031-06-02T10:00:00Z', duration: 60 }, host.id);
      const upcoming = async () => ((await a.api.get(`/v2/users/${host.id}/webinars?type=upcoming`)).body.webinars as Array<{ topic: string }>).map((x) => x.topic);
      assert.deepEqual(await upcoming(), ['Ending', 'Tomorrow']);
      // 15 s later, within the time a page is kept at most.
      await s.client.post('/_openzoom/clock', { set: '2031-06-01T11:00:05Z', freeze: true });
      assert.deepEqual(await upcoming(), ['Tomorrow']);
    } finally {
      await s.client.post('/_openzoom/clock', { reset: true });
      a.api = await s.client.withCredentials(...a.credentials);
    }
  });

  test('delete: 404/3001 afterwards, webinar.deleted; another account\'s id is unknown', async () => {
    const w = await a.webinar();
    const other = await webinarAccount(s);
    const foreign = await other.api.get(`/v2/webinars/${w.id}`);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 3001);
    assert.equal(foreign.body.message, `Webinar does not exist: ${w.id}.`);
    assert.equal((await other.api.delete(`/v2/webinars/${w.id}`)).status, 404);
    assert.equal((await a.api.delete(`/v2/webinars/${w.id}`)).status, 204);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}`)).status, 404);
    assert.ok((await a.events('webinar.deleted')).some((e) => e.object.id === w.id && e.operation === 'all'));
  });

  test('bad input: wrong types and a bad time zone answer 300, nothing is written', async () => {
    const host = await a.newUser(true);
    const wrong = await a.api.post(`/v2/users/${host.id}/webinars`, { topic: 5, type: 5 });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 300);
    const zone = await a.api.post(`/v2/users/${host.id}/webinars`, { topic: 'x', type: 5, timezone: 'Mars/Olympus' });
    assert.equal(zone.status, 400);
    assert.equal((await a.api.get(`/v2/users/${host.id}/webinars`)).body.total_records, 0);
  });

  test('status end on a webinar not in progress: 204, nothing changes', async () => {
    const w = await a.webinar();
    assert.equal((await a.api.put(`/v2/webinars/${w.id}/status`, { action: 'end' })).status, 204);
  });
});

describe('Templates', () => {
  test('create from a webinar, list, create a webinar from it; a name is taken once', async () => {
    const w = await a.webinar({ duration: 90, settings: { panelists_video: true } });
    const t = await a.api.post(`/v2/users/${a.ownerId}/webinar_templates`, { webinar_id: w.id, name: 'Launch template' });
    assert.equal(t.status, 201, t.raw);
    const again = await a.api.post(`/v2/users/${a.ownerId}/webinar_templates`, { webinar_id: w.id, name: 'Launch template' });
    assert.equal(again.status, 400);
    assert.equal(again.body.message, 'Webinar template name already exists: Launch template.');
    const list = await a.api.get(`/v2/users/${a.ownerId}/webinar_templates`);
    assert.ok(list.body.templates.some((x: any) => x.id === t.body.id));
    const made = await a.webinar({ template_id: t.body.id, duration: undefined });
    assert.equal(made.duration, 90);
    assert.equal(made.settings.panelists_video, true);
  });
});

describe('Privileges', () => {
  test("a user-level token acts on its own webinars only; a Member cannot act on others' webinars, even with admin scopes", async () => {
    const member = await a.newUser(true);
    const tok = await s.client.post('/_openzoom/tokens', { account_id: a.accountId, user_id: member.id, scopes: ['webinar:read', 'webinar:write'] });
    assert.equal(tok.status, 201, tok.raw);
    const mine = s.client.withToken(tok.body.access_token);
    const own = await mine.post('/v2/users/me/webinars', { topic: 'Mine', type: 5, start_time: '2031-05-01T10:00:00Z' });
    assert.equal(own.status, 201, own.raw);
    assert.equal((await mine.patch(`/v2/webinars/${own.body.id}`, { topic: 'Still mine' })).status, 204);
    const others = await a.webinar({ topic: 'Owner only' });
    for (const r of [
      await mine.get(`/v2/webinars/${others.id}`),
      await mine.patch(`/v2/webinars/${others.id}`, { topic: 'x' }),
      await mine.delete(`/v2/webinars/${others.id}`),
      await mine.post(`/v2/webinars/${others.id}/panelists`, { panelists: [{ name: 'x', email: 'x@example.com' }] }),
    ]) {
      assert.equal(r.status, 400, r.raw);
      assert.equal(r.body.code, 200);
    }
    assert.equal((await mine.get(`/v2/users/${a.ownerId}/webinars`)).status, 400);
    const admin = await s.client.post('/_openzoom/tokens', { account_id: a.accountId, user_id: member.id, scopes: ['webinar:read:admin', 'webinar:write:admin'] });
    const r = await s.client.withToken(admin.body.access_token).patch(`/v2/webinars/${others.id}`, { topic: 'x' });
    assert.equal(r.status, 400);
    assert.equal(r.body.code, 200);
    assert.equal((await a.api.get(`/v2/webinars/${others.id}`)).body.topic, 'Owner only');
    // A Member cannot take a licence for another user either.
    const grab = await s.client.withToken(tok.body.access_token).patch(`/v2/users/${a.ownerId}/settings`, { feature: { webinar: false } });
    assert.equal(grab.status, 400);
    assert.equal((await a.api.get(`/v2/users/${a.ownerId}/settings`)).body.feature.webinar, true);
  });
});

describe('Licences are the admin\'s to give', () => {
  test('a Member editing their own settings cannot take a webinar licence (400/200)', async () => {
    const member = await a.newUser(false);
    const tok = await s.client.post('/_openzoom/tokens', { account_id: a.accountId, user_id: member.id, scopes: ['user:read', 'user:write'] });
    const own = s.client.withToken(tok.body.access_token);
    const r = await own.patch('/v2/users/me/settings', { feature: { webinar: true, webinar_capacity: 500 } });
    assert.equal(r.status, 400, r.raw);
    assert.equal(r.body.code, 200);
    assert.equal((await a.api.get(`/v2/users/${member.id}/settings`)).body.feature.webinar, false);
    const other = await own.patch('/v2/users/me/settings', { in_meeting: { chat: false } });
    assert.equal(other.status, 204, 'their other settings are theirs');
  });
});

describe('Host rules', () => {
  test('deleting a host deletes their webinars, or gives them to the transfer user with transfer_webinar', async () => {
    const gone = await a.newUser(true);
    const kept = await a.newUser(true);
    const heir = await a.newUser(true);
    const w1 = await a.webinar({ topic: 'Goes' }, gone.id);
    const w2 = await a.webinar({ topic: 'Moves' }, kept.id);
    assert.equal((await a.api.delete(`/v2/users/${gone.id}?action=delete`)).status, 204);
    assert.equal((await a.api.get(`/v2/webinars/${w1.id}`)).status, 404);
    assert.ok((await a.events('webinar.deleted')).some((e) => e.object.id === w1.id));
    const r = await a.api.delete(`/v2/users/${kept.id}?action=delete&transfer_email=${encodeURIComponent(heir.email)}&transfer_webinar=true`);
    assert.equal(r.status, 204, r.raw);
    assert.equal((await a.api.get(`/v2/webinars/${w2.id}`)).body.host_id, heir.id);
    const moved = (await a.events('webinar.updated')).find((e) => e.object.id === w2.id && e.object.host_id === heir.id);
    assert.equal(moved?.old_object.host_id, kept.id);
  });
});
