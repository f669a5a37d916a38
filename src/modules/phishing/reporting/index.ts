// What other areas and main.ts use of the report path.

export type { MailboxConnector, ReportMailboxClient } from './imap-client.ts';
export { type ImapPoller, type ImapPollerOptions, startImapPoller } from './imap-poller.ts';
export { type ReportReceiver, startReportReceiver } from './report-receiver.ts';
export { maxReportBytes } from './reporting.schema.ts';
export { type IntakeDeps, ingestReport, type ReportInput } from './reporting.service.ts';
