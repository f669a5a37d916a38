// Views and inputs of the HTTP API, as documented in docs/api.md.

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Address {
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  postalCode: string;
}

export interface DsoView {
  id: string;
  name: string;
  legalName: string | null;
  domains: string[];
  hqAddress: Address | null;
  settings: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

export const roles = [
  'dso_admin',
  'security_officer',
  'it_admin',
  'practice_manager',
  'staff',
  'auditor',
] as const;
export type Role = (typeof roles)[number];

export interface UserView {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  status: 'active' | 'disabled';
  practiceIds: string[];
  mfaEnabled: boolean;
  expiresAt: string | null;
  lastSignInAt: string | null;
  createdAt: string;
}

export interface MeView {
  user: UserView;
  dso: { id: string; name: string };
  csrfToken: string;
  session: { mfaPassed: boolean; mfaRequired: boolean; expiresAt: string };
  /** What the caller's role may do, from the server's permission matrix. */
  permissions: string[];
  assignableRoles: Role[];
}

/** `enrol`: set up TOTP now; `challenge`: enter a code; the others need nothing more. */
export type MfaState = 'passed' | 'challenge' | 'enrol' | 'not_required';

export interface SignInResult {
  user: UserView;
  csrfToken: string;
  mfa: MfaState;
}

export interface SetupInput {
  dsoName: string;
  displayName: string;
  email: string;
  password: string;
}

export interface MfaEnrolment {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface SessionView {
  id: string;
  method: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

export interface CreateUserInput {
  email: string;
  displayName: string;
  role: Role;
  practiceIds?: string[];
  expiresAt?: string | null;
}

export interface UpdateUserInput {
  displayName?: string;
  role?: Role;
  status?: UserView['status'];
  practiceIds?: string[];
  expiresAt?: string | null;
}

export const tokenScopes = [
  'practices:read',
  'people:read',
  'people:import',
  'regions:read',
  'audit:read',
  'audit:export',
] as const;
export type TokenScope = (typeof tokenScopes)[number];

export interface TokenView {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateTokenInput {
  name: string;
  scopes: TokenScope[];
  expiresInDays: number;
}

export const auditOutcomes = ['allowed', 'denied', 'failed'] as const;

export interface AuditEventView {
  id: string;
  dsoId: string | null;
  seq: number;
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
  changedFields: string[];
  detail: Record<string, number> | null;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  resourceType?: string;
  resourceId?: string;
  outcome?: string;
  /** ISO-8601 instants. */
  from?: string;
  to?: string;
}

export interface DsoInput {
  name: string;
  legalName?: string | null;
  domains?: string[];
  hqAddress?: Address | null;
}

export type UpdateDsoInput = Partial<DsoInput>;

export interface RegionView {
  id: string;
  name: string;
  practiceCount: number;
  createdAt: string;
  updatedAt: string;
}

export const practiceStatuses = ['active', 'onboarding', 'closed'] as const;
export type PracticeStatus = (typeof practiceStatuses)[number];

export interface PracticeView {
  id: string;
  name: string;
  legalEntity: string | null;
  regionId: string | null;
  regionName: string | null;
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
  status: PracticeStatus;
  peopleCount: number;
  createdAt: string;
  updatedAt: string;
}

/** Create body; on update any subset, with `null` clearing an optional value. */
export interface PracticeInput {
  name?: string;
  legalEntity?: string | null;
  regionId?: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  state?: string;
  postalCode?: string | null;
  timeZone?: string;
  phone?: string | null;
  chairs?: number | null;
  activePatients?: number | null;
  npi?: string | null;
  status?: PracticeStatus;
}

export interface PracticeListParams {
  search?: string;
  state?: string;
  status?: string;
  regionId?: string;
  sort?: string;
}

export const jobRoles = [
  'dentist',
  'hygienist',
  'assistant',
  'front_desk',
  'office_manager',
  'billing',
  'it',
  'executive',
  'other',
] as const;
export type JobRole = (typeof jobRoles)[number];

export const personStatuses = ['active', 'leave', 'terminated'] as const;
export type PersonStatus = (typeof personStatuses)[number];

export interface PersonView {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  jobRole: JobRole;
  status: PersonStatus;
  hireDate: string | null;
  terminationDate: string | null;
  tags: string[];
  practices: { id: string; name: string }[];
  createdAt: string;
  updatedAt: string;
}

/** Create body; on update any subset, with `null` clearing an optional date. */
export interface PersonInput {
  firstName?: string;
  lastName?: string;
  email?: string;
  jobRole?: JobRole;
  practiceIds?: string[];
  hireDate?: string | null;
  terminationDate?: string | null;
  status?: PersonStatus;
  tags?: string[];
}

export interface PeopleListParams {
  search?: string;
  practiceId?: string;
  jobRole?: string;
  status?: string;
  sort?: string;
}

export interface ImportSummary {
  create: number;
  update: number;
  terminate: number;
  unchanged: number;
}

export interface ImportResult {
  dryRun: boolean;
  rows: number;
  summary: ImportSummary;
}

export interface ApiIssue {
  path?: (string | number)[];
  line?: number;
  column?: string | number;
  code: string;
  message: string;
}

export interface SummaryView {
  practices: { total: number; active: number; onboarding: number; closed: number };
  people: { total: number; active: number; leave: number; terminated: number };
  regions: number;
  states: { state: string; practices: number; people: number }[];
}

export const ssoProviderKinds = ['entra', 'google', 'generic'] as const;
export type SsoProviderKind = (typeof ssoProviderKinds)[number];

/** Auditors cannot come from a provider: their accounts need an end date (docs/sso.md). */
export type SsoRole = Exclude<Role, 'auditor'>;

export interface SsoRoleMapping {
  group: string;
  role: SsoRole;
}

/** An enabled provider as the public sign-in page lists it. */
export interface SsoSignInOption {
  id: string;
  name: string;
  kind: SsoProviderKind;
}

/** A provider as administrators see it: the client secret is write-only and never answered. */
export interface SsoProviderView {
  id: string;
  name: string;
  kind: SsoProviderKind;
  issuerUrl: string;
  clientId: string;
  allowedDomains: string[];
  groupClaim: string;
  roleMappings: SsoRoleMapping[];
  defaultRole: SsoRole | null;
  enforcesMfa: boolean;
  enabled: boolean;
  /** What to register at the provider as the redirect (reply) URI. */
  redirectUri: string;
  createdAt: string;
  updatedAt: string;
}

/** Create body (every field) or PATCH body (any subset; without clientSecret the stored one stays). */
export interface SsoProviderInput {
  name?: string;
  kind?: SsoProviderKind;
  issuerUrl?: string;
  clientId?: string;
  clientSecret?: string;
  allowedDomains?: string[];
  groupClaim?: string;
  roleMappings?: SsoRoleMapping[];
  defaultRole?: SsoRole | null;
  enforcesMfa?: boolean;
  enabled?: boolean;
}
