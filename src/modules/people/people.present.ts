import type { PersonTable } from '../../platform/db/schema.ts';
import type { JobRole, PersonStatus, PersonView } from './people.schema.ts';

export function presentPerson(row: PersonTable, practices: { id: string; name: string }[]): PersonView {
  return {
    id: row.id,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    jobRole: row.jobRole as JobRole,
    status: row.status as PersonStatus,
    hireDate: row.hireDate,
    terminationDate: row.terminationDate,
    tags: JSON.parse(row.tags) as string[],
    practices,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
