import type { Generated } from 'kysely';

// Timestamps are UTC ISO-8601 text and dates are YYYY-MM-DD text in both dialects, so they sort and compare alike.

export interface DsoTable {
  id: string;
  name: string;
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
}

export type { Generated };
