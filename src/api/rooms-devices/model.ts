// Zoom Rooms devices: the app versions a device can move to, and a device's
// version on the server clock (an upgrade or downgrade lands after a delay).
// Pure functions only.
import type { DeviceRecord } from '../rooms/repository.ts';

/**
 * Zoom Rooms releases a device can be moved to, oldest first (Zoom publishes
 * the list in its release notes). Upgrades go to the newest; downgrades to the
 * release just below the device's version.
 */
export const RELEASES = ['5.15.0', '5.16.0', '5.17.0', '5.17.5', '6.0.0', '6.1.0', '6.2.0', '6.3.0'] as const;

/** How long an upgrade or downgrade takes on the server clock. */
export const VERSION_CHANGE_MS = 15 * 60 * 1000;

export const DEVICE_TYPES = ['Zoom Rooms Computer', 'Controller', 'Scheduling Display', 'Zoom Rooms Control System', 'Companion Whiteboard'] as const;

/** Numeric parts of a version ("5.17.5 (3712)" → [5, 17, 5]). */
function parts(version: string): number[] {
  return (/^\s*(\d+(?:\.\d+)*)/.exec(version)?.[1] ?? '0').split('.').map(Number);
}

export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Where an upgrade goes: the newest release, if newer than the device's. */
export function upgradeTarget(current: string): string | undefined {
  const newest = RELEASES[RELEASES.length - 1]!;
  return compareVersions(newest, current) > 0 ? newest : undefined;
}

/** Where a downgrade goes: the newest release older than the device's. */
export function downgradeTarget(current: string): string | undefined {
  return [...RELEASES].reverse().find((r) => compareVersions(r, current) < 0);
}

/** The device as it is at `now`: a version change whose time has come has landed. */
export function settled(d: DeviceRecord, now: string): DeviceRecord {
  if (!d.pending || d.pending.due_at > now) return d;
  const { pending, ...rest } = d;
  return { ...rest, app_version: pending.target };
}

/** A List Zoom Room devices item. */
export function deviceItem(d: DeviceRecord, roomName: string): Record<string, unknown> {
  return { ...d.details, id: d.id, room_name: roomName, device_type: d.device_type, app_version: d.app_version, device_system: d.device_system, status: d.status };
}
