import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ComplianceAnswerTable, Database } from '../../../platform/db/schema.ts';
import type { AnswerScope } from '../questionnaire.ts';

export type AnswerRow = Selectable<ComplianceAnswerTable>;
type Db = Kysely<Database>;

export async function answersAt(
  db: Db,
  dsoId: string,
  scopes: readonly { scopeType: AnswerScope; scopeId: string }[],
): Promise<AnswerRow[]> {
  if (scopes.length === 0) return [];
  return db
    .selectFrom('complianceAnswers')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where((eb) =>
      eb.or(scopes.map((s) => eb.and([eb('scopeType', '=', s.scopeType), eb('scopeId', '=', s.scopeId)]))),
    )
    .orderBy('questionId')
    .execute();
}

export async function findAnswer(
  db: Db,
  dsoId: string,
  scopeType: AnswerScope,
  scopeId: string,
  questionId: string,
): Promise<AnswerRow | undefined> {
  return db
    .selectFrom('complianceAnswers')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('scopeType', '=', scopeType)
    .where('scopeId', '=', scopeId)
    .where('questionId', '=', questionId)
    .executeTakeFirst();
}

/** Inserts or replaces the answer of (scope, question); the unique index makes it one row. */
export async function upsertAnswer(db: Db, row: Insertable<ComplianceAnswerTable>): Promise<void> {
  await db
    .insertInto('complianceAnswers')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['dsoId', 'scopeType', 'scopeId', 'questionId']).doUpdateSet({
        optionId: row.optionId,
        justification: row.justification ?? null,
        note: row.note ?? null,
        answeredBy: row.answeredBy,
        answeredAt: row.answeredAt,
      }),
    )
    .execute();
}

export async function deleteAnswer(db: Db, dsoId: string, id: string): Promise<void> {
  await db.deleteFrom('complianceAnswers').where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

export async function findRegion(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('regions')
    .select(['id', 'name'])
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findPractice(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('practices')
    .select(['id', 'name', 'regionId'])
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findPractices(db: Db, dsoId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('practices')
    .select(['id', 'name', 'regionId'])
    .where('dsoId', '=', dsoId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function practiceRegionIds(db: Db, dsoId: string, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('practices')
    .select('regionId')
    .distinct()
    .where('dsoId', '=', dsoId)
    .where('id', 'in', [...ids])
    .where('regionId', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.regionId === null ? [] : [r.regionId]));
}

export async function dsoName(db: Db, dsoId: string): Promise<string> {
  const row = await db.selectFrom('dsos').select('name').where('id', '=', dsoId).executeTakeFirst();
  return row?.name ?? '';
}
