// Zoom's own Node SDK (@zoom/rivet) phone client pointed at OpenZoom: phone
// users, numbers, calling plans, sites, devices and the blocked list through
// Rivet's methods, and Zoom errors as Rivet errors. The token store is the
// one test/sdk.test.ts describes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PhoneS2SAuthClient } from '@zoom/rivet/phone';
import { startServer, type TestServer } from './helpers/server.ts';

interface RivetToken {
  accessToken: string;
  expirationTimeIso: string;
  scopes: string[];
}

/** Server-to-server tokens from OpenZoom's /oauth/token (Rivet would ask zoom.us). */
function tokenStore(base: string, accountId: string, clientId: string, clientSecret: string) {
  let token: RivetToken | undefined;
  return {
    async getLatestToken(): Promise<RivetToken> {
      if (!token) {
        const res = await fetch(`${base}/oauth/token?grant_type=account_credentials&account_id=${accountId}`, {
          method: 'POST',
          headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
        });
        const t = (await res.json()) as { access_token: string; expires_in: number; scope: string };
        token = { accessToken: t.access_token, expirationTimeIso: new Date(Date.now() + t.expires_in * 1000).toISOString(), scopes: t.scope.split(' ') };
      }
      return token;
    },
    storeToken(t: RivetToken): void {
      token = t;
    },
  };
}

let s: TestServer;
let base: string;
before(async () => {
  s = await startServer();
  base = await s.app.listen({ host: '127.0.0.1', port: 0 });
});
after(() => s.close());

test('@zoom/rivet phone: users, numbers, plans, sites, devices and blocked list against OpenZoom', async () => {
  const { accountId, clientId, clientSecret } = s.demo!;
  const client = new PhoneS2SAuthClient({ clientId, clientSecret, accountId, tokenStore: tokenStore(base, accountId, clientId, clientSecret), baseUrl: `${base}/v2`, disableReceiver: true });
  const e = client.endpoints;

  const users = await e.users.listPhoneUsers({ query: { page_size: 10 } });
  assert.equal(users.statusCode, 200);
  const owner = users.data!.users!.find((u) => u.email === 'owner@example.com')!;
  const profile = await e.users.getUsersProfile({ path: { userId: owner.id! } });
  assert.equal(profile.data?.extension_number, owner.extension_number);

  const plans = await e.phonePlans.listCallingPlans({});
  assert.deepEqual(plans.data?.calling_plans?.map((p) => p.type), [100, 200]);

  const free = await e.phoneNumbers.listPhoneNumbers({ query: { type: 'unassigned', page_size: 2 } });
  assert.equal(free.data?.phone_numbers?.length, 2);
  const number = free.data!.phone_numbers![0]!;
  const assigned = await e.phoneNumbers.assignPhoneNumberToUser({ path: { userId: owner.id! }, body: { phone_numbers: [{ id: number.id! }] } });
  assert.equal(assigned.statusCode, 200);
  const got = await e.phoneNumbers.getPhoneNumber({ path: { phoneNumberId: number.id! } });
  assert.equal(got.data?.assignee?.id, owner.id);
  assert.equal((await e.phoneNumbers.unassignPhoneNumber({ path: { userId: owner.id!, phoneNumberId: number.id! } })).statusCode, 204);

  const site = await e.sites.createPhoneSite({ body: { name: 'Rivet site', auto_receptionist_name: 'Rivet AR', default_emergency_address: { address_line1: '1 Main St', city: 'Austin', state_code: 'TX', zip: '78701', country: 'US' } } });
  assert.equal(site.statusCode, 201);
  const details = await e.sites.getPhoneSiteDetails({ path: { siteId: site.data!.id! } });
  assert.equal(details.data?.main_auto_receptionist?.name, 'Rivet AR');

  const device = await e.phoneDevices.addDevice({ body: { display_name: 'Rivet desk', mac_address: '64:16:7f:aa:bb:cc', type: 'poly', assigned_to: owner.id! } as never });
  assert.equal(device.statusCode, 201);
  const d = await e.phoneDevices.getDeviceDetails({ path: { deviceId: device.data!.id! } });
  assert.equal(d.data?.mac_address, '64167faabbcc');

  const blocked = await e.blockedList.createBlockedList({ body: { phone_number: '+14155550123', block_type: 'inbound', match_type: 'phoneNumber', status: 'active' } });
  assert.equal(blocked.statusCode, 201);
  assert.equal((await e.blockedList.getBlockedListDetails({ path: { blockedListId: blocked.data!.id! } })).data?.phone_number, '+14155550123');

  await assert.rejects(e.users.getUsersProfile({ path: { userId: 'nobody@example.com' } }), (err: Error) => {
    assert.equal(err.name, 'ApiResponseError');
    assert.match(err.message, /^\[404\/1001\]: "User does not exist: nobody@example\.com\."$/);
    return true;
  });
});
