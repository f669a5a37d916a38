import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.ts';
import { type AnswerScope, type Question, questionnaire } from '../questionnaire.ts';

/** One practice's answer to one question after inheritance, with the level that gave it and its score. */
export interface PracticeAnswer {
  readonly questionId: string;
  readonly optionId: string;
  readonly justification: string | null;
  /** 0 = in place (or justified not applicable) ... 3 = not in place or unknown. */
  readonly score: number;
  readonly level: AnswerScope;
}

export interface PracticeAnswers {
  readonly practiceId: string;
  readonly practiceName: string;
  readonly regionId: string | null;
  /** By question id; a question nobody answered for this practice is absent. */
  readonly answers: ReadonlyMap<string, PracticeAnswer>;
}

type Row = {
  scopeType: string;
  scopeId: string;
  questionId: string;
  optionId: string;
  justification: string | null;
};

/**
 * Every active practice's effective answers (practice overrides region, region overrides DSO), in two queries.
 * `practiceIds` narrows to a practice manager's practices; null or absent means all of the DSO's.
 */
export async function loadEffectiveAnswers(
  db: Kysely<Database>,
  dsoId: string,
  practiceIds?: readonly string[] | null,
): Promise<PracticeAnswers[]> {
  let practicesQuery = db
    .selectFrom('practices')
    .select(['id', 'name', 'regionId'])
    .where('dsoId', '=', dsoId)
    .where('status', '=', 'active')
    .orderBy('name')
    .orderBy('id');
  if (practiceIds) {
    if (practiceIds.length === 0) return [];
    practicesQuery = practicesQuery.where('id', 'in', [...practiceIds]);
  }
  const [practices, rows] = await Promise.all([
    practicesQuery.execute(),
    db
      .selectFrom('complianceAnswers')
      .select(['scopeType', 'scopeId', 'questionId', 'optionId', 'justification'])
      .where('dsoId', '=', dsoId)
      .execute(),
  ]);
  const questions = new Map<string, Question>(questionnaire().questions.map((q) => [q.id, q]));
  const dso = new Map<string, Row>();
  const byScope = new Map<string, Map<string, Row>>();
  for (const row of rows) {
    if (row.scopeType === 'dso') dso.set(row.questionId, row);
    else {
      const key = `${row.scopeType}:${row.scopeId}`;
      const map = byScope.get(key) ?? new Map<string, Row>();
      byScope.set(key, map);
      map.set(row.questionId, row);
    }
  }
  const toAnswer = (row: Row, level: AnswerScope): PracticeAnswer | undefined => {
    const option = questions.get(row.questionId)?.options.find((o) => o.id === row.optionId);
    // An answer to a question or option no longer in the questionnaire no longer counts.
    if (option === undefined) return undefined;
    return { ...row, score: option.score, level };
  };
  return practices.map((practice) => {
    const answers = new Map<string, PracticeAnswer>();
    const layers: [Map<string, Row> | undefined, AnswerScope][] = [
      [dso, 'dso'],
      [practice.regionId === null ? undefined : byScope.get(`region:${practice.regionId}`), 'region'],
      [byScope.get(`practice:${practice.id}`), 'practice'],
    ];
    for (const [layer, level] of layers) {
      for (const row of layer?.values() ?? []) {
        const answer = toAnswer(row, level);
        if (answer !== undefined) answers.set(row.questionId, answer);
      }
    }
    return { practiceId: practice.id, practiceName: practice.name, regionId: practice.regionId, answers };
  });
}
