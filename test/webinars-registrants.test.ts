// Webinar panelists, registrants (questions, approval, batch, occurrences),
// polls, survey, invite links, token, live stream settings, tracking sources:
// the webinar's own rules on the machinery shared with meetings.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { webinarAccount, type WebinarAccount } from './helpers/webinars.ts';

let s: TestServer;
let a: WebinarAccount;

before(async () => {
  s = await startServer();
  a = await webinarAccount(s, [{ capacity: 500, quantity: 10 }]);
});
after(() => s.close());

describe('Panelists', () => {
  test('add a batch, list with join links, update by adding again, remove one, remove all', async () => {
    const w = await a.webinar();
    const add = await a.api.post(`/v2/webinars/${w.id}/panelists`, { panelists: [{ name: 'Ada', email: 'ada@panel.example.com' }, { name: 'Bob', email: 'bob@panel.example.com' }] });
    assert.equal(add.status, 201, add.raw);
    assert.equal(add.body.id, String(w.id));
    const again = await a.api.post(`/v2/webinars/${w.id}/panelists`, { panelists: [{ name: 'Ada L.', email: 'ADA@panel.example.com' }] });
    assert.equal(again.status, 201);
    const list = await a.api.get(`/v2/webinars/${w.id}/panelists`);
    assert.equal(list.body.total_records, 2);
    const ada = list.body.panelists.find((p: any) => p.email === 'ada@panel.example.com');
    assert.equal(ada.name, 'Ada L.');
    assert.match(ada.join_url, new RegExp(`/w/${w.id}\\?tk=`));
    assert.equal((await a.api.delete(`/v2/webinars/${w.id}/panelists/${ada.id}`)).status, 204);
    const unknown = await a.api.delete(`/v2/webinars/${w.id}/panelists/${ada.id}`);
    assert.equal(unknown.status, 404);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/panelists`)).body.total_records, 1);
    assert.equal((await a.api.delete(`/v2/webinars/${w.id}/panelists`)).status, 204);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/panelists`)).body.total_records, 0);
  });

  test('the same panelist added at once by two requests is one panelist', async () => {
    const w = await a.webinar();
    const replies = await Promise.all([1, 2, 3].map(() => a.api.post(`/v2/webinars/${w.id}/panelists`, { panelists: [{ name: 'Cy', email: 'cy@panel.example.com' }] })));
    for (const r of replies) assert.ok(r.status === 201 || r.status === 409, r.raw);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/panelists`)).body.total_records, 1);
  });

  test('panelists are limited by the host\'s meeting capacity, not the webinar licence', async () => {
    const pro = await webinarAccount(s, [{ capacity: 500, quantity: 2 }], 'pro');
    const w = await pro.webinar();
    const many = Array.from({ length: 30 }, (_, i) => ({ name: `P${i}`, email: `p${i}@panel.example.com` }));
    for (let k = 0; k < 3; k++) {
      const r = await pro.api.post(`/v2/webinars/${w.id}/panelists`, { panelists: many.map((p) => ({ ...p, email: `${k}${p.email}` })) });
      assert.equal(r.status, 201, r.raw);
    }
    const over = await pro.api.post(`/v2/webinars/${w.id}/panelists`, { panelists: Array.from({ length: 11 }, (_, i) => ({ name: 'Q', email: `q${i}@panel.example.com` })) });
    assert.equal(over.status, 400);
    assert.equal(over.body.code, 3000);
    assert.equal((await pro.api.get(`/v2/webinars/${w.id}/panelists`)).body.total_records, 90, 'the refused batch wrote nothing');
  });
});

describe('Registrants', () => {
  test('registration off: 3000; on: add, get, list by status, approve, events', async () => {
    const closed = await a.webinar();
    const refused = await a.api.post(`/v2/webinars/${closed.id}/registrants`, { first_name: 'Al', email: 'al@reg.example.com' });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 3000);
    const w = await a.webinar({ settings: { approval_type: 1 } });
    const r = await a.api.post(`/v2/webinars/${w.id}/registrants`, { first_name: 'Al', last_name: 'Ray', email: 'al@reg.example.com' });
    assert.equal(r.status, 201, r.raw);
    assert.equal(r.body.id, w.id);
    assert.equal(r.body.participant_pin_code, undefined);
    const got = await a.api.get(`/v2/webinars/${w.id}/registrants/${r.body.registrant_id}`);
    assert.equal(got.body.status, 'pending');
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/registrants`)).body.total_records, 0, 'approved by default');
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/registrants?status=pending`)).body.total_records, 1);
    const ok = await a.api.put(`/v2/webinars/${w.id}/registrants/status`, { action: 'approve', registrants: [{ id: r.body.registrant_id }] });
    assert.equal(ok.status, 204, ok.raw);
    assert.ok((await a.events('webinar.registration_created')).some((e) => e.object.id === w.id && e.object.registrant.email === 'al@reg.example.com'));
    assert.ok((await a.events('webinar.registration_approved')).some((e) => e.object.id === w.id));
    const cancel = await a.api.put(`/v2/webinars/${w.id}/registrants/status`, { action: 'cancel', registrants: [{ email: 'al@reg.example.com' }] });
    assert.equal(cancel.status, 204);
    assert.ok((await a.events('webinar.registration_cancelled')).some((e) => e.object.id === w.id));
    const missing = await a.api.get(`/v2/webinars/${w.id}/registrants/nope`);
    assert.equal(missing.status, 400);
    assert.equal(missing.body.code, 3079);
    assert.equal((await a.api.delete(`/v2/webinars/${w.id}/registrants/${r.body.registrant_id}`)).status, 204);
  });

  test('questions: required ones are enforced; the host cannot register', async () => {
    const w = await a.webinar({ settings: { approval_type: 0 } });
    const q = await a.api.patch(`/v2/webinars/${w.id}/registrants/questions`, {
      questions: [{ field_name: 'org', required: true }],
      custom_questions: [{ title: 'Why?', type: 'single_radio', required: true, answers: ['Work', 'Fun'] }],
    });
    assert.equal(q.status, 204, q.raw);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/registrants/questions`)).body.custom_questions[0].title, 'Why?');
    const missing = await a.api.post(`/v2/webinars/${w.id}/registrants`, { first_name: 'Bo', email: 'bo@reg.example.com' });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.code, 300);
    const ok = await a.api.post(`/v2/webinars/${w.id}/registrants`, { first_name: 'Bo', email: 'bo@reg.example.com', org: 'Acme', custom_questions: [{ title: 'Why?', value: 'Work' }] });
    assert.equal(ok.status, 201, ok.raw);
    const owner = await a.api.get(`/v2/users/${a.ownerId}`);
    const host = await a.api.post(`/v2/webinars/${w.id}/registrants`, { first_name: 'Host', email: owner.body.email, org: 'Acme', custom_questions: [{ title: 'Why?', value: 'Fun' }] });
    assert.equal(host.status, 400);
    assert.equal(host.body.code, 3027);
  });

  test('batch registration: type 5 only; registrants restricted in number', async () => {
    const w = await a.webinar({ settings: { approval_type: 0, registrants_restrict_number: 2 } });
    const batch = await a.api.post(`/v2/webinars/${w.id}/batch_registrants`, { auto_approve: true, registrants: [{ first_name: 'A', email: 'a@b.example.com' }, { first_name: 'B', email: 'b@b.example.com' }] });
    assert.equal(batch.status, 201, batch.raw);
    assert.equal(batch.body.registrants.length, 2);
    const full = await a.api.post(`/v2/webinars/${w.id}/registrants`, { first_name: 'C', email: 'c@b.example.com' });
    assert.equal(full.status, 400);
    assert.equal(full.body.code, 3000);
    const rec = await a.webinar({ type: 9, start_time: '2031-04-01T10:00:00Z', recurrence: { type: 1, repeat_interval: 1, end_times: 2 }, settings: { approval_type: 0, registration_type: 2 } });
    const no = await a.api.post(`/v2/webinars/${rec.id}/batch_registrants`, { registrants: [{ first_name: 'A', email: 'a@b.example.com' }] });
    assert.equal(no.status, 400);
    assert.equal(no.body.code, 300);
    const one = await a.api.post(`/v2/webinars/${rec.id}/registrants?occurrence_ids=${rec.occurrences[1].occurrence_id}`, { first_name: 'O', email: 'o@b.example.com' });
    assert.equal(one.status, 201, one.raw);
    assert.equal(one.body.occurrences.length, 1);
    assert.equal((await a.api.get(`/v2/webinars/${rec.id}/registrants?occurrence_id=${rec.occurrences[0].occurrence_id}`)).body.total_records, 0);
  });

  test('concurrent registrations of one email are one registrant', async () => {
    const w = await a.webinar({ settings: { approval_type: 0 } });
    const replies = await Promise.all([1, 2, 3, 4].map(() => a.api.post(`/v2/webinars/${w.id}/registrants`, { first_name: 'Di', email: 'di@reg.example.com' })));
    const ids = new Set(replies.filter((r) => r.status === 201).map((r) => r.body.registrant_id));
    for (const r of replies) assert.ok(r.status === 201 || r.status === 409, r.raw);
    assert.equal(ids.size, 1);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/registrants`)).body.total_records, 1);
  });
});

describe('Polls and survey', () => {
  test('create, list, get, update, delete a poll; unknown poll 404', async () => {
    const w = await a.webinar();
    const p = await a.api.post(`/v2/webinars/${w.id}/polls`, { title: 'Mood', questions: [{ name: 'How?', type: 'single', answers: ['Good', 'Bad'] }] });
    assert.equal(p.status, 201, p.raw);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/polls`)).body.total_records, 1);
    assert.equal((await a.api.put(`/v2/webinars/${w.id}/polls/${p.body.id}`, { title: 'Mood 2' })).status, 204);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/polls/${p.body.id}`)).body.title, 'Mood 2');
    assert.equal((await a.api.delete(`/v2/webinars/${w.id}/polls/${p.body.id}`)).status, 204);
    const gone = await a.api.get(`/v2/webinars/${w.id}/polls/${p.body.id}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body.message, 'Webinar Poll not found.');
    const bad = await a.api.post(`/v2/webinars/${w.id}/polls`, { title: 'x', questions: [{ name: 'q', type: 'single', answers: ['only'] }] });
    assert.equal(bad.status, 400);
  });

  test('survey: update, get, delete', async () => {
    const w = await a.webinar();
    const u = await a.api.patch(`/v2/webinars/${w.id}/survey`, { third_party_survey: 'https://survey.example.com/x', show_in_the_browser: false });
    assert.equal(u.status, 204, u.raw);
    const g = await a.api.get(`/v2/webinars/${w.id}/survey`);
    assert.equal(g.body.third_party_survey, 'https://survey.example.com/x');
    assert.equal((await a.api.delete(`/v2/webinars/${w.id}/survey`)).status, 204);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/survey`)).body.third_party_survey, undefined);
  });
});

describe('Extras', () => {
  test('invite links, token, live stream settings, tracking sources', async () => {
    const w = await a.webinar({ settings: { approval_type: 0 } });
    const links = await a.api.post(`/v2/webinars/${w.id}/invite_links`, { attendees: [{ name: 'Eve' }], ttl: 600 });
    assert.equal(links.status, 201, links.raw);
    assert.match(links.body.attendees[0].join_url, /tk=.+&uname=Eve/);
    const token = await a.api.get(`/v2/webinars/${w.id}/token`);
    assert.match(token.body.token, /closedcaption\?id=\d+/);
    assert.equal((await a.api.patch(`/v2/webinars/${w.id}/livestream`, { stream_url: 'rtmp://s.example.com/live', stream_key: 'k', page_url: 'https://s.example.com/p' })).status, 204);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/livestream`)).body.stream_key, 'k');
    const notLive = await a.api.patch(`/v2/webinars/${w.id}/livestream/status`, { action: 'start' });
    assert.equal(notLive.status, 400);
    const sources = await a.api.get(`/v2/webinars/${w.id}/tracking_sources`);
    assert.equal(sources.status, 200, sources.raw);
    assert.equal(sources.body.total_records, 0);
  });

  test('tracking sources: made and counted on the control plane, listed by the API, registrants filtered by source', async () => {
    const w = await a.webinar({ settings: { approval_type: 0 } });
    const src = await a.control(`${w.id}/tracking_sources`, { source_name: 'Newsletter' });
    assert.equal(src.status, 201, src.raw);
    assert.match(src.body.tracking_url, new RegExp(`/webinar/register/${src.body.id}/WN_${w.id}$`));
    assert.equal((await a.control(`${w.id}/tracking_sources/${src.body.id}/visits`)).body.visitor_count, 1);
    const reg = await a.control(`${w.id}/tracking_sources/${src.body.id}/registrants`, { first_name: 'Tia', email: 'tia@src.example.com' });
    assert.equal(reg.status, 201, reg.raw);
    await a.api.post(`/v2/webinars/${w.id}/registrants`, { first_name: 'Uma', email: 'uma@direct.example.com' });
    const list = await a.api.get(`/v2/webinars/${w.id}/tracking_sources`);
    assert.equal(list.body.total_records, 1);
    assert.deepEqual({ ...list.body.tracking_sources[0] }, { ...src.body, visitor_count: 2, registration_count: 1 });
    const bySource = await a.api.get(`/v2/webinars/${w.id}/registrants?tracking_source_id=${src.body.id}`);
    assert.deepEqual(bySource.body.registrants.map((r: any) => r.email), ['tia@src.example.com']);
    assert.equal((await a.api.get(`/v2/webinars/${w.id}/registrants`)).body.total_records, 2);
    const created = (await a.events('webinar.registration_created')).find((e) => e.object.registrant.email === 'tia@src.example.com');
    assert.equal(created?.object.registrant.tracking_source.source_name, 'Newsletter');
    const closed = await a.webinar();
    assert.equal((await a.control(`${closed.id}/tracking_sources`, { source_name: 'X' })).status, 400, 'registration required');
    assert.equal((await a.control(`${w.id}/tracking_sources/nope/visits`)).status, 400);
  });

  test('a Member cannot act on another user\'s webinar; another account\'s ids are unknown', async () => {
    const w = await a.webinar();
    const other = await webinarAccount(s);
    for (const path of ['panelists', 'registrants', 'polls', 'survey', 'token', 'livestream', 'tracking_sources']) {
      const r = await other.api.get(`/v2/webinars/${w.id}/${path}`);
      assert.equal(r.status, 404, `${path}: ${r.raw}`);
      assert.equal(r.body.code, 3001);
    }
  });
});
