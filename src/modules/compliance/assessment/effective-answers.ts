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
  const scores = optionScores();
  // Each layer is resolved once (score, level) and shared by every practice that inherits it.
  const layers = new Map<string, Map<string, PracticeAnswer>>();
  for (const row of rows) {
    const score = scores.get(`${row.questionId}\u0000${row.optionId}`);
    // An answer to a question or option no longer in the questionnaire no longer counts.
    if (score === undefined) continue;
    const key = row.scopeType === 'dso' ? 'dso' : `${row.scopeType}:${row.scopeId}`;
    let layer = layers.get(key);
    if (layer === undefined) {
      layer = new Map();
      layers.set(key, layer);
    }
    const { questionId, optionId, justification } = row;
    layer.set(questionId, {
      questionId,
      optionId,
      justification,
      score,
      level: row.scopeType as AnswerScope,
    });
  }
  const dso = layers.get('dso');
  return practices.map((practice) => {
    const answers = new Map<string, PracticeAnswer>(dso);
    const region = practice.regionId === null ? undefined : layers.get(`region:${practice.regionId}`);
    for (const layer of [region, layers.get(`practice:${practice.id}`)]) {
      if (layer === undefined) continue;
      for (const [questionId, answer] of layer) answers.set(questionId, answer);
    }
    return { practiceId: practice.id, practiceName: practice.name, regionId: practice.regionId, answers };
  });
}

let scoreIndex: ReadonlyMap<string, number> | undefined;

/** The score of each (question, option) pair, keyed `questionId\0optionId`, built once. */
function optionScores(): ReadonlyMap<string, number> {
  scoreIndex ??= new Map(
    questionnaire().questions.flatMap((q: Question) =>
      q.options.map((o): [string, number] => [`${q.id}\u0000${o.id}`, o.score]),
    ),
  );
  return scoreIndex;
}
