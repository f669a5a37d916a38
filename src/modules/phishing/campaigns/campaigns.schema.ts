import { z } from 'zod';
import { cursorSchema, idSchema, limitSchema, listOf, text } from '../../../platform/http/schemas.ts';
import { jobRoles } from '../../people/index.ts';

export const campaignStatuses = [
  'draft',
  'scheduled',
  'sending',
  'paused',
  'completed',
  'cancelled',
] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export const messageStates = ['scheduled', 'sending', 'sent', 'error', 'cancelled'] as const;
export type MessageState = (typeof messageStates)[number];

const emailSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email({ message: 'must be an email address such as frontdesk@smiledental.com' }))
  .transform((value) => value.toLowerCase());

const tagSchema = z.string().trim().min(1).max(50);

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time of day such as 08:00 (24-hour clock)');

export const businessHoursSchema = z.strictObject({
  start: clockTime,
  end: clockTime,
  days: z
    .array(
      z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'),
    )
    .min(1, 'name at least one business day')
    .max(7),
});
export type BusinessHoursInput = z.infer<typeof businessHoursSchema>;
export const defaultBusinessHours: BusinessHoursInput = {
  start: '08:00',
  end: '17:00',
  days: [1, 2, 3, 4, 5],
};

export const sharedMailboxSchema = z.strictObject({
  email: emailSchema,
  practiceId: idSchema,
  label: text(100),
});

export const audienceSchema = z.strictObject({
  practiceIds: z.array(idSchema).max(500).optional(),
  jobRoles: z.array(z.enum(jobRoles)).max(jobRoles.length).optional(),
  tags: z.array(tagSchema).max(30).optional(),
  sharedMailboxes: z.array(sharedMailboxSchema).max(500).optional(),
});
export type AudienceInput = z.infer<typeof audienceSchema>;

/** A built-in id (`builtin:<slug>`) or the id of one of the DSO's own templates. */
const templateIdSchema = z
  .string()
  .max(80)
  .regex(/^(builtin:[a-z0-9-]{3,60}|[0-9a-f-]{36})$/i, 'must be a template id such as builtin:payer-eob');

const instant = z.iso.datetime({ offset: true, message: 'must be a date-time such as 2026-11-09T14:00:00Z' });

export const createCampaignInput = z.strictObject({
  name: text(200),
  templateIds: z.array(templateIdSchema).min(1, 'choose at least one template').max(50),
  landingPageId: z.string().max(80).nullable().optional(),
  sendingProfileId: idSchema,
  audience: audienceSchema,
  launchAt: instant,
  sendBy: instant.nullable().optional(),
  businessHours: businessHoursSchema.optional(),
});
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const previewAudienceInput = z.strictObject({
  audience: audienceSchema,
  /** When given, the answer also holds this template rendered for the first sample recipient. */
  templateId: templateIdSchema.optional(),
});
export type PreviewAudienceInput = z.infer<typeof previewAudienceInput>;

export const recipientSample = z.object({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  jobRole: z.string(),
  practiceId: z.string(),
  practiceName: z.string(),
  sharedMailbox: z.boolean(),
});

export const emailPreview = z.object({
  templateId: z.string(),
  templateName: z.string(),
  recipientEmail: z.string(),
  senderName: z.string(),
  senderAddress: z.string(),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
});
export type EmailPreview = z.infer<typeof emailPreview>;

export const audiencePreview = z.object({
  total: z.number(),
  people: z.number(),
  sharedMailboxes: z.number(),
  byPractice: z.array(z.object({ practiceId: z.string(), practiceName: z.string(), count: z.number() })),
  byRole: z.array(z.object({ jobRole: z.string(), count: z.number() })),
  sample: z.array(recipientSample),
  email: emailPreview.nullable(),
});
export type AudiencePreview = z.infer<typeof audiencePreview>;

export const messageCounts = z.object({
  total: z.number(),
  scheduled: z.number(),
  sending: z.number(),
  sent: z.number(),
  error: z.number(),
  cancelled: z.number(),
});
export type MessageCounts = z.infer<typeof messageCounts>;

/** The audience as answered (plain strings: response schemas cannot hold input transforms). */
export const audienceView = z.object({
  practiceIds: z.array(z.string()).optional(),
  jobRoles: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  sharedMailboxes: z
    .array(z.object({ email: z.string(), practiceId: z.string(), label: z.string() }))
    .optional(),
});

export const campaignView = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(campaignStatuses),
  templateIds: z.array(z.string()),
  landingPageId: z.string().nullable(),
  sendingProfileId: z.string().nullable(),
  audience: audienceView,
  launchAt: z.string(),
  sendBy: z.string().nullable(),
  businessHours: businessHoursSchema,
  /** Recipients the caller may see: every one for DSO-wide roles, their practices' for a practice manager. */
  recipients: z.number(),
  counts: messageCounts,
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type CampaignView = z.infer<typeof campaignView>;
export const campaignList = listOf(campaignView);

export const listCampaignsQuery = z.strictObject({
  status: z.enum(campaignStatuses).optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuery>;

export const previewCampaignInput = z.strictObject({
  /** The message to render; the first scheduled recipient when absent. */
  messageId: idSchema.optional(),
});
export type PreviewCampaignInput = z.infer<typeof previewCampaignInput>;
