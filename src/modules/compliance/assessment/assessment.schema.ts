import { z } from 'zod';
import { idSchema } from '../../../platform/http/schemas.ts';
import { answerScopes } from '../questionnaire.ts';

/** Schemas of the assessment API: the questionnaire, answers at a scope, a practice's assessment, progress. */

export const scopeTypeSchema = z.enum(answerScopes, { message: 'must be dso, region or practice' });
const questionIdSchema = z.string().trim().min(1).max(20);
const optionIdSchema = z.string().trim().min(1).max(60);

export const scopeQuery = z.strictObject({ scopeType: scopeTypeSchema, scopeId: idSchema });

export const answerParams = z.strictObject({
  scopeType: scopeTypeSchema,
  scopeId: idSchema,
  questionId: questionIdSchema,
});

export const setAnswerInput = z.strictObject({
  optionId: optionIdSchema,
  justification: z.string().trim().max(2000, 'must be at most 2000 characters').nullable().optional(),
  note: z.string().trim().max(2000, 'must be at most 2000 characters').nullable().optional(),
});
export type SetAnswerInput = z.infer<typeof setAnswerInput>;

export const applyAnswerInput = setAnswerInput.extend({
  questionId: questionIdSchema,
  practiceIds: z.array(idSchema).min(1, 'choose at least one practice').max(500),
});
export type ApplyAnswerInput = z.infer<typeof applyAnswerInput>;

export const heatmapQuery = z.strictObject({ regionId: idSchema.optional() });

const reference = z.object({ id: z.string(), title: z.string() });

export const questionnaireView = z.object({
  version: z.string(),
  source: z.string(),
  effectiveDate: z.string(),
  scoreScale: z.record(z.string(), z.string()),
  areas: z.array(z.object({ id: z.string(), title: z.string(), questions: z.number() })),
  questions: z.array(
    z.object({
      id: z.string(),
      area: z.string(),
      text: z.string(),
      regulation: z.array(reference),
      csf: z.array(reference),
      /** Catalogue controls that carry the question out (their evidence and signals show it in practice). */
      controls: z.array(reference),
      defaultScope: scopeTypeSchema,
      allowNotApplicable: z.boolean(),
      options: z.array(
        z.object({
          id: z.string(),
          label: z.string(),
          score: z.number(),
          guidance: z.string(),
          notApplicable: z.boolean(),
          vulnerabilities: z.array(reference),
        }),
      ),
    }),
  ),
});
export type QuestionnaireView = z.infer<typeof questionnaireView>;

export const answerView = z.object({
  id: z.string(),
  scopeType: scopeTypeSchema,
  scopeId: z.string(),
  questionId: z.string(),
  optionId: z.string(),
  score: z.number().nullable(),
  justification: z.string().nullable(),
  note: z.string().nullable(),
  answeredBy: z.string(),
  answeredAt: z.string(),
});
export type AnswerView = z.infer<typeof answerView>;

export const answerList = z.object({ items: z.array(answerView) });
export const applyAnswerResult = z.object({ items: z.array(answerView) });

const levelAnswer = answerView.extend({ level: scopeTypeSchema });

const areaProgress = z.object({
  areaId: z.string(),
  answered: z.number(),
  total: z.number(),
  percent: z.number(),
});

export const scopeAssessmentView = z.object({
  scopeType: scopeTypeSchema,
  scopeId: z.string(),
  name: z.string(),
  regionId: z.string().nullable(),
  questions: z.array(
    z.object({
      questionId: z.string(),
      area: z.string(),
      /** The answer given at exactly this scope. */
      own: answerView.nullable(),
      /** What this scope inherits from the levels above it. */
      inherited: levelAnswer.nullable(),
      /** The answer that counts here: own, else inherited. */
      effective: levelAnswer.nullable(),
      /** This scope has its own answer where a level above also answered. */
      overrides: z.boolean(),
    }),
  ),
  areas: z.array(areaProgress),
  answered: z.number(),
  total: z.number(),
  percent: z.number(),
});
export type ScopeAssessmentView = z.infer<typeof scopeAssessmentView>;

export const progressView = z.object({
  practices: z.array(
    z.object({
      practiceId: z.string(),
      practiceName: z.string(),
      regionId: z.string().nullable(),
      answered: z.number(),
      total: z.number(),
      percent: z.number(),
      areas: z.array(areaProgress),
    }),
  ),
  areas: z.array(areaProgress.extend({ title: z.string() })),
  totals: z.object({
    practices: z.number(),
    completePractices: z.number(),
    answered: z.number(),
    total: z.number(),
    percent: z.number(),
  }),
});
export type ProgressView = z.infer<typeof progressView>;

const heatmapCell = z.object({
  areaId: z.string(),
  answered: z.number(),
  total: z.number(),
  gaps: z.number(),
  score: z.number().nullable(),
});

export const heatmapView = z.object({
  areas: z.array(z.object({ id: z.string(), title: z.string(), questions: z.number() })),
  rows: z.array(
    z.object({
      practiceId: z.string(),
      practiceName: z.string(),
      regionId: z.string().nullable(),
      answered: z.number(),
      total: z.number(),
      cells: z.array(heatmapCell),
    }),
  ),
  areaTotals: z.array(heatmapCell),
});
