import type { Selectable } from 'kysely';
import type { ServiceDeps } from '../../../platform/context.ts';
import type { SecretBox } from '../../../platform/crypto/index.ts';
import type { ReportMailboxTable } from '../../../platform/db/schema.ts';
import { isAppError } from '../../../platform/errors.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import { connectImap, type MailboxConnector } from './imap-client.ts';
import { connectionFailure, mailboxSettings } from './report-mailbox.service.ts';
import { ingestReport } from './reporting.service.ts';
import * as store from './reporting.store.ts';

export interface ImapPoller {
  /** One pass over every enabled report mailbox; resolves when it is done. */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

export interface ImapPollerOptions {
  readonly deps: ServiceDeps;
  readonly secrets: SecretBox;
  readonly mailer: Mailer;
  /** The base of simulation links (config.trackingUrl). */
  readonly trackingUrl: string;
  /** 0: no timer, only `runOnce` (tests and `enamel` commands). */
  readonly intervalMs: number;
  readonly connect?: MailboxConnector;
}

interface PassState {
  lastUid: number;
  error: string | null;
}

/** Reads new messages of one mailbox; progress is saved after each message, so a crash repeats at most one. */
async function pollMailbox(options: ImapPollerOptions, row: Selectable<ReportMailboxTable>): Promise<void> {
  const { deps } = options;
  const intake = { ...deps, mailer: options.mailer, trackingUrl: options.trackingUrl };
  let settings: Awaited<ReturnType<typeof mailboxSettings>> | undefined;
  const state: PassState = { lastUid: row.lastUid ?? 0, error: null };
  let uidValidity = row.uidValidity;
  try {
    settings = await mailboxSettings(options.secrets, row);
    const client = await (options.connect ?? connectImap)(settings);
    try {
      const opened = await client.open(row.folder);
      if (opened.uidValidity !== row.uidValidity) {
        // New UIDVALIDITY: the old UIDs mean nothing any more (RFC 3501 section 2.3.1.1); read from the start.
        state.lastUid = 0;
        uidValidity = opened.uidValidity;
      }
      for (const uid of await client.uidsAfter(state.lastUid)) {
        const raw = await client.download(uid);
        if (raw) await ingestOne(intake, row, uid, raw);
        state.lastUid = uid;
        await store.updateMailbox(deps.db, row.id, { lastUid: uid, uidValidity });
      }
    } finally {
      await client.close();
    }
  } catch (error) {
    state.error = connectionFailure(error, settings?.password ?? '');
    deps.log.warn({ mailbox: row.id, reason: state.error }, 'the report mailbox could not be read');
  }
  await store.updateMailbox(deps.db, row.id, {
    lastUid: state.lastUid,
    uidValidity,
    lastPolledAt: deps.clock.now().toISOString(),
    lastError: state.error,
  });
}

/** A message Enamel refuses (too large, not an email) is skipped with a warning instead of blocking the rest. */
async function ingestOne(
  intake: Parameters<typeof ingestReport>[0],
  row: Selectable<ReportMailboxTable>,
  uid: number,
  raw: Buffer,
): Promise<void> {
  try {
    await ingestReport(intake, { dsoId: row.dsoId, source: 'imap', raw });
  } catch (error) {
    if (!isAppError(error)) throw error;
    intake.log.warn(
      { mailbox: row.id, uid, code: error.code, reason: error.message },
      'a reported email was skipped',
    );
  }
}

/**
 * Polls every enabled report mailbox (Microsoft 365 or Google report-button mailboxes) over IMAP: each message
 * with a UID above the last one read is taken in like any report; nothing is ever deleted or moved.
 */
export function startImapPoller(options: ImapPollerOptions): ImapPoller {
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const runOnce = () => {
    running ??= (async () => {
      try {
        for (const row of await store.listEnabledMailboxes(options.deps.db)) {
          if (stopped) break;
          await pollMailbox(options, row);
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const schedule = () => {
    if (stopped || options.intervalMs <= 0) return;
    timer = setTimeout(() => {
      runOnce().then(schedule, (error: unknown) => {
        options.deps.log.error({ err: error }, 'polling the report mailboxes failed');
        schedule();
      });
    }, options.intervalMs);
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
