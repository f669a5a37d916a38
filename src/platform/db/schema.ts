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

// Risk analysis and continuous compliance (docs/compliance.md), merged into `Database`.

/** One questionnaire answer at one scope: 'dso' (scopeId = the DSO), 'region' or 'practice'. */
export interface ComplianceAnswerTable {
  id: string;
  dsoId: string;
  scopeType: string;
  scopeId: string;
  questionId: string;
  optionId: string;
  /** Required when the chosen option is "not applicable". */
  justification: string | null;
  note: string | null;
  /** Label of who answered (a user's email, a token's name). */
  answeredBy: string;
  answeredAt: string;
}

/** A risk: threat + vulnerability + affected asset group, rated on the 3x3 scale (low/medium/high). */
export interface RiskTable {
  id: string;
  dsoId: string;
  /** Null for a DSO-wide risk. */
  practiceId: string | null;
  title: string;
  threat: string;
  vulnerability: string;
  assetGroup: string;
  likelihood: string;
  impact: string;
  /** low | medium | high | critical, derived from likelihood and impact. */
  level: string;
  /** proposed | open | closed. */
  status: string;
  /** questionnaire | manual | signal. */
  source: string;
  /** What proposed it (a question id, a signal), for idempotent proposals. */
  sourceRef: string | null;
  ownerUserId: string | null;
  /** mitigate | accept | transfer | avoid; null while untreated. */
  treatment: string | null;
  treatmentNote: string | null;
  residualLikelihood: string | null;
  residualImpact: string | null;
  residualLevel: string | null;
  nextReviewDate: string | null;
  acceptedBy: string | null;
  acceptedReason: string | null;
  acceptedUntil: string | null;
  acceptedAt: string | null;
  /** When the answers that proposed the risk stopped indicating it; the register suggests closing it. */
  sourceResolvedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RemediationTaskTable {
  id: string;
  dsoId: string;
  practiceId: string | null;
  title: string;
  description: string | null;
  ownerUserId: string | null;
  dueDate: string;
  /** open | in_progress | done | cancelled. */
  status: string;
  /** JSON arrays of risk ids and catalogue control ids. */
  riskIds: string;
  controlIds: string;
  completedAt: string | null;
  lastReminderAt: string | null;
  escalatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A DSO's settings of one catalogue control; absent means no owner and applicable. */
export interface ControlSettingTable {
  dsoId: string;
  controlId: string;
  ownerUserId: string | null;
  reviewerUserId: string | null;
  notApplicableReason: string | null;
  updatedAt: string;
}

/** An uploaded evidence file, stored once per DSO by SHA-256. */
export interface EvidenceFileTable {
  id: string;
  dsoId: string;
  sha256: string;
  size: number;
  content: Buffer;
  createdAt: string;
}

/** One piece of evidence for a control: an uploaded file, a link or a signed attestation. */
export interface EvidenceTable {
  id: string;
  dsoId: string;
  controlId: string;
  practiceId: string | null;
  vendorId: string | null;
  /** file | link | attestation. */
  kind: string;
  title: string;
  description: string | null;
  fileId: string | null;
  fileName: string | null;
  mediaType: string | null;
  sha256: string | null;
  url: string | null;
  statement: string | null;
  attestedBy: string | null;
  /** The date the evidence speaks for (YYYY-MM-DD), separate from the upload. */
  effectiveDate: string;
  /** When the evidence stops counting (UTC ISO timestamp); null never expires. */
  expiresAt: string | null;
  ownerUserId: string | null;
  reviewerUserId: string | null;
  reviewedAt: string | null;
  /** active | superseded | rejected. */
  status: string;
  /** JSON array of the reminder lead times (days) already sent. */
  remindersSent: string;
  uploadedBy: string;
  uploadedAt: string;
  /** Kept at least until this date (six years). */
  retainUntil: string;
  /** Why the evidence was rejected or superseded, who did it and when; null while active. */
  withdrawnReason: string | null;
  withdrawnBy: string | null;
  withdrawnAt: string | null;
}

/** One reading of a live signal, for the DSO (practiceId null) or one practice. */
export interface SignalReadingTable {
  id: string;
  dsoId: string;
  signal: string;
  practiceId: string | null;
  value: number;
  observedAt: string;
  /** manual | csv | the capability that fed it. */
  source: string;
  recordedBy: string;
  createdAt: string;
}

export interface PolicyTable {
  id: string;
  dsoId: string;
  templateId: string | null;
  title: string;
  category: string;
  ownerUserId: string | null;
  /** The approved version in force; null until one is approved. */
  currentVersionId: string | null;
  reviewIntervalMonths: number;
  nextReviewDate: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PolicyVersionTable {
  id: string;
  dsoId: string;
  policyId: string;
  version: number;
  /** Markdown. */
  body: string;
  sha256: string;
  changeNote: string | null;
  /** draft | approved | retired. */
  status: string;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface AttestationCampaignTable {
  id: string;
  dsoId: string;
  title: string;
  /** JSON array of policy version ids. */
  policyVersionIds: string;
  /** JSON object: { practiceIds?, jobRoles? }; empty means everyone active. */
  audience: string;
  dueDate: string;
  /** open | closed. */
  status: string;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
}

/** One person's acknowledgement in a campaign. */
export interface AttestationTable {
  id: string;
  dsoId: string;
  campaignId: string;
  personId: string;
  /** pending | acknowledged. */
  status: string;
  /** SHA-256 of the emailed acknowledgement token. */
  tokenHash: string | null;
  acknowledgedAt: string | null;
  /** link | session. */
  method: string | null;
  ip: string | null;
  userAgent: string | null;
  remindersSent: number;
  lastRemindedAt: string | null;
}

export interface VendorTable {
  id: string;
  dsoId: string;
  name: string;
  category: string;
  services: string | null;
  website: string | null;
  contactName: string | null;
  contactEmail: string | null;
  /** JSON array of practice ids; null means every practice. */
  practiceIds: string | null;
  /** none | limited | full. */
  ephiAccess: string;
  /** not_required | needed | requested | signed | expired. */
  baaStatus: string;
  baaSignedDate: string | null;
  baaRenewalDate: string | null;
  /** JSON array of sub-processor names. */
  subprocessors: string;
  lastSecurityReviewDate: string | null;
  safeguardsVerifiedDate: string | null;
  notes: string | null;
  /** Set when the DSO stops using the vendor; the record stays (BAAs are kept 6 years, 164.316(b)(2)(i)). */
  retiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RiskAnalysisSignOffTable {
  id: string;
  dsoId: string;
  userId: string | null;
  signerName: string;
  signerTitle: string;
  statement: string;
  /** SHA-256 of the report data that was signed. */
  contentSha256: string;
  signedAt: string;
}

export interface Database {
  complianceAnswers: ComplianceAnswerTable;
  risks: RiskTable;
  remediationTasks: RemediationTaskTable;
  controlSettings: ControlSettingTable;
  evidenceFiles: EvidenceFileTable;
  evidence: EvidenceTable;
  signalReadings: SignalReadingTable;
  policies: PolicyTable;
  policyVersions: PolicyVersionTable;
  attestationCampaigns: AttestationCampaignTable;
  attestations: AttestationTable;
  vendors: VendorTable;
  riskAnalysisSignOffs: RiskAnalysisSignOffTable;
}

// Phishing simulation and the report path (docs/phishing.md), merged into `Database`.

/** A DSO's own phishing template (the built-in lures are data in the repository, not rows). */
export interface PhishingTemplateTable {
  id: string;
  dsoId: string;
  name: string;
  /** patient-intake | payer | regulator | association | vendor | finance-hr | it. */
  category: string;
  /** 1 (easy to spot) to 5 (hard). */
  difficulty: number;
  senderName: string;
  senderAddress: string;
  subject: string;
  /** Sanitised HTML with {{variables}}. */
  html: string;
  text: string;
  /** JSON array of { label, explanation }. */
  redFlags: string;
  /** custom | eml | gophish. */
  source: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface LandingPageTable {
  id: string;
  dsoId: string;
  name: string;
  /** teachable | credential. */
  kind: string;
  html: string;
  redirectUrl: string | null;
  /** custom | gophish. */
  source: string;
  createdAt: string;
  updatedAt: string;
}

export interface SendingProfileTable {
  id: string;
  dsoId: string;
  name: string;
  /** Encrypted at rest: the SMTP URL carries the password. */
  smtpUrl: string;
  maxConnections: number;
  dkimDomain: string | null;
  dkimSelector: string | null;
  /** Encrypted at rest. */
  dkimPrivateKey: string | null;
  /** JSON array of { name, value }; the simulation header is always added. */
  headers: string;
  /** The header that tells mail administrators a message is a simulation (default X-Enamel-Simulation: true). */
  simulationHeaderName: string;
  simulationHeaderValue: string;
  createdAt: string;
  updatedAt: string;
}

export interface PhishingCampaignTable {
  id: string;
  dsoId: string;
  name: string;
  /** draft | scheduled | sending | paused | completed | cancelled. */
  status: string;
  /** JSON array of template ids (built-in ids start with "builtin:"). */
  templateIds: string;
  landingPageId: string | null;
  sendingProfileId: string | null;
  /** JSON: { practiceIds?, jobRoles?, tags?, sharedMailboxes?: [{ email, practiceId, label }] }. */
  audience: string;
  launchAt: string;
  sendBy: string | null;
  /** JSON: { start: 'HH:MM', end: 'HH:MM', days: [1..7] } in each practice's time zone. */
  businessHours: string;
  recipients: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

/** One recipient's simulation email: its sending state and what the recipient did. */
export interface PhishingMessageTable {
  id: string;
  dsoId: string;
  campaignId: string;
  personId: string | null;
  practiceId: string | null;
  email: string;
  firstName: string;
  lastName: string;
  jobRole: string;
  /** 1 for a shared mailbox (front desk), which is not one person. */
  sharedMailbox: number;
  templateId: string;
  /** At least 128 random bits, base64url: the only key the tracking server accepts. */
  token: string;
  /** scheduled | sending | sent | error | cancelled. */
  state: string;
  scheduledAt: string;
  attempts: number;
  /** A sender holds a message in `sending` until this time; past it, the claim is stale. */
  leaseUntil: string | null;
  sentAt: string | null;
  smtpMessageId: string | null;
  lastError: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  submittedAt: string | null;
  reportedAt: string | null;
  automatedClicks: number;
}

export interface PhishingEventTable {
  id: string;
  dsoId: string;
  campaignId: string;
  messageId: string;
  /** email_sent | error_sending | email_opened | clicked_link | submitted_data | email_reported. */
  type: string;
  occurredAt: string;
  /** 1 when a mail scanner, not a person, caused it. */
  automated: number;
  ip: string | null;
  userAgent: string | null;
  /** JSON; never submitted field values. */
  detail: string;
}

export interface ReportedEmailTable {
  id: string;
  dsoId: string;
  sha256: string;
  size: number;
  raw: Buffer;
  /** smtp | imap | api | upload. */
  source: string;
  reporterEmail: string | null;
  subject: string | null;
  fromAddress: string | null;
  receivedAt: string;
  /** The simulation message it reports, when it is one of Enamel's own. */
  simulationMessageId: string | null;
  /** simulation | new (waiting for triage) | ... */
  status: string;
}

export interface ReportMailboxTable {
  id: string;
  dsoId: string;
  host: string;
  port: number;
  secure: number;
  username: string;
  /** Encrypted at rest. */
  password: string;
  folder: string;
  lastUid: number | null;
  uidValidity: string | null;
  enabled: number;
  lastPolledAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookTable {
  id: string;
  dsoId: string;
  name: string;
  url: string;
  /** Encrypted at rest: the HMAC-SHA256 key. */
  secret: string;
  /** JSON array of event names. */
  events: string;
  active: number;
  /** The last event id the dispatcher scanned for this webhook (its own id before the first scan). */
  checkpoint: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDeliveryTable {
  id: string;
  dsoId: string;
  webhookId: string;
  eventId: string;
  event: string;
  payload: string;
  /** pending | delivered | failed. */
  state: string;
  attempts: number;
  nextAttemptAt: string;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface Database {
  phishingTemplates: PhishingTemplateTable;
  landingPages: LandingPageTable;
  sendingProfiles: SendingProfileTable;
  phishingCampaigns: PhishingCampaignTable;
  phishingMessages: PhishingMessageTable;
  phishingEvents: PhishingEventTable;
  reportedEmails: ReportedEmailTable;
  reportMailboxes: ReportMailboxTable;
  webhooks: WebhookTable;
  webhookDeliveries: WebhookDeliveryTable;
}
