// The control plane's `addons` object (POST and PATCH /_openzoom/accounts); no imports, so schemas.ts can read it at load.
const count = { type: 'integer', minimum: 0, maximum: 1_000_000 };
const closed = (properties: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, properties });
const sized = closed({ hosts: count, capacity: count });
const hosts = closed({ hosts: count });
/** Webinar licences as Zoom lists them: by capacity, with how many of each. */
const licences = { type: 'array', minItems: 1, maxItems: 20, items: { ...closed({ capacity: { ...count, minimum: 1 }, quantity: { ...count, minimum: 1 } }), required: ['capacity'] } };
/** A plan add-on may be `false` in a PATCH: its plans end. */
const orOff = (schema: Record<string, unknown>, patch: boolean) => (patch ? { anyOf: [schema, { const: false }] } : schema);

export function addonsSchema(patch: boolean) {
  return closed({
    webinar: orOff({ anyOf: [sized, licences] }, patch),
    large_meeting: orOff(sized, patch),
    cloud_recording: orOff(closed({ storage_gb: count }), patch),
    zoom_rooms: orOff(hosts, patch),
    room_connector: orOff(hosts, patch),
    phone: orOff({ anyOf: [hosts, { const: true }] }, patch),
    whiteboard: orOff(hosts, patch),
    audio: { type: 'boolean' },
    tsp: { type: 'boolean' },
    sip_phone: { type: 'boolean' },
    sip_connected_audio: { type: 'boolean' },
    pac: { type: 'boolean' },
  });
}

