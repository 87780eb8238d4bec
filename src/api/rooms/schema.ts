import { RoomsErrors } from './errors.ts';
import type { SchemaModule } from '../../storage/schema.ts';

/**
 * The tables of the four Zoom Rooms categories (Rooms, Rooms Location, Rooms
 * Account, Rooms Devices): one module, since a room, its location and its
 * devices are one hierarchy. Settings overrides live in the settings table
 * (levels zr_account, zr_location, zr_room).
 */
export const zoomRoomsSchema: SchemaModule = {
  name: 'zoom_rooms',
  tables: ['zr_accounts', 'zr_locations', 'zr_rooms', 'zr_devices', 'zr_alerts', 'zr_activity', 'zr_checkins', 'zr_e911', 'zr_signage'],
  duplicates: { zr_locations_name: (key) => RoomsErrors.locationNameTaken(key?.[2] ?? '') },
  migrations: [
    // zr_accounts: the account's location structure and Zoom Rooms account profile.
    // zr_locations: parent_id '' at the top; name_key (trimmed, lower-cased) is unique among siblings.
    // zr_rooms: `entry` is the room's list item as JSON text, rewritten with every write of the row.
    // zr_alerts / zr_activity: what a room reported and did, read by reports and dashboards.
    `
    CREATE TABLE zr_accounts (
      account_id TEXT NOT NULL PRIMARY KEY,
      data TEXT NOT NULL
    );
    CREATE TABLE zr_locations (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      parent_id TEXT NOT NULL,
      name_key TEXT NOT NULL,
      type TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE UNIQUE INDEX zr_locations_name ON zr_locations (account_id, parent_id, name_key);
    CREATE INDEX zr_locations_list ON zr_locations (account_id, created_at, id);
    CREATE TABLE zr_rooms (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      location_id TEXT NOT NULL,
      status TEXT NOT NULL,
      type TEXT NOT NULL,
      name_key TEXT NOT NULL,
      data TEXT NOT NULL,
      entry TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX zr_rooms_list ON zr_rooms (account_id, created_at, id);
    CREATE INDEX zr_rooms_location ON zr_rooms (account_id, location_id, created_at, id);
    CREATE TABLE zr_devices (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      room_id TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX zr_devices_room ON zr_devices (account_id, room_id, created_at, id);
    CREATE TABLE zr_alerts (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      room_id TEXT NOT NULL,
      device_id TEXT NOT NULL,
      alert_type INTEGER NOT NULL,
      component INTEGER NOT NULL,
      alert_kind INTEGER NOT NULL,
      issue TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX zr_alerts_room ON zr_alerts (account_id, room_id, at);
    CREATE TABLE zr_activity (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      room_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      data TEXT NOT NULL,
      at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX zr_activity_room ON zr_activity (account_id, room_id, at);
    CREATE TABLE zr_checkins (
      account_id TEXT NOT NULL,
      room_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      checked_in_at TEXT,
      checked_out_at TEXT,
      data TEXT NOT NULL,
      PRIMARY KEY (account_id, room_id, event_id)
    );
    CREATE TABLE zr_e911 (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      data TEXT NOT NULL,
      displayed_at TEXT NOT NULL,
      removed_at TEXT,
      PRIMARY KEY (account_id, id)
    );
    CREATE TABLE zr_signage (
      account_id TEXT NOT NULL,
      id TEXT NOT NULL,
      type TEXT NOT NULL,
      folder_id TEXT NOT NULL,
      name TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (account_id, id)
    );
    CREATE INDEX zr_signage_list ON zr_signage (account_id, created_at, id)
    `,
  ],
};
