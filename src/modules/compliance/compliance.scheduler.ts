import type { ServiceDeps } from '../../platform/context.ts';
import type { Mailer } from '../../platform/mail/index.ts';
import { runComplianceReminders } from './compliance.reminders.ts';

export interface ReminderScheduler {
  /** Runs once now, outside the timer (tests and `enamel compliance remind`). */
  runOnce(): Promise<void>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Sends the compliance reminders that are due every `intervalMinutes` while the server runs. A run that fails
 * is logged with its error and the next run tries again; runs never overlap. Without mail nothing is scheduled.
 */
export function startReminderScheduler(
  deps: ServiceDeps,
  mailer: Mailer,
  publicUrl: string,
  intervalMinutes: number,
  run: typeof runComplianceReminders = runComplianceReminders,
): ReminderScheduler {
  let running: Promise<void> | undefined;
  const runOnce = () => {
    running ??= run(deps, mailer, publicUrl)
      .then(
        (run) => deps.log.info({ reminders: run }, 'compliance reminders sent'),
        (error: unknown) => deps.log.error({ err: error }, 'compliance reminders failed; retrying next run'),
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const enabled = intervalMinutes > 0 && mailer.isConfigured;
  if (!enabled) {
    deps.log.info(
      { intervalMinutes, mail: mailer.isConfigured },
      'compliance reminders are not scheduled: set ENAMEL_SMTP_URL and ENAMEL_REMINDER_INTERVAL_MINUTES',
    );
  }
  const timer = enabled ? setInterval(() => void runOnce(), intervalMinutes * 60_000) : undefined;
  timer?.unref();
  return {
    runOnce,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
