import { isoDate } from '../../../platform/clock.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import type { ReminderResult } from '../compliance.context.ts';
import type { AttestationMailContext } from './attestation.mail.ts';
import { mailContext, remindOne } from './campaigns.service.ts';
import { pendingOfOpenCampaigns } from './campaigns.store.ts';
import { isReminderDue } from './policies.rules.ts';

/**
 * Reminds people who have not acknowledged an open campaign: 7 days and 1 day before the due date, then weekly
 * once overdue, at most once a day each (policies.rules.ts). Each reminder carries a fresh link. Idempotent:
 * `remindersSent` and `lastRemindedAt` record what went out, so a second run the same day sends nothing.
 */
export async function sendAttestationReminders(
  deps: ServiceDeps,
  mailer: Mailer,
  publicUrl: string,
): Promise<ReminderResult> {
  const today = isoDate(deps.clock.now());
  const pending = await pendingOfOpenCampaigns(deps.db, {});
  const due = pending.filter((row) =>
    isReminderDue(row.dueDate, today, (row.lastRemindedAt ?? row.campaignCreatedAt).slice(0, 10)),
  );
  const contexts = new Map<string, AttestationMailContext>();
  let sent = 0;
  for (const row of due) {
    let context = contexts.get(row.campaignId);
    if (!context) {
      context = await mailContext(deps.db, row.dsoId, row.campaignId);
      contexts.set(row.campaignId, context);
    }
    await remindOne(deps, mailer, publicUrl, context, row);
    sent += 1;
  }
  return { sent, escalated: 0 };
}
