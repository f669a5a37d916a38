import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { afterCursor, type Cursor } from '../../platform/db/pagination.ts';
import type { PersonTable } from '../../platform/db/schema.ts';

export interface PeopleFilter {
  readonly search?: string | undefined;
  readonly practiceId?: string | undefined;
  readonly jobRole?: string | undefined;
  readonly status?: string | undefined;
}

const sortExpressions = {
  lastName: sql<string>`people."sortName"`,
  email: sql<string>`people.email`,
  hireDate: sql<string>`coalesce(people."hireDate", '')`,
  createdAt: sql<string>`people."createdAt"`,
} as const;
export type PeopleSortField = keyof typeof sortExpressions;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function findPerson(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('people')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listPeopleRows(
  db: Db,
  dsoId: string,
  filter: PeopleFilter,
  sort: { field: PeopleSortField; descending: boolean },
  limit: number,
  cursor: Cursor | undefined,
) {
  const expr = sortExpressions[sort.field];
  const direction = sort.descending ? 'desc' : 'asc';
  const search = filter.search ? `%${escapeLike(filter.search.toLowerCase())}%` : undefined;
  return db
    .selectFrom('people')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .$if(search !== undefined, (qb) => qb.where(sql<boolean>`people."searchText" like ${search} escape '\\'`))
    .$if(filter.jobRole !== undefined, (qb) => qb.where('jobRole', '=', filter.jobRole as string))
    .$if(filter.status !== undefined, (qb) => qb.where('status', '=', filter.status as string))
    .$if(filter.practiceId !== undefined, (qb) =>
      qb.where((eb) =>
        eb.exists(
          eb
            .selectFrom('practiceMemberships')
            .select('practiceMemberships.personId')
            .whereRef('practiceMemberships.personId', '=', 'people.id')
            .where('practiceMemberships.practiceId', '=', filter.practiceId as string),
        ),
      ),
    )
    .$if(cursor !== undefined, (qb) =>
      qb.where((eb) => afterCursor(eb, expr, 'people.id', sort.descending, cursor as Cursor)),
    )
    .orderBy(expr, direction)
    .orderBy('people.id', direction)
    .limit(limit + 1)
    .execute();
}

/** Practice memberships of the given people, with practice names, grouped by person id. */
export async function practicesOf(db: Db, dsoId: string, personIds: readonly string[]) {
  const grouped = new Map<string, { id: string; name: string }[]>();
  if (personIds.length === 0) return grouped;
  const rows = await db
    .selectFrom('practiceMemberships')
    .innerJoin('practices', 'practices.id', 'practiceMemberships.practiceId')
    .select(['practiceMemberships.personId', 'practices.id', 'practices.name'])
    .where('practiceMemberships.dsoId', '=', dsoId)
    .where('practiceMemberships.personId', 'in', personIds)
    .orderBy('practices.name')
    .execute();
  for (const row of rows) {
    const list = grouped.get(row.personId) ?? [];
    list.push({ id: row.id, name: row.name });
    grouped.set(row.personId, list);
  }
  return grouped;
}

export async function insertPerson(db: Db, row: PersonTable): Promise<void> {
  await db.insertInto('people').values(row).execute();
}

export async function insertPeople(db: Db, rows: readonly PersonTable[]): Promise<void> {
  // Chunks stay under SQLite's 32,766 bound-parameter limit (15 columns x 500 rows).
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('people')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function updatePersonRow(db: Db, dsoId: string, id: string, changes: Partial<PersonTable>) {
  await db.updateTable('people').set(changes).where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

export async function replaceMemberships(
  db: Db,
  dsoId: string,
  personId: string,
  practiceIds: readonly string[],
  now: string,
): Promise<void> {
  await db.deleteFrom('practiceMemberships').where('personId', '=', personId).execute();
  if (practiceIds.length === 0) return;
  await db
    .insertInto('practiceMemberships')
    .values([...new Set(practiceIds)].map((practiceId) => ({ dsoId, personId, practiceId, createdAt: now })))
    .execute();
}

export async function insertMemberships(
  db: Db,
  rows: readonly { dsoId: string; personId: string; practiceId: string; createdAt: string }[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) {
    await db
      .insertInto('practiceMemberships')
      .values(rows.slice(i, i + 2000))
      .execute();
  }
}

export async function deleteMembershipsOf(db: Db, personIds: readonly string[]): Promise<void> {
  for (let i = 0; i < personIds.length; i += 2000) {
    await db
      .deleteFrom('practiceMemberships')
      .where('personId', 'in', personIds.slice(i, i + 2000))
      .execute();
  }
}

/** Every person of a DSO with their practice ids: the import compares the file against this. */
export async function peopleWithPractices(db: Db, dsoId: string) {
  const people = await db.selectFrom('people').selectAll().where('dsoId', '=', dsoId).execute();
  const memberships = await db
    .selectFrom('practiceMemberships')
    .select(['personId', 'practiceId'])
    .where('dsoId', '=', dsoId)
    .execute();
  const byPerson = new Map<string, string[]>();
  for (const m of memberships) {
    const list = byPerson.get(m.personId) ?? [];
    list.push(m.practiceId);
    byPerson.set(m.personId, list);
  }
  return people.map((person) => ({ person, practiceIds: byPerson.get(person.id) ?? [] }));
}

export function existingPracticeIds(db: Db, dsoId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([] as { id: string }[]);
  return db.selectFrom('practices').select('id').where('dsoId', '=', dsoId).where('id', 'in', ids).execute();
}
