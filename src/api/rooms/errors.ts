// Zoom Rooms' errors, as the reference words them (codes and messages of the
// Rooms, Rooms Location, Rooms Account and Rooms Devices operations).
import { ZoomError } from '../../core/errors.ts';

export const RoomsErrors = {
  noSubscription: () => new ZoomError(400, 200, 'Zoom Room subscription not found. Try again after purchasing a Zoom Room subscription.'),
  roomNotFound: (roomId: string) => new ZoomError(404, 1012, `Room not found: ${roomId}.`),
  locationNotFound: (locationId: string) => new ZoomError(404, 4801, `Location not found: ${locationId}.`),
  invalidParentLocation: (locationId: string) => new ZoomError(400, 300, `Invalid parent location id ${locationId}.`),
  locationNameTaken: (_name: string) => new ZoomError(400, 300, 'Location name already exists. Try a different location name.'),
  locationTypeMissing: () => new ZoomError(400, 300, 'Location type not exist.'),
  // The structure operation documents no refusal of its own; 300 is Zoom's invalid-parameter code.
  invalidStructure: (value: string) => new ZoomError(400, 300, `Invalid location structure: ${value}.`),
  structureInUse: (type: string) => new ZoomError(400, 300, `Locations of type ${type} exist: the location structure cannot be changed this way.`),
  calendarResourceNotFound: (id: string) => new ZoomError(404, 4060, `Calendar resource does not exist: ${id}.`),
  tagsNotFound: (ids: readonly string[]) => new ZoomError(404, 8306, `Tag ID does not exist: [${ids.join(', ')}].`),
  deviceProfileNotFound: (id: string) => new ZoomError(404, 8005, `Zoom Room device profile does not exist: ${id}.`),
  userNotFound: (userId: string) => new ZoomError(404, 1001, `User does not exist: ${userId}.`),
  regenerateRefused: () => new ZoomError(400, 200, 'No permission to regenerate an activation code for a Zoom Room.'),
  invalidParameter: (field: string) => new ZoomError(400, 300, `Invalid parameter: ${field}.`),
  // Room controls (Check-in or check-out of a Zoom Room).
  roomOffline: () => new ZoomError(400, 300, 'Zoom Room is offline. Please ensure that the Zoom Room is online before checking in or checking out.'),
  peripheralNotFound: (id: string) => new ZoomError(400, 300, `Invalid parameters. Device does not exist: ${id}.`),
  notCheckedIn: (eventId: string) => new ZoomError(400, 300, `Invalid parameters. The Zoom Room has not checked in to event: ${eventId}.`),
  alreadyCheckedIn: (eventId: string) => new ZoomError(400, 300, `Invalid parameters. The Zoom Room has already checked in to event: ${eventId}.`),
  notInMeeting: () => new ZoomError(400, 300, 'Invalid parameters. The Zoom Room is not in a meeting.'),
  inMeeting: () => new ZoomError(400, 300, 'Invalid parameters. The Zoom Room is already in a meeting.'),
  wrongPasscode: () => new ZoomError(400, 300, 'Invalid parameters. Invalid meeting passcode.'),
  // E911 digital signage.
  eventIdRequired: () => new ZoomError(400, 300, 'Event id is required.'),
  invalidTargets: () => new ZoomError(400, 300, 'Invalid value submitted for Target Ids. Provide a valid Target Id associated with the Target type.'),
  // Change Zoom Rooms' app version.
  upgradeRefused: () =>
    new ZoomError(400, 8001, 'Cannot process this upgrade request. The Zoom Rooms Software in this device is either already up to date or is currently being updated.'),
  downgradeRefused: () =>
    new ZoomError(400, 8002, 'Cannot process the downgrade request. The target version for downgrading is not available or the downgrade process has already been initiated.'),
  cancelRefused: () =>
    new ZoomError(
      400,
      8003,
      'The cancel request could not be processed because the Zoom Rooms Software in this device is not being downgraded or upgraded at the moment. The cancel action should only be used to cancel an ongoing upgrade or downgrade process.',
    ),
  deviceNotInRoom: (deviceId: string, roomId: string) => new ZoomError(400, 8004, `A device with the provided Device ID: ${deviceId} does not belong to the current room: ${roomId}.`),
};
