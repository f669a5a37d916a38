import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import { afterCursor, type Cursor } from '../../platform/db/pagination.ts';
import type { PersonTable } from '../../platform/db/schema.ts';

export interface PeopleFilter {
  /** Only people belonging to one of these practices (a practice manager's); null means everyone. */
  readonly practiceIds?: readonly string[] | null | undefined;
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

export function findPerson(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('people')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listPeopleRows(
  db: Db,
  dsoId: string,
  filter: PeopleFilter,
  sort: { field: PeopleSortField; descending: boolean },
  limit: number,
  cursor: Cursor | undefined,
) {
  const expr = sortExpressions[sort.field];
  const direction = sort.descending ? 'desc' : 'asc';
  const words = filter.search ? searchWordsOf(filter.search) : [];
  // Few matches: fetch those people by id and sort them. Many: walk the DSO in sort order, keeping matches.
  let matching: 'none' | 'few' | 'many' = 'none';
  if (words.length > 0) {
    const sample = await matchingPeople(db, dsoId, words)
      .distinct()
      .limit(fewMatches + 1)
      .execute();
    if (sample.length === 0) return [];
    matching = sample.length > fewMatches ? 'many' : 'few';
  }
  return (
    db
      .selectFrom('people')
      .selectAll()
      // Written as an expression when few match, so SQLite fetches the matches by id instead of walking
      // the whole DSO through its name index; the ids come from the DSO's own terms either way.
      .$if(matching !== 'few', (qb) => qb.where('dsoId', '=', dsoId))
      .$if(matching === 'few', (qb) => qb.where(sql<string>`coalesce(people."dsoId", '')`, '=', dsoId))
      .$if(matching !== 'none', (qb) => qb.where('people.id', 'in', matchingPeople(db, dsoId, words)))
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
      .$if(Boolean(filter.practiceIds), (qb) =>
        qb.where((eb) =>
          eb.exists(
            eb
              .selectFrom('practiceMemberships')
              .select('practiceMemberships.personId')
              .whereRef('practiceMemberships.personId', '=', 'people.id')
              .where('practiceMemberships.practiceId', 'in', [...(filter.practiceIds ?? []), '-']),
          ),
        ),
      )
      .$if(cursor !== undefined, (qb) =>
        qb.where((eb) => afterCursor(eb, expr, 'people.id', sort.descending, cursor as Cursor)),
      )
      .orderBy(expr, direction)
      .orderBy('people.id', direction)
      .limit(limit + 1)
      .execute()
  );
}

// Search --------------------------------------------------------------------------------------------
//
// `search` matches word prefixes: every word of the query must begin a word of the person's first name,
// last name or email address (the whole address, its domain, or a part of the local part split on . _ - +).
// Terms live in personSearchTerms, one row per person and word, kept up to date by the write functions below,
// and a prefix is a range on the (dsoId, term) index: term >= prefix AND term < the next string after all
// strings that start with the prefix. Terms compare byte-wise in both dialects (UTF-8 order, code point order).

/** Up to this many matching people are fetched by id and sorted; more, and the DSO is walked in sort order. */
const fewMatches = 1000;

/** Lower case without diacritics, so "José" and "jose" match alike. */
function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

/** The search terms of a person: name words (whole and split at punctuation), the email, its parts. */
export function searchTermsOf(person: Pick<PersonTable, 'firstName' | 'lastName' | 'email'>): string[] {
  const terms = new Set<string>();
  for (const word of fold(`${person.firstName} ${person.lastName}`).split(/\s+/)) {
    terms.add(word);
    for (const part of word.split(/[^\p{L}\p{N}]+/u)) terms.add(part);
  }
  const email = fold(person.email.trim());
  const at = email.lastIndexOf('@');
  terms.add(email);
  // The first part of the local part begins the address, which is a term already.
  for (const part of (at < 0 ? email : email.slice(0, at)).split(/[._+-]+/).slice(1)) terms.add(part);
  if (at >= 0) terms.add(email.slice(at + 1));
  terms.delete('');
  // A term that begins another one adds no match (prefixes of the longer one match it too).
  const all = [...terms];
  return all.filter((term) => !all.some((other) => other !== term && other.startsWith(term)));
}

/** The words of a query, folded like the terms; a comma separates words too ("Gonzalez, Maria"). */
export function searchWordsOf(search: string): string[] {
  const words = fold(search)
    .replace(/\0/g, '')
    .split(/[\s,]+/)
    .filter((word) => word !== '');
  return [...new Set(words)].slice(0, 8);
}

/** The least string greater than every string that starts with `prefix`, in code point order. */
export function prefixUpperBound(prefix: string): string | undefined {
  const points = Array.from(prefix);
  while (points.length > 0) {
    const last = (points.pop() as string).codePointAt(0) as number;
    if (last < 0x10ffff) {
      // Skip the UTF-16 surrogate range, which no UTF-8 string contains.
      return points.join('') + String.fromCodePoint(last === 0xd7ff ? 0xe000 : last + 1);
    }
  }
  return undefined;
}

/** Ids of the DSO's people matching every word: the longest word scans its range, the others are probed. */
function matchingPeople(db: Db, dsoId: string, words: readonly string[]) {
  const [first, ...others] = [...words].sort((a, b) => b.length - a.length) as [string, ...string[]];
  const upperOfFirst = prefixUpperBound(first);
  return db
    .selectFrom('personSearchTerms as match')
    .select('match.personId')
    .where('match.dsoId', '=', dsoId)
    .where('match.term', '>=', first)
    .$if(upperOfFirst !== undefined, (qb) => qb.where('match.term', '<', upperOfFirst as string))
    .$if(others.length > 0, (qb) =>
      qb.where((eb) =>
        eb.and(
          others.map((word) => {
            const upper = prefixUpperBound(word);
            return eb.exists(
              eb
                .selectFrom('personSearchTerms as other')
                .select('other.personId')
                .whereRef('other.personId', '=', 'match.personId')
                .where('other.term', '>=', word)
                .$if(upper !== undefined, (inner) => inner.where('other.term', '<', upper as string)),
            );
          }),
        ),
      ),
    );
}

function searchTermRows(rows: readonly PersonTable[]) {
  return rows.flatMap((row) =>
    searchTermsOf(row).map((term) => ({ dsoId: row.dsoId, personId: row.id, term })),
  );
}

async function insertSearchTerms(db: Db, rows: readonly PersonTable[]): Promise<void> {
  const terms = searchTermRows(rows);
  // 3 columns x 2,000 rows stays well under SQLite's bound-parameter limit.
  for (let i = 0; i < terms.length; i += 2000) {
    await db
      .insertInto('personSearchTerms')
      .values(terms.slice(i, i + 2000))
      .execute();
  }
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
  await insertSearchTerms(db, [row]);
}

export async function insertPeople(db: Db, rows: readonly PersonTable[]): Promise<void> {
  // Chunks stay under SQLite's 32,766 bound-parameter limit (15 columns x 500 rows).
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('people')
      .values(rows.slice(i, i + 500))
      .execute();
  }
  await insertSearchTerms(db, rows);
}

export async function updatePersonRow(db: Db, dsoId: string, id: string, changes: Partial<PersonTable>) {
  await db.updateTable('people').set(changes).where('dsoId', '=', dsoId).where('id', '=', id).execute();
  if (changes.firstName === undefined && changes.lastName === undefined && changes.email === undefined)
    return;
  const person = await findPerson(db, dsoId, id);
  await db.deleteFrom('personSearchTerms').where('personId', '=', id).execute();
  if (person) await insertSearchTerms(db, [person]);
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
