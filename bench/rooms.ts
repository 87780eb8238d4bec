// Benchmark set-up for Zoom Rooms: a building holding 40 rooms (with their
// support details inherited from the account and the building), and the room
// profile and room list as targets.
type Call = (method: string, url: string, headers: Record<string, string>, body?: unknown) => Promise<any>;

export async function roomsTargets(call: Call, url: (path: string) => string, auth: Record<string, string>) {
  await call('PATCH', url('/v2/rooms/account_profile'), auth, { basic: { support_email: 'rooms@example.com', support_phone: '+1 555 0100' } });
  const country = await call('POST', url('/v2/rooms/locations'), auth, { name: 'Bench country' });
  const building = await call('POST', url('/v2/rooms/locations'), auth, { name: 'Bench state', parent_location_id: country.id });
  const roomIds: string[] = [];
  for (let n = 1; n <= 40; n++) roomIds.push((await call('POST', url('/v2/rooms'), auth, { name: `Bench room ${n}`, type: 'ZoomRoom', location_id: building.id })).id);
  return {
    single: ['GET /v2/rooms/{roomId}', `/v2/rooms/${roomIds[7]}`] as const,
    list: ['GET /v2/rooms', `/v2/rooms?page_size=30&location_id=${building.id}`, '/same/rooms'] as const,
  };
}
