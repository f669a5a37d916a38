import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { afterCursor, type Cursor } from '../../platform/db/pagination.ts';
import type { DsoTable, PracticeTable, RegionTable } from '../../platform/db/schema.ts';

// DSOs --------------------------------------------------------------------------------------------

export async function insertDso(db: Db, row: Insertable<DsoTable>): Promise<void> {
  await db.insertInto('dsos').values(row).execute();
}

export function findDso(db: Db, id: string) {
  return db.selectFrom('dsos').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDsoRow(db: Db, id: string, changes: Updateable<DsoTable>): Promise<void> {
  await db.updateTable('dsos').set(changes).where('id', '=', id).execute();
}

export function listDsoRows(db: Db, limit: number, cursor: Cursor | undefined) {
  return db
    .selectFrom('dsos')
    .selectAll()
    .$if(cursor !== undefined, (qb) => qb.where('id', '>', (cursor as Cursor).id))
    .orderBy('id')
    .limit(limit + 1)
    .execute();
}

// Regions -----------------------------------------------------------------------------------------

export function listRegionRows(db: Db, dsoId: string, limit: number, cursor: Cursor | undefined) {
  return db
    .selectFrom('regions')
    .selectAll('regions')
    .select((eb) =>
      eb
        .cast<number>(
          eb
            .selectFrom('practices')
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .whereRef('practices.regionId', '=', 'regions.id'),
          'integer',
        )
        .as('practiceCount'),
    )
    .where('dsoId', '=', dsoId)
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) => afterCursor(eb, eb.ref('regions.name'), 'regions.id', false, cursor as Cursor)),
    )
    .orderBy('regions.name')
    .orderBy('regions.id')
    .limit(limit + 1)
    .execute();
}

export function findRegion(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('regions')
    .selectAll('regions')
    .select((eb) =>
      eb
        .cast<number>(
          eb
            .selectFrom('practices')
            .select((inner) => inner.fn.countAll<number>().as('n'))
            .whereRef('practices.regionId', '=', 'regions.id'),
          'integer',
        )
        .as('practiceCount'),
    )
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertRegion(db: Db, row: RegionTable): Promise<void> {
  await db.insertInto('regions').values(row).execute();
}

export async function updateRegionRow(db: Db, dsoId: string, id: string, changes: Partial<RegionTable>) {
  await db.updateTable('regions').set(changes).where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

export async function deleteRegionRow(db: Db, dsoId: string, id: string, now: string): Promise<void> {
  await db
    .updateTable('practices')
    .set({ regionId: null, updatedAt: now })
    .where('dsoId', '=', dsoId)
    .where('regionId', '=', id)
    .execute();
  await db.deleteFrom('regions').where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

// Practices ---------------------------------------------------------------------------------------

export interface PracticeFilter {
  /** Only these practices (a practice manager's); undefined or null means all of the DSO's. */
  readonly practiceIds?: readonly string[] | null | undefined;
  readonly search?: string | undefined;
  readonly state?: string | undefined;
  readonly status?: string | undefined;
  readonly regionId?: string | undefined;
}

const practiceSortColumns = {
  name: 'practices.nameKey',
  state: 'practices.state',
  createdAt: 'practices.createdAt',
} as const;
export type PracticeSortField = keyof typeof practiceSortColumns;

function practiceQuery(db: Db, dsoId: string) {
  return db
    .selectFrom('practices')
    .leftJoin('regions', 'regions.id', 'practices.regionId')
    .selectAll('practices')
    .select('regions.name as regionName')
    .where('practices.dsoId', '=', dsoId);
}

/**
 * Adds each practice's count of people who are not terminated, for all the rows in one grouped query: every
 * membership counts, less those of the DSO's terminated people. Both come from indexes alone (memberships by
 * practice, people by DSO and status), where joining each membership to its person reads every person's row.
 */
async function withPeopleCounts<R extends { id: string }>(
  db: Db,
  dsoId: string,
  rows: R[],
): Promise<(R & { peopleCount: number })[]> {
  if (rows.length === 0) return [];
  const counts = await db
    .selectFrom('practiceMemberships')
    .select((eb) => [
      'practiceMemberships.practiceId',
      eb.fn.countAll<number | string>().as('members'),
      eb.fn
        .sum<number | string>(
          eb
            .case()
            .when(
              'practiceMemberships.personId',
              'in',
              eb
                .selectFrom('people')
                .select('people.id')
                .where('people.dsoId', '=', dsoId)
                .where('people.status', '=', 'terminated'),
            )
            .then(1)
            .else(0)
            .end(),
        )
        .as('terminated'),
    ])
    .where(
      'practiceMemberships.practiceId',
      'in',
      rows.map((row) => row.id),
    )
    .groupBy('practiceMemberships.practiceId')
    .execute();
  const byPractice = new Map(
    counts.map((count) => [count.practiceId, Number(count.members) - Number(count.terminated)]),
  );
  // Assigned onto the fresh rows: a spread copy leaves V8 objects that every later property read pays for.
  return rows.map((row) => Object.assign(row, { peopleCount: byPractice.get(row.id) ?? 0 }));
}

export type PracticeRow = Awaited<ReturnType<typeof findPractice>> & {};

export async function findPractice(db: Db, dsoId: string, id: string) {
  const row = await practiceQuery(db, dsoId).where('practices.id', '=', id).executeTakeFirst();
  return row ? (await withPeopleCounts(db, dsoId, [row]))[0] : undefined;
}

export async function listPracticeRows(
  db: Db,
  dsoId: string,
  filter: PracticeFilter,
  sort: { field: PracticeSortField; descending: boolean },
  limit: number,
  cursor: Cursor | undefined,
) {
  const column = practiceSortColumns[sort.field];
  const direction = sort.descending ? 'desc' : 'asc';
  const search = filter.search ? `%${escapeLike(filter.search.toLowerCase())}%` : undefined;
  const only = filter.practiceIds;
  if (only && only.length === 0) return [];
  const rows = await practiceQuery(db, dsoId)
    .$if(Boolean(only), (qb) => qb.where('practices.id', 'in', only as readonly string[]))
    .$if(search !== undefined, (qb) =>
      qb.where((eb) =>
        eb.or([
          eb(sql`${sql.ref('practices.nameKey')}`, 'like', sql`${search} escape '\\'`),
          eb(sql`lower(coalesce(${sql.ref('practices.city')}, ''))`, 'like', sql`${search} escape '\\'`),
        ]),
      ),
    )
    .$if(filter.state !== undefined, (qb) => qb.where('practices.state', '=', filter.state as string))
    .$if(filter.status !== undefined, (qb) => qb.where('practices.status', '=', filter.status as string))
    .$if(filter.regionId !== undefined, (qb) =>
      qb.where('practices.regionId', '=', filter.regionId as string),
    )
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) => afterCursor(eb, sql.ref(column), 'practices.id', sort.descending, cursor as Cursor)),
    )
    .orderBy(sql.ref(column), direction)
    .orderBy('practices.id', direction)
    .limit(limit + 1)
    .execute();
  return withPeopleCounts(db, dsoId, rows);
}

export async function insertPractice(db: Db, row: PracticeTable): Promise<void> {
  await db.insertInto('practices').values(row).execute();
}

export async function updatePracticeRow(db: Db, dsoId: string, id: string, changes: Partial<PracticeTable>) {
  await db.updateTable('practices').set(changes).where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

export function practiceIdsByNameKey(db: Db, dsoId: string) {
  return db.selectFrom('practices').select(['id', 'nameKey', 'name']).where('dsoId', '=', dsoId).execute();
}

/** Escapes LIKE wildcards so a search for "50%" matches literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Counts for the overview: practices by status and state, people by status, regions. */
export async function summaryCounts(db: Db, dsoId: string, only: readonly string[] | null = null) {
  const scoped = only !== null;
  const ids = only && only.length > 0 ? only : ['-'];
  const practices = await db
    .selectFrom('practices')
    .select(['state', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('dsoId', '=', dsoId)
    .$if(scoped, (qb) => qb.where('practices.id', 'in', ids))
    .groupBy(['state', 'status'])
    .execute();
  const people = await db
    .selectFrom('people')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('dsoId', '=', dsoId)
    .$if(scoped, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('practiceMemberships')
            .select('practiceMemberships.personId')
            .whereRef('practiceMemberships.personId', '=', 'people.id')
            .where('practiceMemberships.practiceId', 'in', ids),
        ),
      ),
    )
    .groupBy('status')
    .execute();
  const peopleByState = await db
    .selectFrom('practiceMemberships')
    .innerJoin('practices', 'practices.id', 'practiceMemberships.practiceId')
    .innerJoin('people', 'people.id', 'practiceMemberships.personId')
    .select([
      'practices.state',
      (eb) => eb.fn.count<number>('practiceMemberships.personId').distinct().as('n'),
    ])
    .where('practiceMemberships.dsoId', '=', dsoId)
    .$if(scoped, (qb) => qb.where('practiceMemberships.practiceId', 'in', ids))
    .where('people.status', '!=', 'terminated')
    .groupBy('practices.state')
    .execute();
  const regions = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('dsoId', '=', dsoId)
    .executeTakeFirstOrThrow();
  return { practices, people, peopleByState, regions: Number(regions.n) };
}
