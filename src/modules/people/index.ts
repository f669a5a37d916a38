/** What other modules may use of the people module. */

export { deriveStatus, searchTextOf, sortNameOf } from './people.rules.ts';
export type { JobRole, PersonView } from './people.schema.ts';
export { jobRoles } from './people.schema.ts';
/** Bulk writers for the demo builder, which writes a whole DSO in one transaction. */
export { insertMemberships, insertPeople } from './people.store.ts';
