import { z } from 'zod';
import { cursorSchema, idSchema, limitSchema, listOf } from '../../../platform/http/schemas.ts';

/** The counts and rates of a group of recipients (docs/phishing/results.md gives every formula). */
export const resultStats = z.object({
  recipients: z.number().int(),
  sent: z.number().int(),
  errors: z.number().int(),
  opened: z.number().int(),
  clicked: z.number().int(),
  submitted: z.number().int(),
  reported: z.number().int(),
  failed: z.number().int(),
  missed: z.number().int(),
  /** Recipients whose email a mail scanner opened or clicked (never counted as a person's failure). */
  automatedRecipients: z.number().int(),
  /** Scanner events in all. */
  automatedEvents: z.number().int(),
  /** Percentages 0-100 with one decimal, null when nothing was sent. */
  failRate: z.number().nullable(),
  reportRate: z.number().nullable(),
  missRate: z.number().nullable(),
  openRate: z.number().nullable(),
  /** Report rate ÷ fail rate; null when nobody failed (no failures) or nothing was sent. */
  resilienceRatio: z.number().nullable(),
});
export type ResultStats = z.infer<typeof resultStats>;

export const campaignRef = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  launchAt: z.string(),
  completedAt: z.string().nullable(),
});

export const campaignResults = z.object({
  campaign: campaignRef,
  /** Null: every practice; else the practices the figures cover (a practice manager's). */
  practiceIds: z.array(z.string()).nullable(),
  stats: resultStats,
  firstSentAt: z.string().nullable(),
  firstReportAt: z.string().nullable(),
  /** Seconds from the first email sent to the first report; null without a report. */
  secondsToFirstReport: z.number().nullable(),
  byPractice: z.array(
    resultStats.extend({ practiceId: z.string().nullable(), practiceName: z.string().nullable() }),
  ),
  byJobRole: z.array(resultStats.extend({ jobRole: z.string() })),
  /** Shared mailboxes (front desk) apart: they are not one person. */
  sharedMailboxes: resultStats,
});
export type CampaignResults = z.infer<typeof campaignResults>;

export const recipientStatuses = ['failed', 'reported', 'missed', 'error', 'automated'] as const;

export const recipientsQuery = z.strictObject({
  status: z.enum(recipientStatuses).optional(),
  practiceId: idSchema.optional(),
  q: z.string().trim().max(200).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type RecipientsQuery = z.infer<typeof recipientsQuery>;

export const recipientView = z.object({
  id: z.string(),
  personId: z.string().nullable(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  practiceId: z.string().nullable(),
  practiceName: z.string().nullable(),
  jobRole: z.string(),
  sharedMailbox: z.boolean(),
  state: z.string(),
  sentAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  clickedAt: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reportedAt: z.string().nullable(),
  automatedClicks: z.number().int(),
  failed: z.boolean(),
  /** The headline of what happened: error, reported, failed (submitted or clicked), opened, sent, scheduled... */
  result: z.string(),
  lastError: z.string().nullable(),
});
export type RecipientView = z.infer<typeof recipientView>;
export const recipientList = listOf(recipientView);

export const messageParams = z.strictObject({ id: idSchema, messageId: idSchema });

export const timelineView = z.object({
  recipient: recipientView,
  events: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      label: z.string(),
      occurredAt: z.string(),
      automated: z.boolean(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
    }),
  ),
});
export type TimelineView = z.infer<typeof timelineView>;

export const repeatOffendersQuery = z.strictObject({
  threshold: z.coerce.number().int().min(1).max(100).default(2),
});

export const repeatOffenders = z.object({
  threshold: z.number().int(),
  items: z.array(
    z.object({
      personId: z.string().nullable(),
      email: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      practiceId: z.string().nullable(),
      practiceName: z.string().nullable(),
      jobRole: z.string(),
      /** Campaigns the person failed. */
      failures: z.number().int(),
      /** Campaigns that reached the person. */
      campaigns: z.number().int(),
      lastFailedAt: z.string().nullable(),
    }),
  ),
});
export type RepeatOffenders = z.infer<typeof repeatOffenders>;

export const trendsView = z.object({
  items: z.array(
    z.object({
      campaignId: z.string(),
      name: z.string(),
      status: z.string(),
      launchAt: z.string(),
      sent: z.number().int(),
      failed: z.number().int(),
      reported: z.number().int(),
      failRate: z.number().nullable(),
      reportRate: z.number().nullable(),
    }),
  ),
});
export type TrendsView = z.infer<typeof trendsView>;

export const summaryQuery = z.strictObject({ practiceId: idSchema.optional() });

export const publishedSignals = z.object({
  recorded: z.boolean(),
  /** Why nothing was recorded, when so. */
  reason: z.string().nullable(),
  observedAt: z.string(),
  windowDays: z.number().int(),
  sent: z.number().int(),
  failRate: z.number().nullable(),
  reportRate: z.number().nullable(),
  signals: z.array(z.object({ signal: z.string(), value: z.number(), state: z.string() })),
});
export type PublishedSignals = z.infer<typeof publishedSignals>;
