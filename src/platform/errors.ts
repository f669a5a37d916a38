/** One issue inside an error: a field path for JSON input, or a line and column for files. */
export interface ErrorIssue {
  readonly path?: readonly (string | number)[];
  readonly line?: number;
  readonly column?: string | number;
  readonly file?: string;
  readonly code: string;
  readonly message: string;
}

/** Every error code the platform answers with, its HTTP status and a one-line meaning (docs/errors.md lists them). */
export const errorCodes = {
  VALIDATION_FAILED: {
    status: 400,
    meaning: 'The request body, query or parameters do not match the schema.',
  },
  BODY_INVALID_JSON: { status: 400, meaning: 'The request body is not valid JSON.' },
  BODY_TOO_LARGE: { status: 413, meaning: 'The request body is larger than the route accepts.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    meaning: 'The content-type of the request is not accepted by the route.',
  },
  AUTH_REQUIRED: { status: 401, meaning: 'No valid session or API token: sign in, or the session ended.' },
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    meaning: 'The email and password do not match an active account.',
  },
  AUTH_MFA_INVALID: {
    status: 401,
    meaning: 'The authentication code or recovery code is wrong or was used.',
  },
  AUTH_LINK_INVALID: {
    status: 400,
    meaning: 'The sign-in, setup or reset link is unknown, used or expired.',
  },
  AUTH_CSRF: {
    status: 403,
    meaning: "A cookie-authenticated change lacks its session's X-CSRF-Token header.",
  },
  AUTH_MFA_REQUIRED: { status: 403, meaning: 'The account must complete multi-factor authentication first.' },
  AUTH_FORBIDDEN: { status: 403, meaning: 'The role or API token scope does not allow this action.' },
  AUTH_LOCKED: { status: 429, meaning: 'Too many failed sign-ins for this account or address; retry later.' },
  SETUP_DONE: { status: 409, meaning: 'First-run setup is closed: an administrator already exists.' },
  PASSWORD_REJECTED: {
    status: 400,
    meaning: 'The new password is too short, too common or contains your name.',
  },
  NOT_FOUND: { status: 404, meaning: 'The resource does not exist, or belongs to another DSO or practice.' },
  ROUTE_NOT_FOUND: { status: 404, meaning: 'No route answers this method and path.' },
  CONFLICT: {
    status: 409,
    meaning: 'The change conflicts with existing data (for example a duplicate name or email).',
  },
  DSO_NOT_CONFIGURED: { status: 409, meaning: 'No DSO exists yet, or several exist and none was chosen.' },
  IMPORT_INVALID: {
    status: 422,
    meaning: 'An import file has problems; nothing was written. `issues` lists each one.',
  },
  CURSOR_INVALID: { status: 400, meaning: 'The pagination cursor is malformed or belongs to another sort.' },
  RATE_LIMITED: { status: 429, meaning: 'Too many requests; retry after the time given in Retry-After.' },
  BACKUP_INVALID: { status: 400, meaning: 'The backup file is not an Enamel database or is damaged.' },
  BACKUP_NEWER_SCHEMA: {
    status: 400,
    meaning: 'The backup was written by a newer Enamel; upgrade before restoring.',
  },
  AUDIT_CHAIN_BROKEN: {
    status: 500,
    meaning:
      'An audit chain failed verification: an entry was changed or removed (CLI `enamel audit verify`).',
  },
  AUDIT_ANCHOR_INVALID: {
    status: 400,
    meaning: 'The audit anchor file is not JSON or not an Enamel anchor.',
  },
  CONFIG_INVALID: { status: 500, meaning: 'An environment variable has a value of the wrong form.' },
  NOT_READY: { status: 503, meaning: 'The database is unreachable or migrations are pending.' },
  SECRET_DECRYPT_FAILED: {
    status: 500,
    meaning:
      'An encrypted value is malformed, was changed or moved to another field or record, or its data key is missing.',
  },
  MASTER_KEY_INVALID: {
    status: 500,
    meaning: 'The master key file is unsafe or malformed, or the master key does not open the data keys.',
  },
  KEY_ROTATION_INCOMPLETE: {
    status: 500,
    meaning: 'A key rotation could not re-encrypt some values, or another rotation ran at the same time.',
  },
  SSO_PROVIDER_UNAVAILABLE: {
    status: 404,
    meaning: 'The single sign-on provider does not exist or is disabled.',
  },
  SSO_STATE_INVALID: {
    status: 400,
    meaning: 'The single sign-on answer does not belong to a sign-in started in this browser, or it expired.',
  },
  SSO_PROVIDER_ERROR: {
    status: 502,
    meaning:
      'The identity provider refused the sign-in, could not be reached, or answered tokens that failed checks.',
  },
  SSO_EMAIL_UNVERIFIED: {
    status: 403,
    meaning: 'The identity provider did not give a verified email address.',
  },
  SSO_DOMAIN_NOT_ALLOWED: {
    status: 403,
    meaning: "The email's domain is not one the single sign-on provider allows.",
  },
  SSO_NO_ROLE: { status: 403, meaning: "None of the person's groups maps to an Enamel role." },
  SSO_ACCOUNT_DISABLED: { status: 403, meaning: 'The Enamel account of this person is disabled or expired.' },
  SSO_ACCOUNT_CONFLICT: {
    status: 409,
    meaning: 'The email belongs to an Enamel account of another DSO, or another sign-in is bound to it.',
  },
  MAIL_NOT_CONFIGURED: {
    status: 503,
    meaning: 'Enamel cannot send email: ENAMEL_SMTP_URL and ENAMEL_MAIL_FROM are not set.',
  },
  MAIL_SEND_FAILED: {
    status: 502,
    meaning: 'The SMTP server could not be reached or did not accept the message.',
  },
  PASSKEY_CHALLENGE_INVALID: {
    status: 400,
    meaning: 'The passkey request is unknown, was already used, or is older than 5 minutes.',
  },
  PASSKEY_INVALID: {
    status: 401,
    meaning: 'The passkey is not registered here, or its answer failed verification.',
  },
  EVIDENCE_INTEGRITY_FAILED: {
    status: 500,
    meaning: 'A stored evidence file no longer matches the SHA-256 recorded at upload; it was not served.',
  },
  INTERNAL: {
    status: 500,
    meaning: 'An unexpected error; the server log holds the details under the requestId.',
  },
} as const satisfies Record<string, { status: number; meaning: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** The single error type of Enamel: a stable code, a message in product words, and every issue found. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues: readonly ErrorIssue[];

  constructor(code: ErrorCode, message: string, issues: readonly ErrorIssue[] = []) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorCodes[code].status;
    this.issues = issues;
  }
}

export function notFound(resource: string, id: string): AppError {
  return new AppError('NOT_FOUND', `${resource} "${id}" was not found.`);
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
