// The API router (src/core/router.ts): Zoom's paths, parameters as whole
// segments, with the rules the API relies on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SegmentRouter } from '../../src/core/router.ts';

const router = new SegmentRouter<string>();
router.on('GET', '/v2/users/:userId', 'user');
router.on('GET', '/v2/users/summary', 'usersSummary');
router.on('GET', '/v2/users/:userId/meetings', 'meetings');
router.on('GET', '/v2/users/summary/other/:x', 'deepStatic');
router.on('PATCH', '/v2/users/:userId', 'userUpdate');
router.on('GET', '/v2/past_meetings/:meetingUUID/participants', 'participants');

const find = (method: string, url: string) => router.find(method, url);

test('a static segment wins over a parameter; a dead-end static branch backs off to the parameter', () => {
  assert.deepEqual(find('GET', '/v2/users/summary'), { value: 'usersSummary', params: {} });
  assert.deepEqual(find('GET', '/v2/users/abc'), { value: 'user', params: { userId: 'abc' } });
  assert.deepEqual(find('GET', '/v2/users/summary/meetings'), { value: 'meetings', params: { userId: 'summary' } });
});

test('methods are told apart; unknown paths, methods and case answer nothing', () => {
  assert.equal(find('PATCH', '/v2/users/abc')?.value, 'userUpdate');
  assert.equal(find('DELETE', '/v2/users/abc'), null);
  assert.equal(find('GET', '/v2/Users/abc'), null);
  assert.equal(find('GET', '/v2/users/abc/unknown'), null);
  assert.equal(find('GET', 'v2/users/abc'), null);
});

test('one trailing slash and the query string are ignored', () => {
  assert.deepEqual(find('GET', '/v2/users/abc/?page_size=3'), { value: 'user', params: { userId: 'abc' } });
  assert.equal(find('GET', '/v2/users/abc/meetings?type=live')?.value, 'meetings');
});

test("a parameter is decoded once: an encoded slash belongs to the value (Zoom's UUIDs), a double-encoded one stays encoded", () => {
  assert.deepEqual(find('GET', '/v2/past_meetings/ab%2Fcd%3D%3D/participants')?.params, { meetingUUID: 'ab/cd==' });
  assert.deepEqual(find('GET', '/v2/past_meetings/ab%252Fcd%253D%253D/participants')?.params, { meetingUUID: 'ab%2Fcd%3D%3D' });
  assert.equal(find('GET', '/v2/past_meetings/ab/cd==/participants'), null, 'an unencoded slash splits the path');
  assert.deepEqual(find('GET', '/v2/users/me%40example.com')?.params, { userId: 'me@example.com' });
});

test('malformed escapes and parameters over 512 characters match nothing', () => {
  assert.equal(find('GET', '/v2/users/x%zz'), null);
  assert.equal(find('GET', `/v2/users/${'x'.repeat(513)}`), null);
  assert.equal(find('GET', `/v2/users/${'x'.repeat(512)}`)?.value, 'user');
});

test('a route given twice is refused when the router is built', () => {
  assert.throws(() => router.on('GET', '/v2/users/:id', 'again'), /Two routes for GET/);
});
