import { z } from 'zod';
import {
  cursorSchema,
  dateSchema,
  idSchema,
  limitSchema,
  listOf,
  optionalText,
  text,
} from '../../../platform/http/schemas.ts';
import { ratings, riskLevels } from './risk-rating.ts';

export const riskStatuses = ['proposed', 'open', 'closed'] as const;
export type RiskStatus = (typeof riskStatuses)[number];
/** The status as shown: an accepted risk past its acceptance expiry reads "acceptance_expired". */
export const riskStates = ['proposed', 'open', 'accepted', 'acceptance_expired', 'closed'] as const;
export type RiskState = (typeof riskStates)[number];
export const treatments = ['mitigate', 'accept', 'transfer', 'avoid'] as const;
export type Treatment = (typeof treatments)[number];
export const riskSources = ['questionnaire', 'manual', 'signal'] as const;

const rating = z.enum(ratings);

const riskFields = {
  title: text(200),
  threat: text(200),
  vulnerability: text(300),
  assetGroup: text(100),
  likelihood: rating,
  impact: rating,
  ownerUserId: idSchema.nullable().optional(),
  treatment: z.enum(treatments).nullable().optional(),
  treatmentNote: optionalText(2000),
  residualLikelihood: rating.nullable().optional(),
  residualImpact: rating.nullable().optional(),
  nextReviewDate: dateSchema.nullable().optional(),
  status: z.enum(riskStatuses).optional(),
};

export const createRiskInput = z.strictObject({ ...riskFields, practiceId: idSchema.nullable().optional() });
export type CreateRiskInput = z.infer<typeof createRiskInput>;
export const updateRiskInput = z.strictObject(riskFields).partial();
export type UpdateRiskInput = z.infer<typeof updateRiskInput>;

export const acceptRiskInput = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(20, 'must be at least 20 characters: say why the risk is acceptable')
    .max(2000, 'must be at most 2000 characters'),
  expiresOn: dateSchema,
});
export type AcceptRiskInput = z.infer<typeof acceptRiskInput>;

export const listRisksQuery = z.strictObject({
  status: z.enum(['proposed', 'open', 'closed', 'acceptance_expired']).optional(),
  level: z.enum(riskLevels).optional(),
  practiceId: idSchema.optional(),
  treatment: z.enum(treatments).optional(),
  ownerUserId: idSchema.optional(),
  source: z.enum(riskSources).optional(),
  likelihood: rating.optional(),
  impact: rating.optional(),
  residualLikelihood: rating.optional(),
  residualImpact: rating.optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListRisksQuery = z.infer<typeof listRisksQuery>;

const ownerView = z.object({ id: z.string(), displayName: z.string(), email: z.string() }).nullable();

export const riskView = z.object({
  id: z.string(),
  practiceId: z.string().nullable(),
  practiceName: z.string().nullable(),
  title: z.string(),
  threat: z.string(),
  vulnerability: z.string(),
  assetGroup: z.string(),
  likelihood: rating,
  impact: rating,
  level: z.enum(riskLevels),
  residualLikelihood: rating.nullable(),
  residualImpact: rating.nullable(),
  residualLevel: z.enum(riskLevels).nullable(),
  status: z.enum(riskStatuses),
  state: z.enum(riskStates),
  source: z.string(),
  sourceRef: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  owner: ownerView,
  treatment: z.enum(treatments).nullable(),
  treatmentNote: z.string().nullable(),
  nextReviewDate: z.string().nullable(),
  acceptance: z
    .object({ approver: z.string(), reason: z.string(), expiresOn: z.string(), acceptedAt: z.string() })
    .nullable(),
  /** The answers that proposed this risk no longer indicate it: review and close it. */
  closeSuggested: z.boolean(),
  sourceResolvedAt: z.string().nullable(),
  /** Acceptance expired, review date reached, or close suggested. */
  needsReview: z.boolean(),
  /** False for a DSO-wide risk seen by a practice manager (read-only). */
  editable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RiskView = z.infer<typeof riskView>;
export const riskList = listOf(riskView);

export const proposeResult = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  flaggedForClosing: z.number(),
});
export type ProposeResult = z.infer<typeof proposeResult>;

export const matrixQuery = z.strictObject({ practiceId: idSchema.optional() });

const matrixSide = z.object({
  cells: z.array(
    z.object({ likelihood: rating, impact: rating, level: z.enum(riskLevels), count: z.number() }),
  ),
  levels: z.object({ low: z.number(), medium: z.number(), high: z.number(), critical: z.number() }),
  /** Risks without this rating (residual not rated yet). */
  unrated: z.number(),
});
export const riskMatrix = z.object({ total: z.number(), inherent: matrixSide, residual: matrixSide });
export type RiskMatrix = z.infer<typeof riskMatrix>;

export const ownerOptions = z.object({
  items: z.array(z.object({ id: z.string(), displayName: z.string(), email: z.string(), role: z.string() })),
});

// Remediation tasks.

export const taskStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof taskStatuses)[number];

const controlIdSchema = z.string().trim().min(1).max(60);

const taskFields = {
  title: text(200),
  description: optionalText(4000),
  ownerUserId: idSchema.nullable().optional(),
  dueDate: dateSchema,
  status: z.enum(taskStatuses).optional(),
  riskIds: z.array(idSchema).max(100).optional(),
  controlIds: z.array(controlIdSchema).max(100).optional(),
};

export const createTaskInput = z.strictObject({ ...taskFields, practiceId: idSchema.nullable().optional() });
export type CreateTaskInput = z.infer<typeof createTaskInput>;
export const updateTaskInput = z.strictObject(taskFields).partial();
export type UpdateTaskInput = z.infer<typeof updateTaskInput>;

const booleanFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

export const listTasksQuery = z.strictObject({
  status: z.enum(taskStatuses).optional(),
  overdue: booleanFlag.optional(),
  practiceId: idSchema.optional(),
  riskId: idSchema.optional(),
  ownerUserId: idSchema.optional(),
  limit: limitSchema,
  cursor: cursorSchema,
});
export type ListTasksQuery = z.infer<typeof listTasksQuery>;

export const taskView = z.object({
  id: z.string(),
  practiceId: z.string().nullable(),
  practiceName: z.string().nullable(),
  title: z.string(),
  description: z.string().nullable(),
  ownerUserId: z.string().nullable(),
  owner: ownerView,
  dueDate: z.string(),
  status: z.enum(taskStatuses),
  /** Past its due date and neither done nor cancelled. */
  overdue: z.boolean(),
  riskIds: z.array(z.string()),
  risks: z.array(z.object({ id: z.string(), title: z.string(), level: z.string() })),
  controlIds: z.array(z.string()),
  controls: z.array(z.object({ id: z.string(), title: z.string() })),
  completedAt: z.string().nullable(),
  lastReminderAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TaskView = z.infer<typeof taskView>;
export const taskList = listOf(taskView);
