import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Word-prefix search over people's names and email addresses, backed by a B-tree index in both dialects.
// Terms compare byte-wise (UTF-8 order) so a prefix is a range `term >= prefix AND term < next(prefix)`:
// SQLite's default BINARY collation already does; PostgreSQL needs the "C" collation on the column.

export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('personSearchTerms')
    // No foreign key on dsoId: a DSO's people cascade to their terms, and each check would slow imports.
    .addColumn('dsoId', 'text', (col) => col.notNull())
    .addColumn('personId', 'text', (col) => col.notNull().references('people.id').onDelete('cascade'))
    .addColumn('term', postgres ? sql`text collate "C"` : 'text', (col) => col.notNull())
    // The key is the search index. On SQLite the table is stored as that index (WITHOUT ROWID): a term is
    // written to two B-trees (this and the person index) instead of three, which imports feel.
    .addPrimaryKeyConstraint('personSearchTerms_pk', ['dsoId', 'term', 'personId'])
    .$call((table) => (postgres ? table : table.modifyEnd(sql`without rowid`)))
    .execute();
  // Replacing a person's terms and the cascade from people find them by person.
  await db.schema
    .createIndex('personSearchTerms_person')
    .on('personSearchTerms')
    .column('personId')
    .execute();
  // Not search, but read next to it: practice head counts subtract the DSO's terminated people, read from here.
  await db.schema.createIndex('people_dso_status').on('people').columns(['dsoId', 'status', 'id']).execute();
  await backfill(db as Kysely<BackfillDatabase>);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('people_dso_status').execute();
  await db.schema.dropTable('personSearchTerms').execute();
}

interface BackfillDatabase {
  people: { id: string; dsoId: string; firstName: string; lastName: string; email: string };
  personSearchTerms: { dsoId: string; personId: string; term: string };
}

/** Terms for every person already stored, a page of people at a time. */
async function backfill(db: Kysely<BackfillDatabase>): Promise<void> {
  let after = '';
  for (;;) {
    const people = await db
      .selectFrom('people')
      .select(['id', 'dsoId', 'firstName', 'lastName', 'email'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    const last = people.at(-1);
    if (last === undefined) return;
    const rows = people.flatMap((person) =>
      termsOf(person).map((term) => ({ dsoId: person.dsoId, personId: person.id, term })),
    );
    for (let i = 0; i < rows.length; i += 2000) {
      await db
        .insertInto('personSearchTerms')
        .values(rows.slice(i, i + 2000))
        .execute();
    }
    after = last.id;
  }
}

// The tokenizer as of this migration (people.store.ts keeps the live one; a change to it needs a new backfill).

function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '');
}

function termsOf(person: { firstName: string; lastName: string; email: string }): string[] {
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
