// Benchmark set-up for webinars: a Licensed host given one of the account's webinar
// licences, 40 webinars of theirs (a few recurring), and the main read and list as targets.
type Call = (method: string, url: string, headers: Record<string, string>, body?: unknown) => Promise<any>;

export async function webinarTargets(call: Call, url: (path: string) => string, auth: Record<string, string>, hostId: string) {
  // Webinar licences go to Licensed users.
  await call('PATCH', url(`/v2/users/${hostId}`), auth, { type: 2 });
  await call('PATCH', url(`/v2/users/${hostId}/settings`), auth, { feature: { webinar: true, webinar_capacity: 500 } });
  const ids: string[] = [];
  for (let n = 1; n <= 40; n++) {
    const recurring = n % 8 === 0 ? { type: 9, recurrence: { type: 2, weekly_days: '2,4', end_times: 10 } } : {};
    const w = await call('POST', url(`/v2/users/${hostId}/webinars`), auth, { topic: `Bench webinar ${n}`, start_time: `2031-02-${String((n % 28) + 1).padStart(2, '0')}T16:00:00Z`, agenda: 'Agenda', ...recurring });
    ids.push(String(w.id));
  }
  return {
    single: ['GET /v2/webinars/{webinarId}', `/v2/webinars/${ids[7]}`] as const,
    list: ['GET /v2/users/{userId}/webinars', `/v2/users/${hostId}/webinars?page_size=30`, '/same/webinars'] as const,
  };
}
