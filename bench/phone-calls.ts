// Benchmark set-up for Zoom Phone calls: a call queue of three phone users and
// 60 calls through it that ended (the clock moved a minute), and the main
// read (a queue) and list (the account's call logs) as targets.
type Call = (method: string, url: string, headers: Record<string, string>, body?: unknown) => Promise<any>;

export async function phoneCallTargets(call: Call, url: (path: string) => string, auth: Record<string, string>, accountId: string) {
  // The account's main site (the first listed: Phone Site's list).
  const site = (await call('GET', url('/v2/phone/sites?page_size=1'), auth)).sites[0].id as string;
  const users = [];
  for (let n = 1; n <= 3; n++) {
    const u = await call('POST', url('/v2/users'), auth, { action: 'custCreate', user_info: { email: `bench-agent${n}@example.com`, type: 1, first_name: 'Agent', last_name: `${n}`, feature: { zoom_phone: true } } });
    users.push({ id: u.id as string });
  }
  const q = await call('POST', url('/v2/phone/call_queues'), auth, { name: 'Bench queue', site_id: site, members: { users } });
  await call('PATCH', url(`/_openzoom/phone/call_queues/${q.id}`), {}, { account_id: accountId, distribution: 'rotating', record: true });
  for (let n = 0; n < 60; n++) {
    await call('POST', url('/_openzoom/phone/calls'), {}, { account_id: accountId, from: `+1999555${1000 + n}`, to: q.id, outcome: n % 4 === 3 ? 'missed' : 'answered', duration_seconds: 5 + (n % 20) });
  }
  await call('POST', url('/_openzoom/clock'), {}, { advance_seconds: 60 });
  return {
    single: ['GET /v2/phone/call_queues/{callQueueId}', `/v2/phone/call_queues/${q.id}`] as const,
    list: ['GET /v2/phone/call_logs', '/v2/phone/call_logs?page_size=30', '/same/phone-call-logs'] as const,
  };
}
