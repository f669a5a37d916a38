/** What other modules may use of the people module. */
export type { JobRole, PersonView } from './people.schema.ts';
export { jobRoles } from './people.schema.ts';
