import type { Scope, ServiceDeps } from '../../../platform/context.ts';
import { csvCell } from '../../../platform/csv.ts';
import type { Cursor } from '../../../platform/db/pagination.ts';
import type { RecipientView } from './results.schema.ts';
import { loadCampaign, messageFilter, practiceNameMap, presentRecipient } from './results.service.ts';
import * as store from './results.store.ts';

export const resultsCsvColumns = [
  'email',
  'firstName',
  'lastName',
  'practice',
  'jobRole',
  'sharedMailbox',
  'state',
  'result',
  'failed',
  'sentAt',
  'openedAt',
  'clickedAt',
  'submittedAt',
  'reportedAt',
  'automatedEvents',
  'error',
] as const;

function csvLine(r: RecipientView): string {
  const cells: (string | number | boolean | null)[] = [
    r.email,
    r.firstName,
    r.lastName,
    r.practiceName ?? (r.practiceId === null ? '' : r.practiceId),
    r.jobRole,
    r.sharedMailbox,
    r.state,
    r.result,
    r.failed,
    r.sentAt,
    r.openedAt,
    r.clickedAt,
    r.submittedAt,
    r.reportedAt,
    r.automatedClicks,
    r.lastError,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

const batchSize = 1000;

/**
 * The campaign's recipients as CSV lines (CRLF), header first, read in batches of 1,000 so a 20,000-recipient
 * campaign streams. The campaign is checked before the first line, so a wrong id answers 404, not a broken file.
 */
export async function resultsCsv(
  deps: ServiceDeps,
  scope: Scope,
  campaignId: string,
): Promise<{ name: string; lines: AsyncGenerator<string> }> {
  const campaign = await loadCampaign(deps, scope, campaignId);
  const filter = messageFilter(scope, campaignId);
  const names = await practiceNameMap(deps, scope.dsoId);
  async function* lines(): AsyncGenerator<string> {
    yield `${resultsCsvColumns.join(',')}\r\n`;
    let after: Cursor | undefined;
    for (;;) {
      const rows = await store.messageBatch(deps.db, filter, after, batchSize);
      for (const row of rows) yield csvLine(presentRecipient(row, names));
      const last = rows.at(-1);
      if (rows.length < batchSize || last === undefined) return;
      after = { sort: 'email', value: last.email, id: last.id };
    }
  }
  return { name: campaign.name, lines: lines() };
}
