import { z } from 'zod';
import { cursorSchema, limitSchema, listOf } from '../../platform/http/schemas.ts';
import { outcomes } from './audit.chain.ts';

/** An instant in ISO-8601 with an offset, normalized to UTC so it compares with stored times as text. */
const instantSchema = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 time such as 2026-11-02T15:00:00Z' })
  .transform((value) => new Date(value).toISOString());

export const auditFilterFields = {
  actor: z.string().trim().min(1).max(200).optional(),
  action: z
    .string()
    .trim()
    .max(100)
    .regex(
      /^[a-z][a-zA-Z0-9_.-]*\*?$/,
      'must be an action such as practices.create, or a prefix such as people.*',
    )
    .optional(),
  resourceType: z
    .string()
    .trim()
    .max(50)
    .regex(/^[a-z][a-zA-Z0-9_-]*$/, 'must be a resource type such as practice')
    .optional(),
  resourceId: z.string().trim().min(1).max(200).optional(),
  outcome: z.enum(outcomes).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
};

export const listAuditEventsQuery = z.strictObject({
  ...auditFilterFields,
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListAuditEventsQuery = z.infer<typeof listAuditEventsQuery>;

export const exportFormats = ['csv', 'json'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export const exportAuditEventsQuery = z.strictObject({
  ...auditFilterFields,
  format: z.enum(exportFormats).default('csv'),
});
export type ExportAuditEventsQuery = z.infer<typeof exportAuditEventsQuery>;

export const auditEventView = z.object({
  id: z.string(),
  dsoId: z.string().nullable(),
  seq: z.number(),
  occurredAt: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  outcome: z.string(),
  changedFields: z.array(z.string()),
  detail: z.record(z.string(), z.number()).nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEventView = z.infer<typeof auditEventView>;

export const auditEventList = listOf(auditEventView);

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash in hex');

/** The head of one chain at a moment: kept elsewhere, it later proves that no entry up to it was removed. */
export const anchorChain = z.strictObject({
  chainKey: z.string().min(1).max(100),
  seq: z.number().int().min(1),
  hash: hashSchema,
  time: z.string().nullable(),
});
export type AnchorChain = z.infer<typeof anchorChain>;

export const anchorKind = 'enamel-audit-anchor';

export const anchorView = z.strictObject({
  kind: z.literal(anchorKind),
  version: z.literal(1),
  createdAt: z.string(),
  chains: z.array(anchorChain).max(100_000),
});
export type AnchorView = z.infer<typeof anchorView>;
