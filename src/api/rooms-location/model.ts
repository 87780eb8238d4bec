// Zoom Rooms locations: the account's location structure (which of Zoom's six
// levels it uses, in order) and where a location may sit in it. Pure functions only.
import type { Doc } from '../settings/model.ts';
import { RoomsErrors } from '../rooms/errors.ts';

/** Zoom's levels, outermost first; the location `type` spells the state level `states`. */
export const LOCATION_TYPES = ['country', 'states', 'city', 'campus', 'building', 'floor'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];

export interface LocationRecord {
  id: string;
  name: string;
  /** '' at the top of the hierarchy. */
  parent_location_id: string;
  type: LocationType;
  /** Profile values set at this location: basic (address, timezone, support …) and setup. */
  basic: Doc;
  setup: Doc;
}

export const nameKey = (name: string): string => name.trim().toLowerCase();

/**
 * A structure as Update Zoom Rooms location structure takes it (the 2021
 * reference spells the state level `state`), checked: known levels, each once,
 * in Zoom's order (a floor cannot hold a building).
 */
export function parseStructure(values: readonly string[]): LocationType[] {
  const out: LocationType[] = [];
  for (const raw of values) {
    const v = raw.trim().toLowerCase();
    const type = (v === 'state' ? 'states' : v) as LocationType;
    const rank = LOCATION_TYPES.indexOf(type);
    if (rank < 0) throw RoomsErrors.invalidStructure(raw);
    if (out.length > 0 && rank <= LOCATION_TYPES.indexOf(out[out.length - 1]!)) throw RoomsErrors.invalidStructure(raw);
    out.push(type);
  }
  return out;
}

/** The type a location takes under `parent` (null: the top), or undefined when the structure has no level there. */
export function childType(structure: readonly LocationType[], parent: LocationRecord | null): LocationType | undefined {
  if (!parent) return structure[0];
  const at = structure.indexOf(parent.type);
  return at < 0 ? undefined : structure[at + 1];
}

/** A list and event item. */
export function locationItem(l: LocationRecord): Doc {
  return { id: l.id, name: l.name, parent_location_id: l.parent_location_id, type: l.type };
}
