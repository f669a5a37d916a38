import { z } from 'zod';
import { type FrameworkLibrary, frameworks } from './frameworks.ts';
import questionnaireJson from './questionnaire/questionnaire.json' with { type: 'json' };

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case slug');

const optionSchema = z.strictObject({
  id: slug,
  label: z.string().min(1),
  /** 0 = in place (or justified not applicable), 1 = minor gaps, 2 = significant gaps, 3 = not in place or unknown. */
  score: z.number().int().min(0).max(3),
  guidance: z.string().min(1),
  vulnerabilities: z.array(z.string().min(1)),
  notApplicable: z.literal(true).optional(),
});

export const answerScopes = ['dso', 'region', 'practice'] as const;
export type AnswerScope = (typeof answerScopes)[number];

const questionSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]{2}-\d{2,3}$/, 'expected XX-NN'),
  area: z.string().min(1),
  text: z.string().min(1),
  regulation: z.array(z.string().min(1)).min(1),
  csf: z.array(z.string().min(1)).min(1),
  defaultScope: z.enum(answerScopes),
  allowNotApplicable: z.literal(true).optional(),
  options: z.array(optionSchema).min(3).max(5),
});

const questionnaireSchema = z.strictObject({
  version: z.string().min(1),
  source: z.string().min(1),
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD'),
  scoreScale: z.record(z.string(), z.string()),
  notApplicable: z.string().min(1),
  areas: z.array(
    z.strictObject({ id: slug, prefix: z.string().regex(/^[A-Z]{2}$/), title: z.string().min(1) }),
  ),
  vulnerabilities: z.array(
    z.strictObject({ id: slug, title: z.string().min(1), threats: z.array(slug).min(1) }),
  ),
  questions: z.array(questionSchema),
});

export type Questionnaire = z.infer<typeof questionnaireSchema>;
export type Question = z.infer<typeof questionSchema>;
export type AnswerOption = z.infer<typeof optionSchema>;

/** The questionnaire file is malformed or refers to unknown ids; each problem names the question. */
export class QuestionnaireDataError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`Questionnaire data is invalid: ${problems.join('; ')}`);
    this.name = 'QuestionnaireDataError';
    this.problems = problems;
  }
}

function duplicates(list: string, ids: readonly string[], problems: string[]): Set<string> {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) problems.push(`${list}: duplicate id "${id}"`);
    seen.add(id);
  }
  return seen;
}

function checkQuestion(
  q: Question,
  known: { areas: Map<string, string>; vulns: Set<string>; hipaa: Set<string>; csf: Set<string> },
  problems: string[],
): void {
  const at = (message: string) => problems.push(`${q.id}: ${message}`);
  const prefix = known.areas.get(q.area);
  if (prefix === undefined) at(`unknown area "${q.area}"`);
  else if (!q.id.startsWith(`${prefix}-`)) at(`id does not use the area prefix "${prefix}"`);
  for (const id of q.regulation) if (!known.hipaa.has(id)) at(`unknown HIPAA item "${id}"`);
  for (const id of q.csf) if (!known.csf.has(id)) at(`unknown CSF subcategory "${id}"`);
  const optionIds = new Set<string>();
  for (const option of q.options) {
    if (optionIds.has(option.id)) at(`duplicate option id "${option.id}"`);
    optionIds.add(option.id);
    for (const v of option.vulnerabilities) {
      if (!known.vulns.has(v)) at(`option "${option.id}": unknown vulnerability "${v}"`);
    }
    if (option.notApplicable && q.allowNotApplicable !== true) {
      at(`option "${option.id}" is not-applicable but the question does not set allowNotApplicable`);
    }
    if (option.score > 0 && option.vulnerabilities.length === 0) {
      at(`option "${option.id}" scores ${option.score} but indicates no vulnerability`);
    }
  }
  const best = q.options.filter((o) => !o.notApplicable && o.score === 0 && o.vulnerabilities.length === 0);
  if (best.length === 0) at('no best answer (an option with score 0 and no vulnerabilities)');
  if (q.allowNotApplicable === true && !q.options.some((o) => o.notApplicable)) {
    at('allowNotApplicable is set but no option is not-applicable');
  }
}

/** Validates the questionnaire and every id it refers to; throws QuestionnaireDataError listing each problem. */
export function loadQuestionnaire(
  raw: unknown = questionnaireJson,
  library: FrameworkLibrary = frameworks(),
): Questionnaire {
  const result = questionnaireSchema.safeParse(raw);
  if (!result.success) {
    throw new QuestionnaireDataError(
      result.error.issues.map((issue) => {
        const [list, index] = issue.path;
        const question =
          list === 'questions' && typeof index === 'number'
            ? (raw as { questions?: { id?: unknown }[] }).questions?.[index]?.id
            : undefined;
        const where = typeof question === 'string' ? `${question}: ` : '';
        return `${where}${issue.path.join('.') || '(root)'}: ${issue.message}`;
      }),
    );
  }
  const data = result.data;
  const problems: string[] = [];
  duplicates(
    'areas',
    data.areas.map((a) => a.id),
    problems,
  );
  duplicates(
    'area prefixes',
    data.areas.map((a) => a.prefix),
    problems,
  );
  const known = {
    areas: new Map(data.areas.map((a) => [a.id, a.prefix])),
    vulns: duplicates(
      'vulnerabilities',
      data.vulnerabilities.map((v) => v.id),
      problems,
    ),
    hipaa: new Set(library.hipaa.items.map((i) => i.id)),
    csf: new Set(library.csf.items.filter((i) => i.kind === 'subcategory').map((i) => i.id)),
  };
  duplicates(
    'questions',
    data.questions.map((q) => q.id),
    problems,
  );
  for (const q of data.questions) checkQuestion(q, known, problems);
  if (problems.length > 0) throw new QuestionnaireDataError(problems);
  return data;
}

let cached: Questionnaire | undefined;

/** The bundled questionnaire, validated once. */
export function questionnaire(): Questionnaire {
  cached ??= loadQuestionnaire();
  return cached;
}

export interface AreaSummary {
  readonly id: string;
  readonly title: string;
  readonly questions: number;
}

/** Questions per area, in the order the areas are listed. */
export function questionnaireSummary(data: Questionnaire = questionnaire()): AreaSummary[] {
  return data.areas.map((a) => ({
    id: a.id,
    title: a.title,
    questions: data.questions.filter((q) => q.area === a.id).length,
  }));
}

export interface Answer {
  readonly questionId: string;
  readonly optionId: string;
  /** Required when the chosen option is not-applicable. */
  readonly justification?: string;
}

/** Answers to one question, keyed by the level that gave them. */
export interface ScopedAnswers {
  readonly dso?: Answer;
  readonly regions?: Readonly<Record<string, Answer>>;
  readonly practices?: Readonly<Record<string, Answer>>;
}

export interface PracticeRef {
  readonly id: string;
  readonly regionId?: string;
}

export interface EffectiveAnswer {
  readonly answer: Answer;
  readonly level: AnswerScope;
}

/** Practice overrides region, region overrides DSO; undefined when nobody has answered. */
export function effectiveAnswer(answers: ScopedAnswers, practice: PracticeRef): EffectiveAnswer | undefined {
  const own = answers.practices?.[practice.id];
  if (own !== undefined) return { answer: own, level: 'practice' };
  const region = practice.regionId === undefined ? undefined : answers.regions?.[practice.regionId];
  if (region !== undefined) return { answer: region, level: 'region' };
  if (answers.dso !== undefined) return { answer: answers.dso, level: 'dso' };
  return undefined;
}

/** Problems with one answer: unknown question or option, not-applicable where not allowed or without a justification. */
export function validateAnswer(answer: Answer, data: Questionnaire = questionnaire()): string[] {
  const question = data.questions.find((q) => q.id === answer.questionId);
  if (question === undefined) return [`unknown question "${answer.questionId}"`];
  const option = question.options.find((o) => o.id === answer.optionId);
  if (option === undefined) return [`${question.id}: unknown option "${answer.optionId}"`];
  if (option.notApplicable !== true) return [];
  if (question.allowNotApplicable !== true) return [`${question.id}: not applicable is not allowed`];
  if ((answer.justification ?? '').trim().length < 10) {
    return [`${question.id}: not applicable needs a justification of at least 10 characters`];
  }
  return [];
}
