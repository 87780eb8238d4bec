// The settings engine's pure functions, and the contract's reading of Zoom's option oneOfs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { mergeVariants } from '../src/core/contract.ts';
import { checkLocks, deepMerge, effective, filterFields, lockedPaths, restrictTo } from '../src/api/settings/model.ts';

describe('settings engine', () => {
  test('deepMerge merges objects and replaces arrays', () => {
    assert.deepEqual(deepMerge({ a: { x: 1, y: 2 }, l: [1, 2] }, { a: { y: 3 }, l: [9] }), { a: { x: 1, y: 3 }, l: [9] });
  });

  test('effective: account ← group ← user, a lock keeps the locking level\'s value', () => {
    const defaults = { in_meeting: { chat: true, polling: true } };
    const layers = [
      { settings: { in_meeting: { chat: false } }, locked: lockedPaths({ in_meeting: { chat: true } }) },
      { settings: { in_meeting: { chat: true, polling: false } }, locked: new Set<string>() },
      { settings: { in_meeting: { polling: true } }, locked: new Set<string>() },
    ];
    assert.deepEqual(effective(defaults, layers), { in_meeting: { chat: false, polling: true } });
    assert.deepEqual(effective(defaults, layers.slice(0, 2)), { in_meeting: { chat: false, polling: false } });
  });

  test('checkLocks refuses a change of a locked value and accepts the same value', () => {
    const locked = lockedPaths({ recording: { cloud_recording: true } });
    assert.throws(() => checkLocks({ recording: { cloud_recording: false } }, { recording: { cloud_recording: true } }, locked), /locked/);
    checkLocks({ recording: { cloud_recording: true } }, { recording: { cloud_recording: true } }, locked);
    checkLocks({ recording: { local_recording: false } }, { recording: { cloud_recording: true } }, locked);
  });

  test('restrictTo and filterFields', () => {
    assert.deepEqual(restrictTo({ a: { x: 1 } }, { a: { x: 2, z: 3 }, b: 1 }), { a: { x: 2 } });
    assert.deepEqual(filterFields({ s: { host_video: true, other: 1 }, t: { x: 1 } }, 'host_video'), { s: { host_video: true } });
  });
});

describe('mergeVariants', () => {
  const schema = {
    oneOf: [
      { type: 'object', properties: { in_meeting: { type: 'object', properties: { chat: { type: 'boolean' } } } } },
      { type: 'object', properties: { meeting_security: { type: 'object', properties: { waiting_room: { type: 'boolean' } } } } },
      { type: 'object', properties: { in_meeting: { type: 'object', properties: { regions: { type: 'array', items: { enum: ['US'] } } } } } },
    ],
  };
  const validate = new Ajv({ strict: false }).compile(mergeVariants(schema));

  test('any one shape validates, types are still checked in every shape', () => {
    assert.equal(validate({ in_meeting: { chat: true } }), true);
    assert.equal(validate({ meeting_security: { waiting_room: true } }), true);
    assert.equal(validate({ in_meeting: { chat: 'yes' } }), false);
    assert.equal(validate({ in_meeting: { regions: ['EU'] } }), false);
    assert.equal(validate({ meeting_security: { waiting_room: 1 } }), false);
  });

  test('discriminating branches (required) stay a oneOf', () => {
    const s = { oneOf: [{ type: 'object', required: ['a'], properties: { a: { type: 'string' } } }, { type: 'object', properties: { b: {} } }] };
    assert.ok(Array.isArray(mergeVariants(s).oneOf));
  });
});
