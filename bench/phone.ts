// Benchmark set-up for Zoom Phone: 30 users given the phone licence, each
// holding a number (the pool plus BYOC numbers), and the main read (a phone
// user) and list (the account's numbers) as targets.
type Call = (method: string, url: string, headers: Record<string, string>, body?: unknown) => Promise<any>;

export async function phoneTargets(call: Call, url: (path: string) => string, auth: Record<string, string>, userIds: readonly string[]) {
  const byoc = Array.from({ length: 20 }, (_, n) => `+1646555${String(200 + n).padStart(4, '0')}`);
  await call('POST', url('/v2/phone/byoc_numbers'), auth, { carrier: 'Bench carrier', phone_numbers: byoc });
  const free = await call('GET', url('/v2/phone/numbers?type=unassigned&page_size=100'), auth);
  const phoneUsers = userIds.slice(1, 31);
  for (const [i, id] of phoneUsers.entries()) {
    await call('PATCH', url(`/v2/users/${id}`), auth, { feature: { zoom_phone: true } });
    const number = free.phone_numbers[i];
    if (number) await call('POST', url(`/v2/phone/users/${id}/phone_numbers`), auth, { phone_numbers: [{ id: number.id }] });
  }
  return {
    single: ['GET /v2/phone/users/{userId}', `/v2/phone/users/${phoneUsers[0]}`] as const,
    list: ['GET /v2/phone/numbers', '/v2/phone/numbers?page_size=30', '/same/phone-numbers'] as const,
  };
}
