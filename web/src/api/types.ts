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

export interface DsoSummary {
  id: string;
  name: string;
}

export interface MeView {
  principal: { kind: string; role: string };
  dso: DsoView | null;
  dsos: DsoSummary[];
}

export interface CreateDsoInput {
  name: string;
  legalName?: string | null;
  domains?: string[];
  hqAddress?: Address | null;
}

export type UpdateDsoInput = Partial<CreateDsoInput>;

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
