import { z } from 'zod';
import { dateSchema, idSchema, text } from '../../../platform/http/schemas.ts';
import { jobRoles } from '../../people/index.ts';
import { policyCategories } from './policy-templates.ts';

/** A policy's Markdown body is at most 200 KB (UTF-8); the service checks the bytes, zod the characters. */
export const maxPolicyBodyBytes = 200 * 1024;
const markdownBody = z
  .string()
  .max(maxPolicyBodyBytes, 'must be at most 200 KB of Markdown')
  .refine((value) => value.trim().length > 0, 'must not be empty');

export const reviewStatuses = ['not_approved', 'current', 'due_soon', 'overdue'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
export const versionStatuses = ['draft', 'approved', 'retired'] as const;
const reviewInterval = z
  .number()
  .int()
  .min(1, 'must be at least 1 month')
  .max(60, 'must be at most 60 months');

export const policyTemplateView = z.object({
  id: z.string(),
  title: z.string(),
  category: z.enum(policyCategories),
  reviewIntervalMonths: z.number(),
  hipaa: z.array(z.string()),
  body: z.string(),
});
export const policyTemplateList = z.object({ items: z.array(policyTemplateView) });

export const createPolicyInput = z.strictObject({
  templateId: z.string().max(80).optional(),
  title: text(200).optional(),
  body: markdownBody.optional(),
  category: z.enum(policyCategories).optional(),
  reviewIntervalMonths: reviewInterval.optional(),
  ownerUserId: idSchema.nullable().optional(),
  /** Fills `{{security_official}}` in a template; defaults to the DSO's security officer. */
  securityOfficial: text(200).optional(),
});
export type CreatePolicyInput = z.infer<typeof createPolicyInput>;

export const updatePolicyInput = z.strictObject({
  title: text(200).optional(),
  category: z.enum(policyCategories).optional(),
  reviewIntervalMonths: reviewInterval.optional(),
  ownerUserId: idSchema.nullable().optional(),
});
export type UpdatePolicyInput = z.infer<typeof updatePolicyInput>;

export const createVersionInput = z.strictObject({ body: markdownBody, changeNote: text(500) });
export type CreateVersionInput = z.infer<typeof createVersionInput>;

export const listPoliciesQuery = z.strictObject({
  reviewStatus: z.enum(reviewStatuses).optional(),
  category: z.enum(policyCategories).optional(),
});
export type ListPoliciesQuery = z.infer<typeof listPoliciesQuery>;

export const versionParams = z.strictObject({ id: idSchema, versionId: idSchema });

export const policyVersionView = z.object({
  id: z.string(),
  policyId: z.string(),
  version: z.number(),
  status: z.enum(versionStatuses),
  body: z.string(),
  sha256: z.string(),
  changeNote: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
});
export type PolicyVersionView = z.infer<typeof policyVersionView>;

const versionSummary = z.object({ id: z.string(), version: z.number(), status: z.enum(versionStatuses) });

export const policyView = z.object({
  id: z.string(),
  templateId: z.string().nullable(),
  title: z.string(),
  category: z.enum(policyCategories),
  hipaa: z.array(z.string()),
  ownerUserId: z.string().nullable(),
  ownerName: z.string().nullable(),
  reviewIntervalMonths: z.number(),
  nextReviewDate: z.string().nullable(),
  reviewStatus: z.enum(reviewStatuses),
  currentVersion: versionSummary
    .extend({ approvedBy: z.string().nullable(), approvedAt: z.string().nullable() })
    .nullable(),
  latestVersion: versionSummary.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PolicyView = z.infer<typeof policyView>;
export const policyList = z.object({ items: z.array(policyView) });
export const policyDetail = policyView.extend({ versions: z.array(policyVersionView) });
export type PolicyDetail = z.infer<typeof policyDetail>;

// Attestation campaigns.

export const audienceSchema = z.strictObject({
  practiceIds: z.array(idSchema).max(500).optional(),
  jobRoles: z.array(z.enum(jobRoles)).max(jobRoles.length).optional(),
});
export type Audience = z.infer<typeof audienceSchema>;

export const createCampaignInput = z.strictObject({
  title: text(200),
  policyVersionIds: z.array(idSchema).min(1, 'name at least one approved policy version').max(30),
  audience: audienceSchema.default({}),
  dueDate: dateSchema,
});
export type CreateCampaignInput = z.infer<typeof createCampaignInput>;

export const listCampaignsQuery = z.strictObject({ status: z.enum(['open', 'closed']).optional() });
export type ListCampaignsQuery = z.infer<typeof listCampaignsQuery>;

const progress = {
  total: z.number(),
  acknowledged: z.number(),
  percent: z.number(),
};

export const campaignView = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(['open', 'closed']),
  dueDate: z.string(),
  overdue: z.boolean(),
  audience: z.object({ practiceIds: z.array(z.string()), jobRoles: z.array(z.string()) }),
  policies: z.array(
    z.object({ policyId: z.string(), versionId: z.string(), title: z.string(), version: z.number() }),
  ),
  ...progress,
  createdBy: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
});
export type CampaignView = z.infer<typeof campaignView>;
export const campaignList = z.object({ items: z.array(campaignView) });

export const attestationStatusSchema = z.enum(['pending', 'acknowledged']);

export const campaignDetail = campaignView.extend({
  practices: z.array(z.object({ practiceId: z.string(), name: z.string(), ...progress })),
  people: z.array(
    z.object({
      attestationId: z.string(),
      personId: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      email: z.string(),
      jobRole: z.string(),
      practices: z.array(z.object({ id: z.string(), name: z.string() })),
      status: attestationStatusSchema,
      acknowledgedAt: z.string().nullable(),
      method: z.string().nullable(),
      remindersSent: z.number(),
      lastRemindedAt: z.string().nullable(),
    }),
  ),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;

export const deliveryView = z.object({
  /** Emails the mail server accepted. */
  sent: z.number(),
  /** Emails that could not be sent; those people can still acknowledge in Enamel or get a reminder later. */
  notSent: z.number(),
  /** Why some could not be sent (mail not configured, server refused), or null. */
  problem: z.string().nullable(),
  /** People skipped because they were already reminded today (reminders only). */
  skipped: z.number(),
});
export type DeliveryView = z.infer<typeof deliveryView>;
export const createdCampaign = campaignDetail.extend({ delivery: deliveryView });

// Acknowledging.

export const tokenInput = z.strictObject({
  token: z.string().trim().min(20, 'must be the token from the email link').max(200),
});

const attestedPolicy = z.object({ title: z.string(), version: z.number(), body: z.string() });

export const publicAttestationView = z.object({
  firstName: z.string(),
  dsoName: z.string(),
  campaignTitle: z.string(),
  dueDate: z.string(),
  status: attestationStatusSchema,
  acknowledgedAt: z.string().nullable(),
  policies: z.array(attestedPolicy),
});
export type PublicAttestationView = z.infer<typeof publicAttestationView>;

export const myAttestationView = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignTitle: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  status: attestationStatusSchema,
  acknowledgedAt: z.string().nullable(),
  method: z.string().nullable(),
  policies: z.array(attestedPolicy),
});
export type MyAttestationView = z.infer<typeof myAttestationView>;
export const myAttestationList = z.object({ items: z.array(myAttestationView) });
