import type { ServiceDeps } from '../../platform/context.ts';
import type { Mailer } from '../../platform/mail/index.ts';
import type { ReminderResult } from './compliance.context.ts';
import { sendEvidenceReminders } from './controls/evidence.reminders.ts';
import { sendAttestationReminders } from './policies/attestation.reminders.ts';
import { sendRemediationReminders } from './risks/remediation.reminders.ts';

export interface ReminderRun {
  readonly evidence: ReminderResult;
  readonly remediation: ReminderResult;
  readonly attestations: ReminderResult;
}

/** Every compliance reminder that is due now (by the injected clock): evidence expiry, tasks, attestations. */
export async function runComplianceReminders(
  deps: ServiceDeps,
  mailer: Mailer,
  publicUrl: string,
): Promise<ReminderRun> {
  return {
    evidence: await sendEvidenceReminders(deps, mailer, publicUrl),
    remediation: await sendRemediationReminders(deps, mailer, publicUrl),
    attestations: await sendAttestationReminders(deps, mailer, publicUrl),
  };
}
