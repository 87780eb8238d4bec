// Phone blocked list (listBlockedList, addAnumberToBlockedList,
// getABlockedList, updateBlockedList, deleteABlockedList).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { isBlocked } from '../src/api/phone-blocked-list/repository.ts';

let s: TestServer;
before(async () => {
  s = await startServer();
});
after(() => s.close());

describe('blocked list', () => {
  test('add a number (national with its country) and a prefix; read, list, update, delete; calls see them', async () => {
    const a = await s.api.post('/v2/phone/blocked_list', { phone_number: '2125550123', country: 'US', match_type: 'phoneNumber', block_type: 'inbound', comment: 'spam', status: 'active' });
    assert.equal(a.status, 201, a.raw);
    const got = (await s.api.get(`/v2/phone/blocked_list/${a.body.id}`)).body;
    assert.deepEqual([got.phone_number, got.match_type, got.block_type, got.comment], ['+12125550123', 'phoneNumber', 'inbound', 'spam']);
    const p = await s.api.post('/v2/phone/blocked_list', { phone_number: '900', country: 'US', match_type: 'prefix', block_type: 'outbound' });
    assert.equal(p.status, 201, p.raw);
    const demo = s.demo!.accountId;
    assert.equal(await isBlocked(s.db, demo, '+12125550123', 'inbound'), true);
    assert.equal(await isBlocked(s.db, demo, '+12125550123', 'outbound'), false);
    assert.equal(await isBlocked(s.db, demo, '+19005551234', 'outbound'), true);
    assert.equal((await s.api.get('/v2/phone/blocked_list')).body.total_records, 2);
    assert.equal((await s.api.patch(`/v2/phone/blocked_list/${a.body.id}`, { status: 'inactive' })).status, 204);
    assert.equal(await isBlocked(s.db, demo, '+12125550123', 'inbound'), false);
    assert.equal((await s.api.delete(`/v2/phone/blocked_list/${p.body.id}`)).status, 204);
    assert.equal((await s.api.get(`/v2/phone/blocked_list/${p.body.id}`)).status, 400);
  });

  test('one entry per number and direction, also when two adds race; bad countries and numbers are refused', async () => {
    const body = { phone_number: '+14155550177', block_type: 'inbound' };
    const rs = await Promise.all([1, 2].map(() => s.api.post('/v2/phone/blocked_list', body)));
    assert.deepEqual(rs.map((r) => r.status).sort(), [201, 409]);
    assert.equal((await s.api.post('/v2/phone/blocked_list', { ...body, block_type: 'outbound' })).status, 201);
    assert.equal((await s.api.post('/v2/phone/blocked_list', { phone_number: '123', country: 'ZZ' })).body.message, 'Invalid country.');
    assert.equal((await s.api.post('/v2/phone/blocked_list', { phone_number: 'abc' })).status, 400);
  });

  test('another account sees none of it; a Member is refused', async () => {
    const a = (await s.api.post('/v2/phone/blocked_list', { phone_number: '+14155550188' })).body;
    const other = await s.client.post('/_openzoom/accounts', { plan: 'business', addons: { phone: true } });
    const api = await s.client.withCredentials(other.body.account_id, other.body.client_id, other.body.client_secret);
    assert.equal((await api.get(`/v2/phone/blocked_list/${a.id}`)).status, 400);
    assert.equal((await api.delete(`/v2/phone/blocked_list/${a.id}`)).status, 400);
    assert.equal((await api.get('/v2/phone/blocked_list')).body.total_records, 0);
    const u = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'bl-member@example.org', type: 1 } });
    const m = s.client.withToken((await s.client.post('/_openzoom/tokens', { account_id: s.demo!.accountId, user_id: u.body.id })).body.access_token);
    assert.equal((await m.post('/v2/phone/blocked_list', { phone_number: '+14155550199' })).body.code, 200);
  });
});
