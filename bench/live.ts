// Benchmark set-up for past meetings: a meeting that happened (the host and 40
// participants joined, then it ended), and its main read and list as targets.
type Call = (method: string, url: string, headers: Record<string, string>, body?: unknown) => Promise<any>;

export async function pastMeetingTargets(call: Call, url: (path: string) => string, auth: Record<string, string>, hostId: string) {
  const m = await call('POST', url(`/v2/users/${hostId}/meetings`), auth, { topic: 'Bench meeting', type: 2, start_time: '2031-01-01T09:00:00Z', settings: { waiting_room: false } });
  await call('POST', url(`/_openzoom/meetings/${m.id}/start`), {}, {});
  for (let n = 1; n <= 40; n++) await call('POST', url(`/_openzoom/meetings/${m.id}/participants`), {}, { name: `Guest ${n}`, email: `guest${n}@example.com`, device: 'Mac' });
  await call('PUT', url(`/v2/meetings/${m.id}/status`), auth, { action: 'end' });
  return {
    single: ['GET /v2/past_meetings/{meetingId}', `/v2/past_meetings/${m.id}`] as const,
    list: ['GET /v2/past_meetings/{meetingId}/participants', `/v2/past_meetings/${m.id}/participants?page_size=30`, '/same/past-participants'] as const,
  };
}
