/** What other modules may use of the organisation module. */

export type { DsoView, PracticeView } from './org.schema.ts';
export { dsoView } from './org.schema.ts';
export { getDso, practiceKeys } from './org.service.ts';
/** Bulk writers for the demo builder, which writes a whole DSO in one transaction. */
export { insertDso, insertPractice, insertRegion, listDsoRows } from './org.store.ts';
export { isUsState, usStates } from './us-states.ts';
export { nameKey } from './validators.ts';
