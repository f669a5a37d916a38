import { z } from 'zod';
import { text } from '../../../platform/http/schemas.ts';

export const reportFormats = ['pdf', 'csv'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export const reportQuery = z.strictObject({
  format: z.enum(reportFormats, { message: 'format must be pdf or csv' }).default('pdf'),
});

export const signOffInput = z.strictObject({
  signerTitle: text(120),
  statement: text(2000),
});
export type SignOffInput = z.infer<typeof signOffInput>;

export const signOffView = z.object({
  id: z.string(),
  signerName: z.string(),
  signerTitle: z.string(),
  statement: z.string(),
  contentSha256: z.string(),
  signedAt: z.string(),
});

export const signOffHistory = z.object({
  items: z.array(signOffView),
  currentSha256: z.string(),
  changedSinceSignOff: z.boolean().nullable(),
});

const warning = z.object({
  severity: z.enum(['warning', 'critical']),
  message: z.string(),
  fix: z.string(),
});

const evidence = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('control'),
    id: z.string(),
    title: z.string(),
    status: z.enum(['ok', 'stale', 'failing', 'not_assessed', 'not_applicable', 'unknown']),
    reason: z.string(),
    nextExpiry: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('signal'),
    id: z.string(),
    title: z.string(),
    unit: z.string(),
    value: z.number().nullable(),
    observedAt: z.string().nullable(),
    state: z.enum(['pass', 'warn', 'fail', 'stale', 'missing']),
  }),
  z.object({
    kind: z.literal('vendors'),
    withEphi: z.number(),
    signed: z.number(),
    missing: z.array(z.string()),
  }),
]);

export const insuranceView = z.object({
  version: z.string(),
  generatedAt: z.string(),
  summary: z.object({
    yes: z.number(),
    partly: z.number(),
    no: z.number(),
    unknown: z.number(),
    warnings: z.number(),
  }),
  questions: z.array(
    z.object({
      id: z.string(),
      topic: z.string(),
      text: z.string(),
      suggested: z.enum(['yes', 'partly', 'no', 'unknown']),
      supported: z.boolean(),
      evidence: z.array(evidence),
      warnings: z.array(warning),
      toSupportYes: z.string(),
    }),
  ),
});
