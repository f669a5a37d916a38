import type { PersonStatus } from './people.schema.ts';

export interface PersonFacts {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly hireDate: string | null;
  readonly terminationDate: string | null;
  readonly status: PersonStatus | undefined;
}

/**
 * Status follows the termination date: a date on or before today terminates (HIPAA termination procedures,
 * 164.308(a)(3)(ii)(C)); a future date keeps the person active until then. Marking someone terminated without
 * a date records today.
 */
export function deriveStatus(
  facts: PersonFacts,
  today: string,
): { status: PersonStatus; terminationDate: string | null } {
  if (facts.terminationDate !== null && facts.terminationDate <= today) {
    return { status: 'terminated', terminationDate: facts.terminationDate };
  }
  if (facts.status === 'terminated')
    return { status: 'terminated', terminationDate: facts.terminationDate ?? today };
  const status = facts.status === 'leave' ? 'leave' : 'active';
  return { status, terminationDate: facts.terminationDate };
}

export function searchTextOf(facts: Pick<PersonFacts, 'firstName' | 'lastName' | 'email'>): string {
  return `${facts.firstName} ${facts.lastName} ${facts.email}`.toLowerCase();
}

export function sortNameOf(facts: Pick<PersonFacts, 'firstName' | 'lastName'>): string {
  return `${facts.lastName}, ${facts.firstName}`.toLowerCase();
}

/** A termination date before the hire date is a mistake worth naming. */
export function datesProblem(hireDate: string | null, terminationDate: string | null): string | null {
  if (hireDate && terminationDate && terminationDate < hireDate) {
    return `terminationDate ${terminationDate} is before hireDate ${hireDate}.`;
  }
  return null;
}
