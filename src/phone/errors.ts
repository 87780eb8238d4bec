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
  numbersRequired: () => new ZoomError(400, 400, 'Need to specify at least one phone number'),
  templateNotFound: (id: string) => new ZoomError(404, 404, `Template does not exist: ${id}.`),
  templateType: () => new ZoomError(400, 300, 'Validation failed. You provided an incorrect value for the template type. Provide a valid value and try again.'),
  emergencyAddressNotFound: (id: string) => new ZoomError(404, 404, `Emergency address does not exist: ${id}.`),
  settingTypeInvalid: (type: string) => new ZoomError(400, 300, `Invalid user setting Type: ${type}.`),
  subSettingInvalid: () => new ZoomError(400, 300, 'Invalid user sub-setting type.'),
  voicemailShared: () => new ZoomError(400, 300, 'Voicemail has already been shared to the user.'),
  sharedNotFound: (id: string) => new ZoomError(404, 404, `Shared setting does not exist: ${id}.`),
  assistantRequired: () => new ZoomError(400, 300, 'Delegation assistant is required.'),
  assistantNotUser: () => new ZoomError(400, 300, 'Delegation assistant is not a user or a common area.'),
  assistantNotFound: (id: string) => new ZoomError(400, 300, `User delegation assistant does not exist: ${id}.`),
  notPhoneAccount: () => new ZoomError(400, 300, 'This account is not enrolled in a Zoom Phone plan. Subscribe to a Zoom Phone plan and try again.'),
  reservedExtension: (n: string) => new ZoomError(400, 300, `The extension number ${n} that you entered is a reserved number and can not be used. Provide a different number and try again.`),
  invalidCountry: () => new ZoomError(400, 300, 'The country code you entered is invalid. Provide a valid country code and try again.'),
  alreadySetUp: () => new ZoomError(400, 300, 'Zoom Phone has already been set up for this account.'),
  notMainCompanyNumber: () => new ZoomError(400, 400, 'Target phone number can not be set as main company number.'),
  companyNumberNotFound: (id: string) => new ZoomError(404, 404, `phoneNumber does not exist, phonenumberId:${id}.`),
  capabilityInvalid: () => new ZoomError(400, 300, 'The value of capability is invalid. Provide a valid capability and try again.'),
  notByoc: () => new ZoomError(400, 300, 'The phone number is not BYOC phone number.'),
  sipGroupNotFound: (id: string) => new ZoomError(400, 300, `SIP group does not exist: ${id}.`),
  invalidNumber: (n: string) => new ZoomError(400, 300, `Invalid phone number: ${n}.`),
  trunkNotFound: (id: string) => new ZoomError(404, 404, `SIP trunk does not exist: ${id}.`),
  multipleSitesOff: () => new ZoomError(400, 300, 'Multiple Sites option has been disabled. Enable it and try again.'),
  pinInvalid: () => new ZoomError(400, 300, 'PIN code could only include numbers.'),
  disableSitesFirst: () => new ZoomError(412, 412, 'Disable multiple sites after deleting other sites.'),
};
