import type { Generated } from 'kysely';

// Timestamps are UTC ISO-8601 text and dates are YYYY-MM-DD text in both dialects, so they sort and compare alike.

export interface DsoTable {
  id: string;
  name: string;
  /** Bumped by every audited change of the DSO's data: cached reads are valid while it stays the same. */
  dataVersion: Generated<number>;
  legalName: string | null;
  /** JSON array of domain names. */
  domains: string;
  /** JSON object (Address) or null. */
  hqAddress: string | null;
  /** JSON object. */
  settings: string;
  createdAt: string;
  updatedAt: string;
}

export interface RegionTable {
  id: string;
  dsoId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

export interface PracticeTable {
  id: string;
  dsoId: string;
  regionId: string | null;
  name: string;
  nameKey: string;
  legalEntity: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  state: string;
  postalCode: string | null;
  timeZone: string;
  phone: string | null;
  chairs: number | null;
  activePatients: number | null;
  npi: string | null;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface PersonTable {
  id: string;
  dsoId: string;
  firstName: string;
  lastName: string;
  email: string;
  jobRole: string;
  status: string;
  hireDate: string | null;
  terminationDate: string | null;
  /** JSON array of tags. */
  tags: string;
  /** Lower-case "first last email", for text search. */
  searchText: string;
  /** Lower-case "last, first", the default sort. */
  sortName: string;
  createdAt: string;
  updatedAt: string;
}

export interface PracticeMembershipTable {
  dsoId: string;
  personId: string;
  practiceId: string;
  createdAt: string;
}

export interface UserTable {
  id: string;
  dsoId: string;
  /** The workforce record this account belongs to, when there is one. */
  personId: string | null;
  email: string;
  displayName: string;
  role: string;
  status: string;
  passwordHash: string | null;
  passwordChangedAt: string | null;
  /** TOTP seed, encrypted at rest. */
  mfaSecret: string | null;
  mfaEnabledAt: string | null;
  /** The last TOTP time step accepted, so a code cannot be used twice (RFC 6238 5.2). */
  mfaLastStep: number | null;
  /** JSON array of SHA-256 hashes of unused recovery codes. */
  recoveryCodes: string;
  /** Auditor accounts end on this date-time. */
  expiresAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UserPracticeTable {
  dsoId: string;
  userId: string;
  practiceId: string;
}

export interface SessionTable {
  /** SHA-256 of the session token; the token itself is only in the cookie. */
  id: string;
  userId: string;
  dsoId: string;
  csrfToken: string;
  mfaPassed: number;
  method: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface ApiTokenTable {
  id: string;
  dsoId: string;
  name: string;
  /** SHA-256 of the secret part. */
  tokenHash: string;
  /** JSON array of permissions. */
  scopes: string;
  createdBy: string | null;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface OneTimeTokenTable {
  /** SHA-256 of the token. */
  id: string;
  kind: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface SignInThrottleTable {
  /** `account:<email>` or `ip:<address>`. */
  key: string;
  failures: number;
  lockedUntil: string | null;
  updatedAt: string;
}

export interface KyselyMigrationTable {
  name: string;
  timestamp: string;
}

export interface Database {
  dsos: DsoTable;
  regions: RegionTable;
  practices: PracticeTable;
  people: PersonTable;
  practiceMemberships: PracticeMembershipTable;
  users: UserTable;
  userPractices: UserPracticeTable;
  sessions: SessionTable;
  apiTokens: ApiTokenTable;
  oneTimeTokens: OneTimeTokenTable;
  signInThrottles: SignInThrottleTable;
}

export type { Generated };

export interface AuditEventTable {
  id: string;
  /** The DSO id, or 'platform' for installation-level events: one hash chain each. */
  chainKey: string;
  seq: number;
  dsoId: string | null;
  occurredAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  userAgent: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  /** JSON array of field names (never values). */
  changedFields: string;
  /** JSON object of numbers, or null. */
  detail: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditChainTable {
  chainKey: string;
  lastSeq: number;
  lastHash: string;
}

/** The audit tables, merged into `Database` (declaration merging keeps this an append). */
export interface Database {
  auditEvents: AuditEventTable;
  auditChains: AuditChainTable;
}

export interface EncryptionKeyTable {
  /** UUIDv7; every ciphertext names the data key it was made with (`enc:v1:<id>:...`). */
  id: string;
  /** `v1:<iv>:<ciphertext+tag>` (base64url): the data key sealed with AES-256-GCM under the master key. */
  wrappedKey: string;
  /** Fingerprint of the master key that wrapped it (never the key itself). */
  kekFingerprint: string;
  /** 'active' (new values) or 'retired' (still decrypts older values). */
  status: string;
  createdAt: string;
  retiredAt: string | null;
}

/** The data-key table, merged into `Database`. */
export interface Database {
  encryptionKeys: EncryptionKeyTable;
}

/** Word-prefix search terms of people (names and email), merged into `Database`. */
export interface PersonSearchTermTable {
  dsoId: string;
  personId: string;
  /** A word of the name or email, lower-cased without diacritics; prefixes match as a byte-wise range. */
  term: string;
}

export interface Database {
  personSearchTerms: PersonSearchTermTable;
}

/** Single sign-on (docs/sso.md): a DSO's OpenID Connect providers, merged into `Database`. */
export interface SsoProviderTable {
  id: string;
  dsoId: string;
  name: string;
  /** 'entra' | 'google' | 'generic'. */
  kind: string;
  issuerUrl: string;
  clientId: string;
  /** The client secret, encrypted at rest (enc:v1:...). */
  clientSecret: string;
  /** JSON array of lower-case email domains. */
  allowedDomains: string;
  groupClaim: string;
  /** JSON array of { group, role }, first match wins. */
  roleMappings: string;
  /** Role when no group matches; null refuses the sign-in. */
  defaultRole: string | null;
  /** 1 when the provider is trusted to enforce MFA, so its sign-ins pass Enamel's MFA. */
  enforcesMfa: number;
  enabled: number;
  createdAt: string;
  updatedAt: string;
}

/** An account signed in through a provider: the provider's subject, bound to one user. */
export interface SsoIdentityTable {
  providerId: string;
  subject: string;
  userId: string;
  dsoId: string;
  /** 1 when the provider's groups set the user's role at each sign-in (accounts it created). */
  managesRole: number;
  createdAt: string;
  lastSignInAt: string;
}

/** A sign-in in flight: what the callback checks. */
export interface SsoLoginTable {
  /** SHA-256 of the browser's flow cookie. */
  id: string;
  providerId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  createdAt: string;
  expiresAt: string;
}

export interface Database {
  ssoProviders: SsoProviderTable;
  ssoIdentities: SsoIdentityTable;
  ssoLogins: SsoLoginTable;
}

/** WebAuthn passkeys: one authenticator's public key, bound to one user, merged into `Database`. */
export interface PasskeyTable {
  id: string;
  userId: string;
  dsoId: string;
  /** The credential id (base64url), unique across the installation. */
  credentialId: string;
  /** The COSE public key (base64url); public material, never a secret. */
  publicKey: string;
  /** The authenticator's signature counter (a bigint column: PostgreSQL may answer it as a string). */
  counter: number | string;
  /** JSON array of transport hints. */
  transports: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** A WebAuthn challenge in flight: single use, five minutes. */
export interface WebauthnChallengeTable {
  id: string;
  /** The user registering or passing MFA; null for a passwordless sign-in. */
  userId: string | null;
  challenge: string;
  /** 'register' | 'mfa' | 'sign-in'. */
  kind: string;
  expiresAt: string;
  usedAt: string | null;
}

export interface Database {
  passkeys: PasskeyTable;
  webauthnChallenges: WebauthnChallengeTable;
}
