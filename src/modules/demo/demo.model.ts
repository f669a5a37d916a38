import type { practiceStatuses } from '../org/org.schema.ts';
import type { UsState } from '../org/us-states.ts';
import type { JobRole, PersonStatus } from '../people/people.schema.ts';

/** What the demo is asked for. */
export interface DemoOptions {
  readonly practices: number;
  readonly seed: number;
  /** The day the data is "as of" (YYYY-MM-DD): hire and termination dates are placed before it. */
  readonly asOf: string;
}

export interface DemoAddress {
  readonly line1: string;
  readonly line2: string | null;
  readonly city: string;
  readonly state: UsState;
  readonly postalCode: string;
}

export interface DemoDso {
  readonly name: string;
  readonly legalName: string;
  readonly domains: readonly string[];
  readonly hqAddress: DemoAddress;
}

/** A practice in the shape of the API's create body, with its region by name instead of id. */
export interface DemoPractice {
  readonly region: string;
  readonly name: string;
  readonly legalEntity: string;
  readonly addressLine1: string;
  readonly addressLine2: string | null;
  readonly city: string;
  readonly state: UsState;
  readonly postalCode: string;
  readonly timeZone: string;
  readonly phone: string;
  readonly chairs: number;
  readonly activePatients: number;
  readonly npi: string | null;
  readonly status: (typeof practiceStatuses)[number];
}

/** A person in the shape of the API's create body, with practices as indexes into `DemoData.practices`. */
export interface DemoPerson {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly jobRole: JobRole;
  readonly hireDate: string | null;
  readonly terminationDate: string | null;
  readonly status: PersonStatus;
  readonly tags: readonly string[];
  readonly practices: readonly number[];
}

/** A whole demo organisation as plain data: the same options always give the same value. */
export interface DemoData {
  readonly seed: number;
  readonly asOf: string;
  readonly dso: DemoDso;
  /** Region names, in the order practices are listed. */
  readonly regions: readonly string[];
  readonly practices: readonly DemoPractice[];
  readonly people: readonly DemoPerson[];
}

/** `createPersonInput` accepts at most this many practiceIds, so demo people stay within it. */
export const maxPracticesPerPerson = 200;
