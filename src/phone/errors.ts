// Zoom Phone's errors, with the codes and messages Zoom's reference gives for
// these operations (contract/schemas: phone*.json, common-area-phones.json).
// Where the reference names none, the choice is recorded in src/api/phone/README.md.
import { ZoomError } from '../core/errors.ts';

export const PhoneErrors = {
  notEnabled: () => new ZoomError(403, 2031, 'Zoom Phone has not been enabled for this account.'),
  userNotFound: (id: string) => new ZoomError(404, 1001, `User does not exist: ${id}.`),
  /** A user of the account without the phone licence. */
  notPhoneUser: (id: string) => new ZoomError(404, 1001, `User does not exist: ${id}.`),
  siteNotFound: () => new ZoomError(400, 400, 'Site does not exist.'),
  siteNameTaken: () => new ZoomError(409, 409, 'Site name already exists.'),
  extensionTaken: (n: string | number) => new ZoomError(400, 400, `Extension number ${n} is already used.`),
  extensionOutOfRange: (n: string | number) => new ZoomError(400, 300, `${n} is out of range`),
  numberNotFound: (id: string) => new ZoomError(400, 400, `Phone number does not exist, phonenumberId:${id}`),
  numberExists: (n: string) => new ZoomError(409, 409, `Phone number ${n} already exists.`),
  /** A number already held by another assignee. */
  numberTaken: (n: string) => new ZoomError(400, 300, `Phone number ${n} has been assigned.`),
  numberNotAssigned: () => new ZoomError(404, 400, 'Invalid query parameter "phone_number".'),
  tooManyNumbers: (max: number) => new ZoomError(400, 300, `The maximum number of phone numbers is up to ${max}.`),
  planNotHeld: () => new ZoomError(400, 300, 'Invalid field.'),
  planExhausted: (type: number) => new ZoomError(400, 300, `No available licenses of calling plan ${type}.`),
  planNotAssigned: () => new ZoomError(400, 400, 'Invalid field.'),
};
