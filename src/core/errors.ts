// Every error the API answers is a ZoomError: an HTTP status plus Zoom's
// `{code, message}` body. Named constructors below are the one registry of
// codes; providers throw them and the pipeline serialises them.

export interface FieldError {
  field: string;
  message: string;
}

export class ZoomError extends Error {
  readonly status: number;
  readonly code: number;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(status: number, code: number, message: string, errors?: FieldError[], headers?: Record<string, string>) {
    super(message);
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.headers = headers;
  }
  toJSON(): { code: number; message: string; errors?: FieldError[] } {
    return this.errors ? { code: this.code, message: this.message, errors: this.errors } : { code: this.code, message: this.message };
  }
}

export const Errors = {
  // Authentication and authorisation
  invalidToken: () => new ZoomError(401, 124, 'Invalid access token.'),
  expiredToken: () => new ZoomError(401, 124, 'Access token is expired.'),
  missingScopes: (scopes: readonly string[]) =>
    new ZoomError(400, 4711, `Invalid access token, does not contain scopes:[${scopes.join(', ')}].`),
  noPermission: () => new ZoomError(400, 200, 'No permission.'),
  forbiddenAccount: () => new ZoomError(403, 200, 'No permission.'),

  // Request shape
  validation: (errors: FieldError[]) => new ZoomError(400, 300, 'Validation Failed.', errors),
  invalidJson: () => new ZoomError(400, 300, 'Request Body should be a valid JSON object.'),
  bodyTooLarge: (limit: number) => new ZoomError(413, 300, `Request Body is too large (limit ${limit} bytes).`),
  unsupportedMediaType: (type: string) => new ZoomError(415, 300, `Unsupported Content-Type: ${type}.`),
  invalidPageToken: () => new ZoomError(400, 300, 'The next page token is invalid or expired.'),
  badRequest: (message: string) => new ZoomError(400, 300, message),
  // 404/2300 as Zoom answers an unknown path (zoom/rivet-javascript#12 shows it verbatim).
  endpointNotRecognized: () => new ZoomError(404, 2300, 'This API endpoint is not recognized.'),
  notImplemented: (operationId: string) => new ZoomError(501, 501, `Not implemented yet: ${operationId}`),
  internal: () => new ZoomError(500, 500, 'Internal server error.'),

  // Writes that kept losing races with concurrent writes of the same rows: Zoom's
  // "try again later" status, which clients (and Zoom's SDK) already retry.
  writeContention: () =>
    new ZoomError(429, 429, 'Too many concurrent requests are changing the same data. Try again later.', undefined, { 'Retry-After': '1' }),

  // Rate limits
  rateLimitedPerSecond: (headers: Record<string, string>) =>
    new ZoomError(429, 429, 'You have reached the maximum per-second rate limit for this API. Try again later.', undefined, headers),
  rateLimitedDaily: (retryAt: string, headers: Record<string, string>) =>
    new ZoomError(429, 429, `You have reached the maximum daily rate limit for this API. Retry at ${retryAt}.`, undefined, headers),
  rateLimitedUserMeetings: (headers: Record<string, string>) =>
    new ZoomError(
      429,
      429,
      'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.',
      undefined,
      headers,
    ),

  // Roles (Zoom's codes from the roles spec)
  roleNotFound: () => new ZoomError(400, 1034, 'Provided role_id does not exist.'),
  roleNameTaken: (name: string) => new ZoomError(400, 1224, `Role name ${name} has already been used.`),
  rolePaidOnly: () => new ZoomError(400, 200, 'The account must be a paid account to update the role.'),
  roleMembersFixed: () => new ZoomError(400, 300, "Can't delete or add members for Normal/Owner roles."),
  roleBuiltIn: (action: string) => new ZoomError(400, 300, `Can't ${action} the Owner, Admin or Member role.`),
  roleHasMembers: () => new ZoomError(400, 300, 'Role cannot be deleted while users are assigned to it.'),
  ownerRoleFixed: () => new ZoomError(400, 300, "The account owner's role cannot be changed."),

  // Information Barriers (Zoom's codes from the information barriers spec)
  policyNotFound: (policyId: string) => new ZoomError(400, 7001, `Group policy not found: ${policyId}.`),
  policyDuplicate: (assigned: string, to: string) =>
    new ZoomError(
      400,
      7002,
      `Unable to add this policy, as it would create duplicate policies which is not permitted. assigned_group_id: ${assigned}, to_group_id: ${to}.`,
    ),
  policyGroups: () => new ZoomError(400, 300, 'assigned_group_id and to_group_id are required fields and cannot be left empty or the same.'),
  policyName: () => new ZoomError(400, 300, 'policy_name is a required field and cannot be left empty.'),
  policyPaidOnly: (accountId: string) => new ZoomError(400, 200, `Only available for Paid account: ${accountId}.`),

  // Accounts, users (keep one section per category; add new codes to their section)
  accountNotFound: (accountId: string) => new ZoomError(404, 2001, `Account does not exist: ${accountId}.`),
  userNotFound: (userId: string) => new ZoomError(404, 1001, `User does not exist: ${userId}.`),
  userNotInAccount: (userId: string) => new ZoomError(400, 1010, `User does not belong to this account: ${userId}.`),
  emailTaken: (email: string) => new ZoomError(409, 1005, `Email "${email}" has already been used.`),
  ownerCannotBeDeleted: () => new ZoomError(400, 300, 'The account owner cannot be deleted or unlinked.'),
  groupNotFound: (groupId: string) => new ZoomError(404, 4130, `Group does not exist: ${groupId}.`),
  // Zoom's 2034 wording (users spec, userCreate/userUpdate).
  licenseLimit: (max: number) =>
    new ZoomError(
      400,
      2034,
      `Your request to add a new Licensed user could not be approved at this time because your account has reached the permitted maximum number of ${max} users. Please purchase additional licenses or contact the Zoom support team to provision additional users in your account.`,
    ),

  // Users: status, email, password, presence, assistants, devices, features (messages as the users spec documents them)
  emailChangeAdminOnly: () => new ZoomError(400, 200, 'Only an account administrator can change email.'),
  adminEmailLocked: () => new ZoomError(400, 1000, 'Admin can not change other admins email.'),
  userStatusLocked: () => new ZoomError(400, 200, "Zoom Room and Admin users' status cannot be activated or deactivated."),
  assistantsPaidOnly: (userId: string) => new ZoomError(400, 200, `Current account must be paid account: ${userId}`),
  assistantLicenseRequired: (who: string) =>
    new ZoomError(400, 200, `The user must either be a Licensed user or an On-prem user : ${who}.`),
  assistantSelf: () => new ZoomError(400, 200, "Can't assign scheduling privilege to yourself."),
  assistantUserNotFound: (who: string) => new ZoomError(400, 200, `Can't find user ${who}.`),
  assistantExists: (who: string) => new ZoomError(400, 200, `User ${who} has already granted scheduling privilege.`),
  passwordTooShort: (min: number) => new ZoomError(400, 1124, `Have at least ${min} characters`),
  passwordNeedsLetter: () => new ZoomError(400, 1125, 'Have at least 1 letter (a, b, c…)'),
  passwordNeedsNumber: () => new ZoomError(400, 1126, 'Have at least 1 number (1, 2, 3…)'),
  passwordSameCharacter: () => new ZoomError(400, 1130, "Password can't use the same character."),
  passwordSequence: () => new ZoomError(400, 1131, "Password can't use continuation character.Such as 'abcdef','123456'."),
  passwordTooEasy: () => new ZoomError(400, 1136, 'Your password is too easy to guess. Try another one.'),
  passwordUnchanged: () => new ZoomError(400, 300, 'Your new password can not match the old password.'),
  passwordAdmin: () => new ZoomError(400, 1117, "Can not update Admin's password"),
  passwordNotWorkEmail: () => new ZoomError(400, 1123, 'Can only update password of Zoom work email account'),
  presenceFailed: () => new ZoomError(400, 5301, 'Request to update the presence status of this user failed.'),
  presenceReadFailed: () => new ZoomError(400, 5301, 'Request to read the presence status of this user failed.'),
  presenceForbidden: () =>
    new ZoomError(400, 5411, 'Unauthorized request. You do not have permission to update the presence status of this user.'),
  collaborationDeviceNotFound: (id: string) => new ZoomError(404, 1238, `Collaboration Device does not exist: ${id}.`),
  featuresPaidOnly: () => new ZoomError(400, 200, 'Current account must be a paid account.'),
  subscriptionNotFound: (id: string) =>
    new ZoomError(400, 300, `The subscription "${id}" you entered does not exist. Please choose a different subscription and try again.`),

  // Groups (messages as the groups spec documents them)
  groupDoesNotExist: (groupId: string) => new ZoomError(404, 4130, `A group with this ${groupId} does not exist.`),
  groupNameTaken: (name: string) => new ZoomError(409, 4132, `The group name "${name}" is already in use.`),
  groupNameInUse: (name: string) => new ZoomError(409, 4132, `Group name ${name} is already in use.`),
  groupsPaidOnly: () => new ZoomError(400, 200, 'Only available for Paid account.'),
  groupMemberNotFound: () => new ZoomError(404, 4131, 'Group member does not exist.'),
  notGroupAdmin: (groupId: string) => new ZoomError(400, 4138, `That user is not an administrator for the group: "${groupId}".`),
  groupsLimit: () => new ZoomError(400, 300, 'It has reached the maximum number of groups. You can clean up some groups then add.'),

  // Accounts (sub accounts, owner, domains) and uploads (profile pictures, virtual backgrounds)
  paidSubAccount: () => new ZoomError(404, 2000, 'You cannot disassociate a paid account.'),
  payModeLocked: () => new ZoomError(400, 200, 'The pay mode cannot be updated for a sub account which already has an existing plan.'),
  meetingConnectorsNotFound: () => new ZoomError(400, 2115, 'Some meeting connectors you provided cannot be found.'),
  ownerOutsideAccount: () => new ZoomError(400, 200, 'Cannot make a user outside of your account an owner.'),
  ownerNotEligible: (accountId: string) =>
    new ZoomError(400, 200, `User is not an admin or is an API user or doesn't belong to this account: ${accountId}.`),
  alreadyOwner: () => new ZoomError(400, 200, 'Cannot update the role of an account owner.'),
  paidAccountsOnly: (accountId: string) => new ZoomError(400, 200, `Only available for Paid or ZMP account: ${accountId}.`),
  adminCannotSwitch: () => new ZoomError(400, 1117, 'Can not disassociate Admin user'),
  userNotInThisAccount: (userId: string) => new ZoomError(404, 1001, `User ${userId} does not exist or does not belong to this account.`),
  noFileUploaded: () => new ZoomError(400, 120, 'No file uploaded, verify that a file has been uploaded.'),
  fileEmpty: () => new ZoomError(400, 120, 'File is empty.'),
  fileTooLarge: (size: string) => new ZoomError(400, 120, `File size cannot exceed ${size}.`),
  tooManyFiles: () => new ZoomError(400, 120, 'A maximum of 10 files are allowed for a user.'),
  pictureType: () => new ZoomError(400, 120, 'Only jpg/jpeg or png image file can be uploaded.'),
  backgroundType: () => new ZoomError(400, 120, 'File uploads must be in "jpg/jpeg", "gif", or "png" file format.'),
  invalidFileIds: () => new ZoomError(400, 300, 'Invalid parameter: file_ids'),

  // Billing and plans (master accounts on their sub accounts)
  selfPay: () => new ZoomError(400, 2100, 'This subaccount is on self pay mode.'),
  subscribePlanFirst: () => new ZoomError(400, 200, 'Please subscribe a plan for this sub account first.'),
  billingPaidOnly: (accountId: string) => new ZoomError(400, 200, `Only available for Paid account: ${accountId}.`),
  usagePaidOnly: () => new ZoomError(400, 200, 'Only available for paid account.'),
  invoiceNotFound: (invoiceId: string) => new ZoomError(400, 2001, `InvoiceId does not exist: ${invoiceId}.`),
  invalidCountry: (country: string) => new ZoomError(400, 2100, `Invalid country parameter: ${country}.`),
  invalidPlanType: () => new ZoomError(400, 2100, 'Invalid plan type.'),
  invalidAddonType: (code: string) => new ZoomError(400, 2100, `Invalid Additional Plan Type: ${code}.`),
  cannotBuyProduct: () => new ZoomError(400, 2100, "Account can't buy this product."),
  addonOnFreePlan: () => new ZoomError(400, 2100, 'Cannot update Additional plan for a subaccount under free plan.'),
  addonHeld: (code: string) => new ZoomError(400, 2100, `This subaccount already has the additional plan: ${code}.`),
  majorPlanFirst: () => new ZoomError(400, 3261, 'Must subscribe to a major plan first.'),
  addonChangeFailed: (accountId: string) => new ZoomError(400, 3261, `Failed to change sub plan of account:${accountId}.`),
  tooManyPaidUsers: (n: number) =>
    new ZoomError(400, 2100, `The account currently has "${n}" paid users. Change the user type to Basic and reduce the number of paid users before performing this action.`),
  addonNotHeld: (code: string) => new ZoomError(400, 200, `You do not have a "${code}" plan subscription.`),
  cancelAddonOnFree: () => new ZoomError(400, 200, 'You cannot cancel an add-on plan for a sub account that is under a Free plan.'),
  cancelBaseOnFree: () => new ZoomError(400, 200, 'Cannot cancel plan for a sub account which is under free plan.'),
  cancelAddonsFirst: () => new ZoomError(400, 200, 'You should first cancel all additional subscriptions.'),
  basePlanHeld: () => new ZoomError(400, 2100, 'This sub account already has a base plan. Update the base plan instead.'),
  reportSpan: () => new ZoomError(400, 2100, 'The span of start_time and end_time must be within a month to generate invoice reports.'),
  reportNeedsAccounts: () => new ZoomError(400, 2100, 'You must provide at least one sub account for which to generate an invoice report.'),
  reportAccountsNotFound: (masterId: string) =>
    new ZoomError(400, 10102, `One or more of the sub accounts provided were not found under the master account ID: ${masterId}`),
  invoiceReportNotFound: (id: string) => new ZoomError(400, 2001, `Invoice Report ID does not exist: ${id}.`),
  renewalsParams: () => new ZoomError(400, 2100, 'Invalid parameter: interval/page_size.'),

  // TSP and PAC
  tspNotEnabled: () => new ZoomError(400, 2024, 'Account has not enabled TSP.'),
  tspBridge: () => new ZoomError(400, 300, 'Invalid parameter: tsp_bridge.'),
  tspLimit: () => new ZoomError(400, 300, 'You can add a maximum of two TSP configs.'),
  tspNotFound: () => new ZoomError(400, 300, 'TSP config does not exist.'),
  tspLastOne: () => new ZoomError(400, 300, 'At least one TSP config must be available.'),
  tspNotSpecial: () => new ZoomError(400, 2000, 'Not TSP special account.'),
  pacNotEnabled: () => new ZoomError(400, 2024, 'User does not have PAC enabled.'),

  // Tracking fields
  trackingFieldNotFound: (fieldId: string) => new ZoomError(404, 5110, `Tracking field does not exist: ${fieldId}.`),
  trackingFieldTaken: (field: string) => new ZoomError(400, 200, `Tracking field ${field} already exists.`),
  trackingFieldRequired: (field: string) => new ZoomError(400, 300, `Tracking field is required: ${field}.`),
  trackingFieldUnknown: (field: string) => new ZoomError(400, 300, `Tracking field does not exist: ${field}.`),

  // H.323/SIP devices
  deviceNameTaken: (name: string) => new ZoomError(404, 2020, `H.323 device's display name ${name} is already in use.`),
  deviceNotFound: (deviceId: string) => new ZoomError(404, 2000, `H.323 device does not exist: ${deviceId}.`),

  // SIP phones
  sipPhoneNotEnabled: () => new ZoomError(400, 200, 'Permission missing. Enable SIP phone integration by contacting a Zoom admin first.'),
  sipPhoneNotEnabledLegacy: () => new ZoomError(400, 200, 'Permission missing: Enable SIP Phone Integration by contacting a Zoom Admin first.'),
  sipPhoneEmailTaken: () => new ZoomError(400, 300, 'SIP phone with the same email already exists.'),
  sipPhoneEmailTakenLegacy: () => new ZoomError(400, 300, 'SIP Phone with the same email already exists.'),
  sipPhoneUserNotFound: (email: string) => new ZoomError(404, 1001, `User ${email} not exist or not belong to this account.`),
  sipPhoneNotFound: (phoneId: string) => new ZoomError(404, 2305, `SIP phone does not exist: ${phoneId}.`),
  sipPhoneNotFoundLegacy: () => new ZoomError(400, 300, 'The SIP phone with this phoneId was not found on this account.'),

  // SIP Connected Audio (master accounts on their sub accounts)
  notMasterAccount: () =>
    new ZoomError(400, 300, 'This account is not a master account. To get access to this API, enroll your account in the API Partner Plan and get it made into a master account.'),
  onlyMasterOnSub: () =>
    new ZoomError(400, 300, 'Your account does not have the permission to make updates on this account. Only a master account can perform this action on a subaccount.'),
  sipAudioNotEnrolled: () => new ZoomError(400, 300, 'Request failed because this account is not enrolled in SIP Connected Audio plan.'),
  sipTrunkPlanMissing: () => new ZoomError(400, 2100, 'This subaccount has no SIP trunk plan.'),
  calloutCountriesInvalid: () => new ZoomError(400, 300, 'Either one or more parameters provided in the callout_countries object are invalid.'),
  calloutCountryNotFound: (id: string) => new ZoomError(404, 2302, `Callout Country does not exist: ${id}.`),
  internalNumberTaken: () =>
    new ZoomError(400, 300, 'The value you provided for the number field has already been used. Please provide a unique value for this field.'),
  internalNumbersInvalid: () => new ZoomError(400, 300, 'One or more parameters provided in the internal_numbers object are invalid.'),
  internalNumberNotFound: (id: string) => new ZoomError(404, 2303, `Internal Number does not exist: ${id}.`),
  internalNumberUpdateFailed: () => new ZoomError(400, 2, 'Your request to update the internal number has failed.'),
  internalNumbersLimit: (max: number) => new ZoomError(400, 300, `You can only assign a maximum of ${max} phone numbers to this account.`),
  trunkNumberNotOwned: (number: string) => new ZoomError(400, 400, `This number does not belong to master account: ${number}.`),
  sipTrunksInvalid: () => new ZoomError(400, 300, 'One or more parameters provided in the sip_trunks object are invalid.'),
  masterTrunksMissing: () => new ZoomError(400, 300, "Request failed because this subaccount's master account is missing SIP Trunk Configurations."),
  sipTrunkNotFound: (id: string) => new ZoomError(404, 2301, `SIP Trunk does not exist: ${id}.`),

  // Settings (account, group and user settings, lock settings)
  // 400/200 as the settings operations word their paid-plan refusals.
  settingsPaidOnly: () => new ZoomError(400, 200, 'Only available for paid accounts.'),
  // No documented code for a change to a locked setting: 400/200, Zoom's permission code.
  settingLocked: (field: string) => new ZoomError(400, 200, `This setting has been locked by your admin and cannot be modified: ${field}.`),
  webinarNeedsLicense: () => new ZoomError(400, 1122, 'Webinar feature can only be enabled for Licensed or On-prem users.'),
  largeMeetingNeedsLicense: () => new ZoomError(400, 1108, 'Only Licensed or On-prem users can enable the large meeting feature.'),

  // Live meetings (src/live) and past meetings
  liveMeetingNotFound: (meetingId: string) => new ZoomError(404, 3001, `Meeting ${meetingId} is not found or has expired.`),
  pastMeetingNotFound: (meetingId: string) => new ZoomError(404, 3001, `Meeting does not exist: ${meetingId}.`),
  // What Zoom answers for a meeting that has not ended yet (github.com/zoom/api/issues/33).
  pastMeetingNotEnded: () => new ZoomError(404, 3001, 'Meeting ID is invalid or not end.'),
  pastMeetingTooOld: () => new ZoomError(400, 12702, 'Cannot access a meeting a year ago.'),
  pastMeetingPaidOnly: (accountId: string) => new ZoomError(400, 200, `Only available for paid account: ${accountId}.`),
  // In-meeting controls on a meeting that is not live: the live meeting does not exist.
  meetingNotLive: () => new ZoomError(400, 300, 'Meeting does not exist.'),
  inMeetingControlUnavailable: () => new ZoomError(400, 300, 'This API is not available for this account. Please contact Zoom support.'),
  // Control-plane refusals of live actions the meeting's state does not allow.
  liveConflict: (message: string) => new ZoomError(400, 3000, message),
  liveParticipantNotFound: (participantId: string) => new ZoomError(404, 3001, `Participant ${participantId} is not in this meeting.`),
};
