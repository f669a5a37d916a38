import { inPracticeScope, type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { AppError, type ErrorIssue, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { controlCatalogue } from '../controls/index.ts';
import { frameworks } from '../frameworks.ts';
import {
  type AnswerScope,
  type Question,
  questionnaire,
  questionnaireSummary,
  validateAnswer,
} from '../questionnaire.ts';
import type {
  AnswerView,
  ApplyAnswerInput,
  ProgressView,
  QuestionnaireView,
  ScopeAssessmentView,
  SetAnswerInput,
} from './assessment.schema.ts';
import * as store from './assessment.store.ts';
import { computeHeatmap } from './heatmap.service.ts';

/** The scope an answer is given at, resolved and checked against the caller's reach. */
export interface AnswerTarget {
  readonly scopeType: AnswerScope;
  readonly scopeId: string;
  readonly name: string;
  readonly regionId: string | null;
}

// The questionnaire as the API shows it -----------------------------------------------------------

let questionnaireCache: QuestionnaireView | undefined;

/** Areas, questions and options with the titles of the HIPAA items, CSF subcategories and vulnerabilities. */
export function getQuestionnaire(): QuestionnaireView {
  if (questionnaireCache) return questionnaireCache;
  const data = questionnaire();
  const library = frameworks();
  const hipaa = new Map(library.hipaa.items.map((i) => [i.id, i.title]));
  const csf = new Map(library.csf.items.map((i) => [i.id, i.title]));
  const vulns = new Map(data.vulnerabilities.map((v) => [v.id, v.title]));
  const ref = (titles: Map<string, string>) => (id: string) => ({ id, title: titles.get(id) ?? id });
  const catalogue = controlCatalogue();
  // The controls that carry out a question: those citing one of its HIPAA items, else one of its CSF outcomes.
  const controlsOf = (q: { regulation: readonly string[]; csf: readonly string[] }) => {
    const byHipaa = catalogue.filter((c) => c.hipaa.some((id) => q.regulation.includes(id)));
    const found =
      byHipaa.length > 0 ? byHipaa : catalogue.filter((c) => c.csf.some((id) => q.csf.includes(id)));
    return found.slice(0, 6).map((c) => ({ id: c.id, title: c.title }));
  };
  questionnaireCache = {
    version: data.version,
    source: data.source,
    effectiveDate: data.effectiveDate,
    scoreScale: data.scoreScale,
    areas: questionnaireSummary(data),
    questions: data.questions.map((q) => ({
      id: q.id,
      area: q.area,
      text: q.text,
      regulation: q.regulation.map(ref(hipaa)),
      csf: q.csf.map(ref(csf)),
      controls: controlsOf(q),
      defaultScope: q.defaultScope,
      allowNotApplicable: q.allowNotApplicable === true,
      options: q.options.map((o) => ({
        id: o.id,
        label: o.label,
        score: o.score,
        guidance: o.guidance,
        notApplicable: o.notApplicable === true,
        vulnerabilities: o.vulnerabilities.map(ref(vulns)),
      })),
    })),
  };
  return questionnaireCache;
}

let questionIndex: ReadonlyMap<string, Question> | undefined;
function questionById(id: string): Question | undefined {
  questionIndex ??= new Map(questionnaire().questions.map((q) => [q.id, q]));
  return questionIndex.get(id);
}

// Scope rules ---------------------------------------------------------------------------------------

/**
 * Resolves the scope of an answer. Another DSO's or an out-of-reach practice is 404. A practice manager limited
 * to some practices may read the DSO's answers and those of their practices' regions (their practices inherit
 * them) but may change answers only at practice level.
 */
export async function resolveTarget(
  deps: ServiceDeps,
  scope: Scope,
  scopeType: AnswerScope,
  scopeId: string,
  mode: 'read' | 'write',
): Promise<AnswerTarget> {
  const limited = Boolean(scope.practiceIds);
  if (mode === 'write' && limited && scopeType !== 'practice') {
    throw new AppError(
      'AUTH_FORBIDDEN',
      `A practice manager answers only for their own practices, not at ${scopeType === 'dso' ? 'DSO' : 'region'} level.`,
    );
  }
  switch (scopeType) {
    case 'dso': {
      if (scopeId !== scope.dsoId) throw notFound('DSO', scopeId);
      return { scopeType, scopeId, name: await store.dsoName(deps.db, scope.dsoId), regionId: null };
    }
    case 'region': {
      const region = await store.findRegion(deps.db, scope.dsoId, scopeId);
      if (!region) throw notFound('Region', scopeId);
      if (limited) {
        const reachable = await store.practiceRegionIds(deps.db, scope.dsoId, scope.practiceIds ?? []);
        if (!reachable.includes(region.id)) throw notFound('Region', scopeId);
      }
      return { scopeType, scopeId, name: region.name, regionId: region.id };
    }
    case 'practice': {
      const practice = await store.findPractice(deps.db, scope.dsoId, scopeId);
      if (!practice || !inPracticeScope(scope, practice.id)) throw notFound('Practice', scopeId);
      return { scopeType, scopeId, name: practice.name, regionId: practice.regionId };
    }
  }
}

/** The levels a scope inherits from, nearest first. */
function parentsOf(scope: Scope, target: AnswerTarget): { scopeType: AnswerScope; scopeId: string }[] {
  const dso = { scopeType: 'dso' as const, scopeId: scope.dsoId };
  if (target.scopeType === 'dso') return [];
  if (target.scopeType === 'region') return [dso];
  return target.regionId === null ? [dso] : [{ scopeType: 'region', scopeId: target.regionId }, dso];
}

// Answers ----------------------------------------------------------------------------------------------

export function presentAnswer(row: store.AnswerRow): AnswerView {
  const option = questionById(row.questionId)?.options.find((o) => o.id === row.optionId);
  return {
    id: row.id,
    scopeType: row.scopeType as AnswerScope,
    scopeId: row.scopeId,
    questionId: row.questionId,
    optionId: row.optionId,
    score: option?.score ?? null,
    justification: row.justification,
    note: row.note,
    answeredBy: row.answeredBy,
    answeredAt: row.answeredAt,
  };
}

export async function listAnswers(
  deps: ServiceDeps,
  scope: Scope,
  query: { scopeType: AnswerScope; scopeId: string },
): Promise<{ items: AnswerView[] }> {
  const target = await resolveTarget(deps, scope, query.scopeType, query.scopeId, 'read');
  const rows = await store.answersAt(deps.db, scope.dsoId, [target]);
  return { items: rows.map(presentAnswer) };
}

/** The option id the questionnaire uses for "not applicable" wherever a question allows it. */
const notApplicableIds = new Set(
  questionnaire().questions.flatMap((q) => q.options.filter((o) => o.notApplicable).map((o) => o.id)),
);

/**
 * validateAnswer's problems as a 400 naming the field: the question, the option or the justification. Choosing
 * "not applicable" on a question that has no such option says so, rather than calling the option unknown.
 */
function assertValid(questionId: string, input: SetAnswerInput, inBody = false): void {
  const problems = validateAnswer({
    questionId,
    optionId: input.optionId,
    ...(input.justification ? { justification: input.justification } : {}),
  });
  if (problems.length === 0) return;
  const question = questionById(questionId);
  const option = question?.options.find((o) => o.id === input.optionId);
  let field = ['body', 'justification'];
  let messages = problems;
  if (question === undefined) field = [inBody ? 'body' : 'params', 'questionId'];
  else if (option === undefined || question.allowNotApplicable !== true) {
    field = ['body', 'optionId'];
    if (option === undefined && notApplicableIds.has(input.optionId)) {
      messages = [`${question.id}: not applicable is not allowed for this question`];
    }
  }
  const issues: ErrorIssue[] = messages.map((message) => ({ path: field, code: 'invalid_answer', message }));
  throw new AppError('VALIDATION_FAILED', `${field.at(-1)}: ${messages.join('; ')}`, issues);
}

function auditAnswer(scope: Scope, action: string, id: string, occurredAt: string, fields: string[]) {
  return {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType: 'complianceAnswer',
    resourceId: id,
    occurredAt,
    changedFields: fields,
  };
}

function answerRow(
  scope: Scope,
  target: { scopeType: AnswerScope; scopeId: string },
  questionId: string,
  input: SetAnswerInput,
  now: string,
) {
  return {
    id: newId(),
    dsoId: scope.dsoId,
    scopeType: target.scopeType,
    scopeId: target.scopeId,
    questionId,
    optionId: input.optionId,
    justification: input.justification ? input.justification : null,
    note: input.note ? input.note : null,
    answeredBy: (scope.actor ?? systemActor).label,
    answeredAt: now,
  };
}

/** Gives or replaces the answer to one question at one scope. */
export async function setAnswer(
  deps: ServiceDeps,
  scope: Scope,
  params: { scopeType: AnswerScope; scopeId: string; questionId: string },
  input: SetAnswerInput,
): Promise<AnswerView> {
  const target = await resolveTarget(deps, scope, params.scopeType, params.scopeId, 'write');
  assertValid(params.questionId, input);
  const now = deps.clock.now().toISOString();
  const row = answerRow(scope, target, params.questionId, input, now);
  const saved = await deps.db.transaction().execute(async (trx) => {
    await store.upsertAnswer(trx, row);
    const stored = await store.findAnswer(
      trx,
      scope.dsoId,
      target.scopeType,
      target.scopeId,
      params.questionId,
    );
    if (!stored) throw new Error('The answer just written could not be read back.');
    await audit.record(
      trx,
      auditAnswer(scope, 'compliance.answer.set', stored.id, now, audit.fieldNames(input)),
    );
    return stored;
  });
  return presentAnswer(saved);
}

/** Removes the answer at one scope, so the scope inherits again; 404 when there is none. */
export async function clearAnswer(
  deps: ServiceDeps,
  scope: Scope,
  params: { scopeType: AnswerScope; scopeId: string; questionId: string },
): Promise<void> {
  const target = await resolveTarget(deps, scope, params.scopeType, params.scopeId, 'write');
  const existing = await store.findAnswer(
    deps.db,
    scope.dsoId,
    target.scopeType,
    target.scopeId,
    params.questionId,
  );
  if (!existing) throw notFound('Answer to question', params.questionId);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await store.deleteAnswer(trx, scope.dsoId, existing.id);
    await audit.record(trx, auditAnswer(scope, 'compliance.answer.clear', existing.id, now, []));
  });
}

/** Gives the same answer at practice level to several practices at once (one transaction, one audit entry each). */
export async function applyAnswer(
  deps: ServiceDeps,
  scope: Scope,
  input: ApplyAnswerInput,
): Promise<{ items: AnswerView[] }> {
  const { questionId, practiceIds, ...answer } = input;
  assertValid(questionId, answer, true);
  const unique = [...new Set(practiceIds)];
  const found = new Set((await store.findPractices(deps.db, scope.dsoId, unique)).map((p) => p.id));
  const issues: ErrorIssue[] = unique.flatMap((id, index) =>
    found.has(id) && inPracticeScope(scope, id)
      ? []
      : [
          {
            path: ['body', 'practiceIds', index],
            code: 'unknown_practice',
            message: `practice "${id}" not found`,
          },
        ],
  );
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', `practiceIds: ${issues[0]?.message}`, issues);
  }
  const now = deps.clock.now().toISOString();
  const saved = await deps.db.transaction().execute(async (trx) => {
    const rows: store.AnswerRow[] = [];
    for (const practiceId of unique) {
      const target = { scopeType: 'practice' as const, scopeId: practiceId };
      await store.upsertAnswer(trx, answerRow(scope, target, questionId, answer, now));
      const stored = await store.findAnswer(trx, scope.dsoId, 'practice', practiceId, questionId);
      if (!stored) throw new Error('The answer just written could not be read back.');
      await audit.record(
        trx,
        auditAnswer(scope, 'compliance.answer.set', stored.id, now, audit.fieldNames(answer)),
      );
      rows.push(stored);
    }
    return rows;
  });
  return { items: saved.map(presentAnswer) };
}

// A scope's assessment and the DSO's progress -------------------------------------------------------

function percent(answered: number, total: number): number {
  return total === 0 ? 0 : Math.round((100 * answered) / total);
}

/** Every question at one scope: the answer given there, what it inherits, what counts, per-area progress. */
export async function scopeAssessment(
  deps: ServiceDeps,
  scope: Scope,
  scopeType: AnswerScope,
  scopeId: string,
): Promise<ScopeAssessmentView> {
  const target = await resolveTarget(deps, scope, scopeType, scopeId, 'read');
  const parents = parentsOf(scope, target);
  const rows = await store.answersAt(deps.db, scope.dsoId, [target, ...parents]);
  const levelOf = (row: store.AnswerRow) =>
    parents.findIndex((p) => p.scopeType === row.scopeType && p.scopeId === row.scopeId);
  const own = new Map<string, store.AnswerRow>();
  const inherited = new Map<string, { row: store.AnswerRow; rank: number }>();
  for (const row of rows) {
    if (row.scopeType === target.scopeType && row.scopeId === target.scopeId) {
      own.set(row.questionId, row);
      continue;
    }
    const rank = levelOf(row);
    const current = inherited.get(row.questionId);
    if (rank >= 0 && (current === undefined || rank < current.rank))
      inherited.set(row.questionId, { row, rank });
  }
  const withLevel = (row: store.AnswerRow) => ({
    ...presentAnswer(row),
    level: row.scopeType as AnswerScope,
  });
  const areas = questionnaireSummary();
  const answeredByArea = new Map<string, number>();
  const questions = questionnaire().questions.map((q) => {
    const mine = own.get(q.id);
    const above = inherited.get(q.id)?.row;
    const effective = mine ?? above;
    if (effective) answeredByArea.set(q.area, (answeredByArea.get(q.area) ?? 0) + 1);
    return {
      questionId: q.id,
      area: q.area,
      own: mine ? presentAnswer(mine) : null,
      inherited: above ? withLevel(above) : null,
      effective: effective ? withLevel(effective) : null,
      overrides: mine !== undefined && above !== undefined,
    };
  });
  const areaProgress = areas.map((a) => {
    const answered = answeredByArea.get(a.id) ?? 0;
    return { areaId: a.id, answered, total: a.questions, percent: percent(answered, a.questions) };
  });
  const answered = areaProgress.reduce((sum, a) => sum + a.answered, 0);
  const total = questions.length;
  return {
    scopeType: target.scopeType,
    scopeId: target.scopeId,
    name: target.name,
    regionId: target.regionId,
    questions,
    areas: areaProgress,
    answered,
    total,
    percent: percent(answered, total),
  };
}

/** Per practice and area: effective answers given out of the questions; DSO totals. */
export async function getProgress(deps: ServiceDeps, scope: Scope): Promise<ProgressView> {
  const heatmap = await computeHeatmap(deps, scope);
  const practices = heatmap.rows.map((row) => ({
    practiceId: row.practiceId,
    practiceName: row.practiceName,
    regionId: row.regionId,
    answered: row.answered,
    total: row.total,
    percent: percent(row.answered, row.total),
    areas: row.cells.map((c) => ({
      areaId: c.areaId,
      answered: c.answered,
      total: c.total,
      percent: percent(c.answered, c.total),
    })),
  }));
  const areas = heatmap.areaTotals.map((c, i) => ({
    areaId: c.areaId,
    title: heatmap.areas[i]?.title ?? c.areaId,
    answered: c.answered,
    total: c.total,
    percent: percent(c.answered, c.total),
  }));
  const answered = practices.reduce((sum, p) => sum + p.answered, 0);
  const total = practices.reduce((sum, p) => sum + p.total, 0);
  return {
    practices,
    areas,
    totals: {
      practices: practices.length,
      completePractices: practices.filter((p) => p.total > 0 && p.answered === p.total).length,
      answered,
      total,
      percent: percent(answered, total),
    },
  };
}
