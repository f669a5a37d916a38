import { z } from 'zod';
import { dateSchema, idSchema, optionalText, text } from '../../../platform/http/schemas.ts';

const controlIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters');

/** A date (YYYY-MM-DD, meaning 00:00 UTC) or a UTC date-time. */
export const expirySchema = z.union([dateSchema, z.iso.datetime({ offset: true })], {
  message: 'must be a date (YYYY-MM-DD) or a date-time',
});

/** Fields shared by every kind of evidence; multipart uploads send the same fields as form fields. */
export const evidenceFields = {
  controlId: controlIdSchema,
  title: text(200),
  description: optionalText(2000),
  effectiveDate: dateSchema,
  expiresAt: expirySchema.optional(),
  practiceId: idSchema.nullable().optional(),
  vendorId: idSchema.nullable().optional(),
  ownerUserId: idSchema.nullable().optional(),
  reviewerUserId: idSchema.nullable().optional(),
};

export const fileEvidenceFields = z.strictObject(evidenceFields);
export type FileEvidenceFields = z.infer<typeof fileEvidenceFields>;

export const jsonEvidenceInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('link'),
    ...evidenceFields,
    url: z
      .url({ message: 'must be a URL' })
      .max(2000)
      .refine((u) => u.startsWith('https://'), 'must be an https:// link'),
  }),
  z.strictObject({ kind: z.literal('attestation'), ...evidenceFields, statement: text(4000) }),
]);
export type JsonEvidenceInput = z.infer<typeof jsonEvidenceInput>;

export const listEvidenceQuery = z.strictObject({
  controlId: controlIdSchema.optional(),
  practiceId: idSchema.optional(),
});

export const updateEvidenceInput = z.strictObject({
  title: text(200).optional(),
  description: optionalText(2000),
  expiresAt: expirySchema.optional(),
  ownerUserId: idSchema.nullable().optional(),
  reviewerUserId: idSchema.nullable().optional(),
  /** true marks the evidence reviewed now by the signed-in user. */
  reviewed: z.boolean().optional(),
});
export type UpdateEvidenceInput = z.infer<typeof updateEvidenceInput>;

export const withdrawEvidenceInput = z.strictObject({
  status: z.enum(['rejected', 'superseded']),
  reason: text(1000),
});
export type WithdrawEvidenceInput = z.infer<typeof withdrawEvidenceInput>;

export const controlStatusSchema = z.enum(['ok', 'stale', 'failing', 'not_assessed', 'not_applicable']);
const signalStateSchema = z.enum(['pass', 'warn', 'fail', 'stale', 'missing']);

export const listControlsQuery = z.strictObject({
  status: controlStatusSchema.optional(),
  category: z.string().max(80).optional(),
  search: z.string().max(200).optional(),
});

export const controlIdParams = z.strictObject({ id: controlIdSchema });

export const controlSettingsInput = z.strictObject({
  ownerUserId: idSchema.nullable().optional(),
  reviewerUserId: idSchema.nullable().optional(),
  notApplicableReason: optionalText(1000),
});

export const evidenceView = z.object({
  id: z.string(),
  controlId: z.string(),
  practiceId: z.string().nullable(),
  vendorId: z.string().nullable(),
  kind: z.enum(['file', 'link', 'attestation']),
  title: z.string(),
  description: z.string().nullable(),
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  size: z.number().nullable(),
  sha256: z.string().nullable(),
  url: z.string().nullable(),
  statement: z.string().nullable(),
  attestedBy: z.string().nullable(),
  attestedByName: z.string().nullable(),
  effectiveDate: z.string(),
  expiresAt: z.string().nullable(),
  isValid: z.boolean(),
  ownerUserId: z.string().nullable(),
  reviewerUserId: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  status: z.enum(['active', 'superseded', 'rejected']),
  withdrawnReason: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  uploadedBy: z.string(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
  retainUntil: z.string(),
});

export const evidenceList = z.object({ items: z.array(evidenceView) });

const controlSignal = z.object({
  signal: z.string(),
  value: z.number().nullable(),
  observedAt: z.string().nullable(),
  state: signalStateSchema,
});

export const controlStatusView = z.object({
  id: z.string(),
  title: z.string(),
  category: z.string(),
  scope: z.enum(['dso', 'practice']),
  status: controlStatusSchema,
  reason: z.string(),
  hipaa: z.array(z.string()),
  csf: z.array(z.string()),
  evidenceCount: z.number(),
  nextExpiry: z.string().nullable(),
  signals: z.array(controlSignal),
});

export const controlList = z.object({
  items: z.array(controlStatusView),
  counts: z.record(controlStatusSchema, z.number()),
  categories: z.array(z.object({ id: z.string(), title: z.string() })),
});

const readingView = z.object({
  practiceId: z.string().nullable(),
  practiceName: z.string().nullable(),
  value: z.number(),
  observedAt: z.string(),
  source: z.string(),
  state: signalStateSchema,
});

export const signalSummaryView = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.string(),
  value: z.number().nullable(),
  observedAt: z.string().nullable(),
  state: signalStateSchema,
  controlIds: z.array(z.string()),
  description: z.string(),
  direction: z.enum(['higher', 'lower']),
  warnAt: z.number(),
  failAt: z.number(),
  maxAgeDays: z.number(),
  readings: z.array(readingView),
});

export const signalList = z.object({ items: z.array(signalSummaryView) });

export const controlDetailView = controlStatusView.extend({
  description: z.string(),
  categoryTitle: z.string(),
  hicp: z.array(z.string()),
  cpg: z.array(z.string()),
  evidenceGuidance: z.string(),
  validityDays: z.number(),
  settings: z.object({
    ownerUserId: z.string().nullable(),
    reviewerUserId: z.string().nullable(),
    notApplicableReason: z.string().nullable(),
    updatedAt: z.string().nullable(),
  }),
  signalDetails: z.array(signalSummaryView),
  evidence: z.array(evidenceView),
});

const readingInput = z.strictObject({
  signal: z.string().trim().min(1).max(80),
  practiceId: idSchema.nullable().optional(),
  value: z.number(),
  observedAt: z.string().max(40),
});

export const readingsInput = z.union([
  readingInput,
  z.strictObject({ readings: z.array(readingInput).min(1).max(5000) }),
]);

const recordedReading = z.object({
  id: z.string(),
  signal: z.string(),
  practiceId: z.string().nullable(),
  value: z.number(),
  observedAt: z.string(),
  source: z.string(),
  state: signalStateSchema,
});

export const readingsResult = z.object({ items: z.array(recordedReading) });
export const importReadingsResult = z.object({ imported: z.number(), items: z.array(recordedReading) });
