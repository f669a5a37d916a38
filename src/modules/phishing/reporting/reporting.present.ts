import type { ReportedEmailView, ReportSource } from './reporting.schema.ts';
import type { ReportedEmailMeta } from './reporting.store.ts';

/** A reported email's metadata for the API: never its bytes. */
export function presentReportedEmail(
  row: ReportedEmailMeta,
  campaignId: string | null | undefined,
): ReportedEmailView {
  return {
    id: row.id,
    status: row.status,
    source: row.source as ReportSource,
    subject: row.subject,
    fromAddress: row.fromAddress,
    reporterEmail: row.reporterEmail,
    receivedAt: row.receivedAt,
    size: row.size,
    sha256: row.sha256,
    simulation:
      row.simulationMessageId && campaignId ? { messageId: row.simulationMessageId, campaignId } : null,
  };
}
