import type { Selectable } from 'kysely';
import type { Config } from '../../../platform/config.ts';
import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { registerEncryptedColumn, type SecretBox } from '../../../platform/crypto/index.ts';
import type { ReportMailboxTable } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import type { MailboxConnector, MailboxSettings } from './imap-client.ts';
import type { MailboxTestResult, ReportMailboxInput, ReportMailboxView } from './reporting.schema.ts';
import * as store from './reporting.store.ts';

/** The report mailbox's IMAP password is a secret at rest (docs/encryption.md), bound to its row. */
export const mailboxPasswordColumn = registerEncryptedColumn({
  table: 'reportMailboxes',
  column: 'password',
});

function presentMailbox(row: Selectable<ReportMailboxTable> | undefined, config: Config): ReportMailboxView {
  const smtpReceiver = {
    enabled: config.reportSmtp.port !== 0,
    host: config.reportSmtp.host,
    port: config.reportSmtp.port,
  };
  if (!row) {
    return {
      configured: false,
      host: null,
      port: null,
      secure: true,
      username: null,
      password: 'not set',
      folder: 'INBOX',
      enabled: false,
      lastPolledAt: null,
      lastError: null,
      smtpReceiver,
    };
  }
  return {
    configured: true,
    host: row.host,
    port: row.port,
    secure: row.secure === 1,
    username: row.username,
    password: row.password ? 'set' : 'not set',
    folder: row.folder,
    enabled: row.enabled === 1,
    lastPolledAt: row.lastPolledAt,
    lastError: row.lastError,
    smtpReceiver,
  };
}

export async function getReportMailbox(
  deps: ServiceDeps,
  scope: Scope,
  config: Config,
): Promise<ReportMailboxView> {
  return presentMailbox(await store.findMailbox(deps.db, scope.dsoId), config);
}

/** Creates or changes the DSO's report mailbox; the password is kept when not given. */
export async function putReportMailbox(
  deps: ServiceDeps,
  secrets: SecretBox,
  scope: Scope,
  config: Config,
  input: ReportMailboxInput,
): Promise<ReportMailboxView> {
  const now = deps.clock.now().toISOString();
  const existing = await store.findMailbox(deps.db, scope.dsoId);
  const id = existing?.id ?? newId();
  if (!existing && input.password === undefined) {
    throw new AppError(
      'VALIDATION_FAILED',
      'password: set the mailbox password when you first save the mailbox.',
      [{ path: ['body', 'password'], code: 'required', message: 'is required for a new mailbox' }],
    );
  }
  const password =
    input.password === undefined
      ? undefined
      : await secrets.encrypt(input.password, mailboxPasswordColumn.aad({ id }));
  const serverChanged =
    existing &&
    (existing.host !== input.host ||
      existing.username !== input.username ||
      existing.folder !== input.folder);
  const columns = {
    host: input.host,
    port: input.port,
    secure: input.secure ? 1 : 0,
    username: input.username,
    folder: input.folder,
    enabled: input.enabled ? 1 : 0,
    updatedAt: now,
    // Another mailbox or folder starts over from its first message.
    ...(serverChanged ? { lastUid: null, uidValidity: null, lastError: null } : {}),
    ...(password === undefined ? {} : { password }),
  };
  await deps.db.transaction().execute(async (trx) => {
    if (existing) {
      await store.updateMailbox(trx, id, columns);
    } else {
      await store.insertMailbox(trx, {
        id,
        dsoId: scope.dsoId,
        ...columns,
        password: password ?? '',
        lastUid: null,
        uidValidity: null,
        lastPolledAt: null,
        lastError: null,
        createdAt: now,
      });
    }
    await audit.record(trx, {
      dsoId: scope.dsoId,
      actor: scope.actor ?? systemActor,
      action: existing ? 'reportMailboxes.update' : 'reportMailboxes.create',
      resourceType: 'reportMailbox',
      resourceId: id,
      occurredAt: now,
      changedFields: audit.fieldNames(input),
    });
  });
  return getReportMailbox(deps, scope, config);
}

/** The stored settings with the password decrypted, for the poller and the connection test. */
export async function mailboxSettings(
  secrets: SecretBox,
  row: Selectable<ReportMailboxTable>,
): Promise<MailboxSettings> {
  return {
    host: row.host,
    port: row.port,
    secure: row.secure === 1,
    username: row.username,
    password: await secrets.decrypt(row.password, mailboxPasswordColumn.aad({ id: row.id })),
  };
}

/** A failure in words for the settings page: the server's reason, never the password. */
export function connectionFailure(error: unknown, password: string): string {
  const detail = error instanceof Error ? error.message : String(error);
  const response = (error as { responseText?: unknown }).responseText;
  const text = typeof response === 'string' && response !== '' ? `${detail}: ${response}` : detail;
  return (password === '' ? text : text.split(password).join('[hidden]')).slice(0, 500);
}

/** Signs in to the stored mailbox and opens its folder, read-only; answers what happened. */
export async function testReportMailbox(
  deps: ServiceDeps,
  secrets: SecretBox,
  scope: Scope,
  connect: MailboxConnector,
): Promise<MailboxTestResult> {
  const row = await store.findMailbox(deps.db, scope.dsoId);
  if (!row) {
    return {
      ok: false,
      message: 'No report mailbox is set up yet: save its settings first.',
      messages: null,
    };
  }
  const settings = await mailboxSettings(secrets, row);
  try {
    const client = await connect(settings);
    try {
      const opened = await client.open(row.folder);
      return {
        ok: true,
        message: `Signed in to ${row.host} as ${row.username} and opened "${row.folder}".`,
        messages: opened.exists,
      };
    } finally {
      await client.close();
    }
  } catch (error) {
    return {
      ok: false,
      message: `Could not read "${row.folder}" on ${row.host}:${row.port}: ${connectionFailure(error, settings.password)}`,
      messages: null,
    };
  }
}

/** Each enabled mailbox's last read, for `enamel phishing reports poll`. */
export async function listMailboxStates(deps: ServiceDeps) {
  return (await store.listEnabledMailboxes(deps.db)).map((row) => ({
    dsoId: row.dsoId,
    mailbox: `${row.username} on ${row.host}`,
    lastUid: row.lastUid,
    lastPolledAt: row.lastPolledAt,
    lastError: row.lastError,
  }));
}
