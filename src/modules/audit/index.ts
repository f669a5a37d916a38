/** What other modules may use of the audit module: `record` inside their write transactions. */
export type { AuditOutcome } from './audit.chain.ts';
export { type AuditInput, fieldNames, platformChain, record } from './audit.service.ts';
