import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, EvidenceTable, SignalReadingTable } from '../../../platform/db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export type EvidenceRow = EvidenceTable;
/** An evidence row with its stored file's size (null for links and attestations). */
export type EvidenceWithSize = EvidenceRow & { size: number | null };
export type SignalReadingRow = SignalReadingTable;

/** Practice filter of a scope: null means every practice; rows of the DSO (practiceId null) always match. */
export async function listEvidenceRows(
  db: Db,
  dsoId: string,
  filter: { practiceIds: readonly string[] | null; controlId?: string; practiceId?: string },
): Promise<EvidenceWithSize[]> {
  let query = withSize(db).where('evidence.dsoId', '=', dsoId);
  if (filter.controlId !== undefined) query = query.where('evidence.controlId', '=', filter.controlId);
  if (filter.practiceId !== undefined) query = query.where('evidence.practiceId', '=', filter.practiceId);
  const practiceIds = filter.practiceIds;
  if (practiceIds !== null) {
    query = query.where((eb) =>
      practiceIds.length === 0
        ? eb('evidence.practiceId', 'is', null)
        : eb.or([eb('evidence.practiceId', 'is', null), eb('evidence.practiceId', 'in', practiceIds)]),
    );
  }
  return query
    .orderBy('evidence.effectiveDate', 'desc')
    .orderBy('evidence.uploadedAt', 'desc')
    .orderBy('evidence.id', 'desc')
    .execute();
}

function withSize(db: Db) {
  return db
    .selectFrom('evidence')
    .leftJoin('evidenceFiles', 'evidenceFiles.id', 'evidence.fileId')
    .selectAll('evidence')
    .select('evidenceFiles.size');
}

export async function findEvidence(db: Db, dsoId: string, id: string): Promise<EvidenceWithSize | undefined> {
  return withSize(db).where('evidence.dsoId', '=', dsoId).where('evidence.id', '=', id).executeTakeFirst();
}

export async function insertEvidence(db: Db, row: EvidenceRow): Promise<void> {
  await db.insertInto('evidence').values(row).execute();
}

export async function updateEvidence(
  db: Db,
  dsoId: string,
  id: string,
  changes: Partial<Omit<EvidenceRow, 'id' | 'dsoId'>>,
): Promise<void> {
  await db.updateTable('evidence').set(changes).where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

export async function findFileBySha(db: Db, dsoId: string, sha256: string) {
  return db
    .selectFrom('evidenceFiles')
    .select(['id', 'sha256', 'size'])
    .where('dsoId', '=', dsoId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function findFileContent(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('evidenceFiles')
    .select(['id', 'sha256', 'content'])
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertFile(
  db: Db,
  row: { id: string; dsoId: string; sha256: string; size: number; content: Buffer; createdAt: string },
): Promise<void> {
  await db.insertInto('evidenceFiles').values(row).execute();
}

export async function listSettings(db: Db, dsoId: string) {
  return db.selectFrom('controlSettings').selectAll().where('dsoId', '=', dsoId).execute();
}

export async function upsertSetting(
  db: Db,
  row: {
    dsoId: string;
    controlId: string;
    ownerUserId: string | null;
    reviewerUserId: string | null;
    notApplicableReason: string | null;
    updatedAt: string;
  },
): Promise<void> {
  await db
    .insertInto('controlSettings')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['dsoId', 'controlId']).doUpdateSet({
        ownerUserId: row.ownerUserId,
        reviewerUserId: row.reviewerUserId,
        notApplicableReason: row.notApplicableReason,
        updatedAt: row.updatedAt,
      }),
    )
    .execute();
}

/** The latest reading per signal and practice (DSO-wide readings have practice ''), ties broken by createdAt. */
export async function latestReadings(db: Db, dsoId: string): Promise<SignalReadingRow[]> {
  const latest = db
    .selectFrom('signalReadings')
    .where('dsoId', '=', dsoId)
    .select([
      'signal',
      sql<string>`coalesce("practiceId", '')`.as('practiceKey'),
      (eb) => eb.fn.max('observedAt').as('maxObservedAt'),
    ])
    .groupBy(['signal', sql`coalesce("practiceId", '')`]);
  const rows = await db
    .selectFrom('signalReadings as r')
    .innerJoin(latest.as('l'), (join) =>
      join
        .onRef('l.signal', '=', 'r.signal')
        .onRef('l.maxObservedAt', '=', 'r.observedAt')
        .on(sql`"l"."practiceKey"`, '=', sql`coalesce("r"."practiceId", '')`),
    )
    .selectAll('r')
    .where('r.dsoId', '=', dsoId)
    .orderBy('r.createdAt', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.signal}\u0000${row.practiceId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function insertReadings(db: Db, rows: readonly SignalReadingRow[]): Promise<void> {
  if (rows.length === 0) return;
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('signalReadings')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function listPractices(db: Db, dsoId: string) {
  return db
    .selectFrom('practices')
    .select(['id', 'name'])
    .where('dsoId', '=', dsoId)
    .orderBy('name')
    .execute();
}

export async function listUsers(db: Db, dsoId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'displayName', 'role', 'status'])
    .where('dsoId', '=', dsoId)
    .execute();
}
