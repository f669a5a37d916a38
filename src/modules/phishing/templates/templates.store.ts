import type { Kysely, Selectable } from 'kysely';
import type { Database, LandingPageTable, PhishingTemplateTable } from '../../../platform/db/schema.ts';

export type TemplateRow = Selectable<PhishingTemplateTable>;
export type LandingPageRow = Selectable<LandingPageTable>;

export async function findTemplates(
  db: Kysely<Database>,
  dsoId: string,
  ids: readonly string[],
): Promise<TemplateRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('phishingTemplates')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function findTemplate(
  db: Kysely<Database>,
  dsoId: string,
  id: string,
): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('phishingTemplates')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface TemplateFilter {
  readonly category?: string | undefined;
  readonly difficulty?: number | undefined;
}

export async function listTemplates(
  db: Kysely<Database>,
  dsoId: string,
  filter: TemplateFilter,
): Promise<TemplateRow[]> {
  let query = db.selectFrom('phishingTemplates').selectAll().where('dsoId', '=', dsoId);
  if (filter.category !== undefined) query = query.where('category', '=', filter.category);
  if (filter.difficulty !== undefined) query = query.where('difficulty', '=', filter.difficulty);
  return query.orderBy('name').orderBy('id').execute();
}

export async function insertTemplate(db: Kysely<Database>, row: TemplateRow): Promise<void> {
  await db.insertInto('phishingTemplates').values(row).execute();
}

export async function updateTemplate(
  db: Kysely<Database>,
  dsoId: string,
  id: string,
  changes: Partial<Omit<TemplateRow, 'id' | 'dsoId' | 'createdAt' | 'createdBy'>>,
): Promise<void> {
  await db
    .updateTable('phishingTemplates')
    .set(changes)
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .execute();
}

export async function deleteTemplate(db: Kysely<Database>, dsoId: string, id: string): Promise<void> {
  await db.deleteFrom('phishingTemplates').where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

export async function findLandingPage(
  db: Kysely<Database>,
  dsoId: string,
  id: string,
): Promise<LandingPageRow | undefined> {
  return db
    .selectFrom('landingPages')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listLandingPages(db: Kysely<Database>, dsoId: string): Promise<LandingPageRow[]> {
  return db
    .selectFrom('landingPages')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function insertLandingPage(db: Kysely<Database>, row: LandingPageRow): Promise<void> {
  await db.insertInto('landingPages').values(row).execute();
}

export async function updateLandingPage(
  db: Kysely<Database>,
  dsoId: string,
  id: string,
  changes: Partial<Omit<LandingPageRow, 'id' | 'dsoId' | 'createdAt'>>,
): Promise<void> {
  await db.updateTable('landingPages').set(changes).where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

export async function deleteLandingPage(db: Kysely<Database>, dsoId: string, id: string): Promise<void> {
  await db.deleteFrom('landingPages').where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

/** A campaign of the DSO that names this template (campaigns keep their template ids as a JSON array). */
export async function campaignUsingTemplate(
  db: Kysely<Database>,
  dsoId: string,
  templateId: string,
): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('phishingCampaigns')
    .select(['id', 'name'])
    .where('dsoId', '=', dsoId)
    .where('templateIds', 'like', `%"${templateId}"%`)
    .executeTakeFirst();
}

export async function campaignUsingLandingPage(
  db: Kysely<Database>,
  dsoId: string,
  landingPageId: string,
): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('phishingCampaigns')
    .select(['id', 'name'])
    .where('dsoId', '=', dsoId)
    .where('landingPageId', '=', landingPageId)
    .executeTakeFirst();
}

/** The DSO's people with these (lower-case) addresses, for matching imported GoPhish groups. */
export async function findPeopleByEmail(
  db: Kysely<Database>,
  dsoId: string,
  emails: readonly string[],
): Promise<{ id: string; email: string; firstName: string; lastName: string }[]> {
  const unique = [...new Set(emails)];
  const found: { id: string; email: string; firstName: string; lastName: string }[] = [];
  for (let start = 0; start < unique.length; start += 500) {
    const slice = unique.slice(start, start + 500);
    found.push(
      ...(await db
        .selectFrom('people')
        .select(['id', 'email', 'firstName', 'lastName'])
        .where('dsoId', '=', dsoId)
        .where((eb) => eb(eb.fn<string>('lower', ['email']), 'in', slice))
        .execute()),
    );
  }
  return found;
}
