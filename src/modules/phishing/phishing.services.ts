import type { Config } from '../../platform/config.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { SecretBox } from '../../platform/crypto/index.ts';
import type { Mailer } from '../../platform/mail/index.ts';
import { startImapPoller, startReportReceiver } from './reporting/index.ts';
import { startWebhookDispatcher } from './results/index.ts';
import { startSender } from './sending/index.ts';
import { startTrackingServer } from './tracking/index.ts';

export interface PhishingServices {
  /** Where the separate listeners answer, when configured. */
  readonly addresses: { readonly tracking?: string; readonly reportSmtp?: string };
  /** Stops every listener and background loop, waiting for work in progress. */
  stop(): Promise<void>;
}

/** Every minute the report mailboxes are read; every five seconds webhooks are delivered. */
const imapIntervalMs = 60_000;
const webhookIntervalMs = 5_000;

/**
 * The long-running parts of phishing simulation next to the HTTP server: the sender (per-message state machine),
 * the separate tracking listener and the SMTP receiver of reported emails when their ports are set, the IMAP
 * poller of report mailboxes and the webhook dispatcher (which also publishes the phishing compliance signal).
 */
export async function startPhishingServices(options: {
  deps: ServiceDeps;
  config: Config;
  secrets: SecretBox;
  mailer: Mailer;
}): Promise<PhishingServices> {
  const { deps, config, secrets, mailer } = options;
  const stops: (() => Promise<void>)[] = [];
  const addresses: { tracking?: string; reportSmtp?: string } = {};
  try {
    const sender = startSender({ deps, config, secrets });
    stops.push(() => sender.stop());
    const poller = startImapPoller({
      deps,
      secrets,
      mailer,
      trackingUrl: config.trackingUrl,
      intervalMs: imapIntervalMs,
    });
    stops.push(() => poller.stop());
    const webhooks = startWebhookDispatcher({ deps, secrets, intervalMs: webhookIntervalMs });
    stops.push(() => webhooks.stop());
    if (config.tracking.port !== 0) {
      const tracking = await startTrackingServer({ deps, config, secrets, mailer });
      addresses.tracking = tracking.address;
      stops.push(() => tracking.stop());
    }
    if (config.reportSmtp.port !== 0) {
      const receiver = await startReportReceiver({ deps, config, mailer });
      addresses.reportSmtp = receiver.address;
      stops.push(() => receiver.stop());
    }
  } catch (error) {
    // A listener that cannot start (a port in use) must not leave the others running.
    for (const stop of stops.reverse()) await stop();
    throw error;
  }
  return {
    addresses,
    stop: async () => {
      for (const stop of [...stops].reverse()) await stop();
    },
  };
}
