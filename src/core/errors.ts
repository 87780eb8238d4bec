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
};
