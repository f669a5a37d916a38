import type { ServiceDeps } from '../../../platform/context.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import type { ReminderResult } from '../compliance.context.ts';

/** Reminds people who have not acknowledged an open campaign; idempotent per day. */
export async function sendAttestationReminders(
  _deps: ServiceDeps,
  _mailer: Mailer,
  _publicUrl: string,
): Promise<ReminderResult> {
  return { sent: 0, escalated: 0 };
}
