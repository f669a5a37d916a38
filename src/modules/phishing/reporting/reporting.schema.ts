import { z } from 'zod';
import { cursorSchema, limitSchema, listOf } from '../../../platform/http/schemas.ts';
import { trackingTokenPattern } from '../tracking/urls.ts';

/** A reported email is refused past this size (Microsoft 365's own message limit is of the same order). */
export const maxReportBytes = 25 * 1024 * 1024;

export const reportSources = ['smtp', 'imap', 'api', 'upload'] as const;
export type ReportSource = (typeof reportSources)[number];

/** `simulation`: one of Enamel's own; `new`: waiting in the triage queue. Later triage adds its own states. */
export const reportStatusSchema = z
  .string()
  .regex(/^[a-z_]{1,32}$/, 'must be a status such as new or simulation');

export const reportedEmailView = z.object({
  id: z.string(),
  status: z.string(),
  source: z.enum(reportSources),
  subject: z.string().nullable(),
  fromAddress: z.string().nullable(),
  reporterEmail: z.string().nullable(),
  receivedAt: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  /** The simulation it reports, when it is one of Enamel's own. */
  simulation: z.object({ messageId: z.string(), campaignId: z.string() }).nullable(),
});
export type ReportedEmailView = z.infer<typeof reportedEmailView>;

export const reportedEmailList = listOf(reportedEmailView);

export const listReportedQuery = z.strictObject({
  status: reportStatusSchema.optional(),
  cursor: cursorSchema,
  limit: limitSchema,
});
export type ListReportedQuery = z.infer<typeof listReportedQuery>;

export const submitTokenInput = z.strictObject({
  token: z.string().regex(trackingTokenPattern, 'must be the 43-character token of a simulation link'),
});

export const thankYouStates = ['sent', 'not_configured', 'failed', 'not_needed'] as const;

export const intakeResult = z.object({
  /** simulation: an Enamel simulation, recorded as reported; queued: waits for triage; duplicate: already stored. */
  outcome: z.enum(['simulation', 'queued', 'duplicate']),
  reportedEmail: reportedEmailView.nullable(),
  thankYou: z.enum(thankYouStates),
  message: z.string(),
});
export type IntakeResult = z.infer<typeof intakeResult>;

const hostSchema = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or IP address such as outlook.office365.com');

export const reportMailboxInput = z.strictObject({
  host: hostSchema,
  port: z.number().int().min(1).max(65535).default(993),
  secure: z.boolean().default(true),
  username: z.string().trim().min(1).max(320),
  /** Write-only: leave it out to keep the stored password. */
  password: z.string().min(1).max(1024).optional(),
  folder: z.string().trim().min(1).max(200).default('INBOX'),
  enabled: z.boolean().default(true),
});
export type ReportMailboxInput = z.infer<typeof reportMailboxInput>;

export const reportMailboxView = z.object({
  configured: z.boolean(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  secure: z.boolean(),
  username: z.string().nullable(),
  /** Never the password itself. */
  password: z.enum(['set', 'not set']),
  folder: z.string(),
  enabled: z.boolean(),
  lastPolledAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** The built-in SMTP receiver of this installation, for the mail gateway's forwarding rule. */
  smtpReceiver: z.object({ enabled: z.boolean(), host: z.string(), port: z.number().int() }),
});
export type ReportMailboxView = z.infer<typeof reportMailboxView>;

export const mailboxTestResult = z.object({
  ok: z.boolean(),
  message: z.string(),
  /** Messages in the folder, when the connection worked. */
  messages: z.number().int().nullable(),
});
export type MailboxTestResult = z.infer<typeof mailboxTestResult>;
