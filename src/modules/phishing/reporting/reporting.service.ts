import { createHash } from 'node:crypto';
import { type Actor, type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { isUniqueViolation } from '../../../platform/db/index.ts';
import { decodeCursor, encodeCursor } from '../../../platform/db/pagination.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import * as audit from '../../audit/index.ts';
import { recordPhishingEvents } from '../events.ts';
import { dsoOfAddresses } from './report-dso.ts';
import { type ParsedReport, parseReport } from './report-parse.ts';
import { findTrackingTokens } from './report-tokens.ts';
import { presentReportedEmail } from './reporting.present.ts';
import {
  type IntakeResult,
  type ListReportedQuery,
  maxReportBytes,
  type ReportedEmailView,
  type ReportSource,
  type thankYouStates,
} from './reporting.schema.ts';
import * as store from './reporting.store.ts';

/** What intake needs besides the database: the mailer for thank-you emails and the base of simulation links. */
export interface IntakeDeps extends ServiceDeps {
  readonly mailer: Mailer;
  readonly trackingUrl: string;
}

export interface ReportInput {
  /** Known for API, upload and IMAP reports; SMTP reports find theirs. */
  readonly dsoId?: string | undefined;
  readonly source: ReportSource;
  readonly raw: Buffer;
  readonly reporterEmail?: string | null | undefined;
  /** SMTP envelope addresses (MAIL FROM, RCPT TO), tried after the reporter to find the DSO. */
  readonly envelopeAddresses?: readonly string[] | undefined;
  readonly actor?: Actor | undefined;
}

type ThankYou = (typeof thankYouStates)[number];

export function tooLarge(size: number): AppError {
  const megabytes = (size / 1024 / 1024).toFixed(1);
  return new AppError(
    'BODY_TOO_LARGE',
    `The reported email is ${megabytes} MB; Enamel accepts reported emails of at most ${maxReportBytes / 1024 / 1024} MB.`,
  );
}

/** Refused because no DSO could be told from the report: never filed under a guessed DSO. */
export function unknownDso(): AppError {
  return new AppError(
    'NOT_FOUND',
    "No DSO of this Enamel matches this report: neither a simulation link nor the reporter's or recipient's email domain (the DSO's domains setting).",
  );
}

async function readReport(raw: Buffer): Promise<ParsedReport> {
  if (raw.length > maxReportBytes) throw tooLarge(raw.length);
  if (raw.length === 0) throw new AppError('VALIDATION_FAILED', 'The reported email is empty.');
  try {
    return await parseReport(raw);
  } catch (error) {
    throw new AppError(
      'VALIDATION_FAILED',
      `The report could not be read as an email (.eml) or an Outlook message (.msg): ${error instanceof Error ? error.message.slice(0, 200) : 'unknown format'}.`,
    );
  }
}

async function thank(
  deps: IntakeDeps,
  to: string,
  firstName: string,
  subject: string | null,
): Promise<ThankYou> {
  if (!deps.mailer.isConfigured) {
    deps.log.warn(
      'a simulation was reported but no thank-you email was sent: outgoing email is not configured',
    );
    return 'not_configured';
  }
  const about = subject ? ` "${subject}"` : '';
  try {
    await deps.mailer.send({
      to,
      subject: 'Well spotted: that was a phishing simulation',
      text:
        `Hello${firstName ? ` ${firstName}` : ''},\n\n` +
        `Thank you for reporting the email${about}. It was a practice email from your security team, and ` +
        'reporting it was exactly the right move.\n\n' +
        'Do the same whenever an email feels off: an unexpected sender, urgency, a request for a password or a ' +
        'payment, or a link that does not go where it says. Do not click or reply; report it.\n\n' +
        'Your security team',
    });
    return 'sent';
  } catch (error) {
    deps.log.warn(
      { code: error instanceof AppError ? error.code : 'MAIL_SEND_FAILED' },
      'the thank-you email for a reported simulation could not be sent',
    );
    return 'failed';
  }
}

function intakeMessage(outcome: IntakeResult['outcome'], thankYou: ThankYou): string {
  const thanks: Record<ThankYou, string> = {
    sent: ' A thank-you email went to the reporter.',
    not_configured: ' No thank-you email was sent: outgoing email is not configured (ENAMEL_SMTP_URL).',
    failed: ' The thank-you email could not be sent; the report is recorded all the same.',
    not_needed: '',
  };
  if (outcome === 'simulation')
    return `Recorded as "Email Reported" on an Enamel simulation.${thanks[thankYou]}`;
  if (outcome === 'duplicate') return 'This email was reported before; the existing report stands.';
  return 'Stored in the reported-email queue for triage.';
}

interface Stored {
  readonly row: store.ReportedEmailMeta;
  readonly created: boolean;
}

/** One transaction: the event on the simulation (if any) and the report row (once per DSO and SHA-256). */
async function storeReport(
  deps: IntakeDeps,
  input: ReportInput,
  dsoId: string,
  parsed: ParsedReport,
  message: store.SimulationMessage | undefined,
  countsAsReport: boolean,
): Promise<Stored> {
  const now = deps.clock.now().toISOString();
  const sha256 = createHash('sha256').update(input.raw).digest('hex');
  return deps.db.transaction().execute(async (trx) => {
    if (message && countsAsReport) {
      await recordPhishingEvents(trx, [
        {
          dsoId,
          campaignId: message.campaignId,
          messageId: message.id,
          type: 'email_reported',
          occurredAt: now,
          detail: { source: input.source, shape: parsed.shape },
        },
      ]);
    }
    const existing = await store.findReportBySha(trx, dsoId, sha256);
    if (existing) return { row: existing, created: false };
    const row = {
      id: newId(),
      dsoId,
      sha256,
      size: input.raw.length,
      raw: input.raw,
      source: input.source,
      reporterEmail: (input.reporterEmail ?? parsed.reporterEmail)?.slice(0, 320) ?? null,
      subject: parsed.subject?.slice(0, 998) ?? null,
      fromAddress: parsed.fromAddress?.slice(0, 320) ?? null,
      receivedAt: now,
      simulationMessageId: message?.id ?? null,
      status: message ? 'simulation' : 'new',
    };
    await store.insertReport(trx, row);
    await audit.record(trx, {
      dsoId,
      actor: input.actor ?? systemActor,
      action: 'reportedEmails.create',
      resourceType: 'reportedEmail',
      resourceId: row.id,
      occurredAt: now,
      detail: { size: row.size, simulation: message ? 1 : 0 },
    });
    const { raw: _raw, ...meta } = row;
    return { row: meta, created: true };
  });
}

/**
 * Takes in a reported email from any path (SMTP, IMAP, API, upload): recognises Enamel's own simulations by
 * their tracking token and records "Email Reported" with a thank-you email; stores anything else once per DSO
 * (by SHA-256) for the triage queue. Throws NOT_FOUND when no DSO can be told, BODY_TOO_LARGE past 25 MB.
 */
export async function ingestReport(deps: IntakeDeps, input: ReportInput): Promise<IntakeResult> {
  const parsed = await readReport(input.raw);
  const tokens = findTrackingTokens(parsed.texts, deps.trackingUrl);
  const candidates = await store.findMessagesByTokens(deps.db, tokens);
  // A report made in one DSO never touches another DSO's simulation.
  const message = tokens
    .map((token) => candidates.find((candidate) => candidate.token === token))
    .find((candidate) => candidate && (input.dsoId === undefined || candidate.dsoId === input.dsoId));
  const dsoId =
    input.dsoId ??
    message?.dsoId ??
    (await dsoOfAddresses(deps.db, [
      ...(input.reporterEmail ? [input.reporterEmail] : []),
      ...(parsed.reporterEmail ? [parsed.reporterEmail] : []),
      ...(input.envelopeAddresses ?? []),
      ...parsed.recipients,
    ]));
  if (dsoId === undefined) throw unknownDso();
  // "Not junk" (Microsoft's 2| prefix) says the person trusted the email: that is no report of a simulation.
  const countsAsReport = parsed.verdict !== 'not_junk';
  let stored: Stored;
  try {
    stored = await storeReport(deps, input, dsoId, parsed, message, countsAsReport);
  } catch (error) {
    // The same bytes arriving twice at once: the other intake stored them; this one answers that row.
    if (!isUniqueViolation(error)) throw error;
    stored = await storeReport(deps, input, dsoId, parsed, message, countsAsReport);
  }
  const view = presentReportedEmail(stored.row, message?.campaignId);
  if (!message) {
    const outcome = stored.created ? 'queued' : 'duplicate';
    return {
      outcome,
      reportedEmail: view,
      thankYou: 'not_needed',
      message: intakeMessage(outcome, 'not_needed'),
    };
  }
  const firstReport = message.reportedAt === null && countsAsReport;
  const reporter = input.reporterEmail ?? parsed.reporterEmail ?? message.email;
  const thankYou = firstReport
    ? await thank(deps, reporter, message.firstName, parsed.subject)
    : 'not_needed';
  return {
    outcome: 'simulation',
    reportedEmail: view,
    thankYou,
    message: intakeMessage('simulation', thankYou),
  };
}

/** GoPhish's `/report?rid=` for add-ins: the token of the simulation link, within the caller's DSO. */
export async function reportByToken(deps: IntakeDeps, scope: Scope, token: string): Promise<IntakeResult> {
  const [message] = await store.findMessagesByTokens(deps.db, [token]);
  if (!message || message.dsoId !== scope.dsoId) {
    throw new AppError('NOT_FOUND', 'No simulation email of this DSO has this token.');
  }
  await deps.db.transaction().execute(async (trx) => {
    await recordPhishingEvents(trx, [
      {
        dsoId: scope.dsoId,
        campaignId: message.campaignId,
        messageId: message.id,
        type: 'email_reported',
        occurredAt: deps.clock.now().toISOString(),
        detail: { source: 'api', shape: 'token' },
      },
    ]);
  });
  const thankYou =
    message.reportedAt === null ? await thank(deps, message.email, message.firstName, null) : 'not_needed';
  return {
    outcome: 'simulation',
    reportedEmail: null,
    thankYou,
    message: intakeMessage('simulation', thankYou),
  };
}

const sortKey = 'receivedAt:desc';

export async function listReportedEmails(
  deps: ServiceDeps,
  scope: Scope,
  query: ListReportedQuery,
): Promise<{ items: ReportedEmailView[]; nextCursor: string | null }> {
  const cursor = decodeCursor(query.cursor, sortKey);
  const rows = await store.listReports(deps.db, scope.dsoId, {
    status: query.status,
    after: cursor ? { receivedAt: String(cursor.value), id: cursor.id } : undefined,
    limit: query.limit,
  });
  const kept = rows.slice(0, query.limit);
  const last = kept.at(-1);
  return {
    items: kept.map((row) => presentReportedEmail(row, row.campaignId)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ sort: sortKey, value: last.receivedAt, id: last.id })
        : null,
  };
}

export async function getReportedEmail(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
): Promise<ReportedEmailView> {
  const row = await store.findReport(deps.db, scope.dsoId, id);
  if (!row) throw notFound('Reported email', id);
  const message = row.simulationMessageId
    ? await store.findMessage(deps.db, row.simulationMessageId)
    : undefined;
  return presentReportedEmail(row, message?.campaignId);
}
