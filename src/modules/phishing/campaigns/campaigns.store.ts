import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import { afterCursor, type Cursor } from '../../../platform/db/pagination.ts';
import type { PhishingCampaignTable, PhishingMessageTable } from '../../../platform/db/schema.ts';

/** Rows per INSERT: 500 messages x 25 columns stay under both dialects' bound-parameter limits. */
const insertBatch = 500;

/** `column in (values)`; `in ()` is not valid SQL, so an empty list matches nothing. */
function inList(column: string, values: readonly string[]) {
  return values.length === 0
    ? sql<boolean>`1 = 0`
    : sql<boolean>`${sql.ref(column)} in (${sql.join([...values])})`;
}

export function findPractices(db: Db, dsoId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('practices')
    .select(['id', 'name', 'timeZone', 'status'])
    .where('dsoId', '=', dsoId)
    .where('id', 'in', [...ids])
    .execute();
}

export interface AudienceFilter {
  /** Null: every practice of the DSO. */
  readonly practiceIds: readonly string[] | null;
  readonly jobRoles: readonly string[] | null;
}

/**
 * Active people with each open practice they belong to, one row per membership, in the order "first practice"
 * is decided by: per person, practices by name.
 */
export function audienceRows(db: Db, dsoId: string, filter: AudienceFilter) {
  let query = db
    .selectFrom('people')
    .innerJoin('practiceMemberships', 'practiceMemberships.personId', 'people.id')
    .innerJoin('practices', 'practices.id', 'practiceMemberships.practiceId')
    .select([
      'people.id as personId',
      'people.firstName',
      'people.lastName',
      'people.email',
      'people.jobRole',
      'people.tags',
      'practices.id as practiceId',
      'practices.name as practiceName',
      'practices.timeZone',
    ])
    .where('people.dsoId', '=', dsoId)
    .where('people.status', '=', 'active')
    .where('practices.dsoId', '=', dsoId)
    .where('practices.status', '!=', 'closed');
  if (filter.practiceIds !== null) query = query.where(inList('practices.id', filter.practiceIds));
  if (filter.jobRoles !== null) query = query.where(inList('people.jobRole', filter.jobRoles));
  return query.orderBy('people.id').orderBy('practices.name').orderBy('practices.id').execute();
}
export type AudienceRow = Awaited<ReturnType<typeof audienceRows>>[number];

export async function sendingProfileExists(db: Db, dsoId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('sendingProfiles')
    .select('id')
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCampaign(db: Db, row: PhishingCampaignTable): Promise<void> {
  await db.insertInto('phishingCampaigns').values(row).execute();
}

export async function insertMessages(db: Db, rows: readonly PhishingMessageTable[]): Promise<void> {
  for (let start = 0; start < rows.length; start += insertBatch) {
    await db
      .insertInto('phishingMessages')
      .values(rows.slice(start, start + insertBatch))
      .execute();
  }
}

export function findCampaign(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('phishingCampaigns')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}
export type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

/** Campaigns newest first; with practiceIds, only those that include a recipient of those practices. */
export function listCampaignRows(
  db: Db,
  dsoId: string,
  filter: { status?: string | undefined; practiceIds: readonly string[] | null },
  limit: number,
  cursor: Cursor | undefined,
) {
  let query = db.selectFrom('phishingCampaigns').selectAll().where('dsoId', '=', dsoId);
  if (filter.status) query = query.where('status', '=', filter.status);
  const scope = filter.practiceIds;
  if (scope !== null) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('phishingMessages')
          .select('phishingMessages.id')
          .whereRef('phishingMessages.campaignId', '=', 'phishingCampaigns.id')
          .where(inList('phishingMessages.practiceId', scope)),
      ),
    );
  }
  if (cursor) query = query.where((eb) => afterCursor(eb, sql.ref('id'), 'id', true, cursor));
  return query
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Messages per campaign and state, limited to practices when given. */
export function countMessages(db: Db, campaignIds: readonly string[], practiceIds: readonly string[] | null) {
  let query = db
    .selectFrom('phishingMessages')
    .select(['campaignId', 'state', sql<unknown>`count(*)`.as('count')])
    .where('campaignId', 'in', campaignIds.length === 0 ? [''] : [...campaignIds]);
  if (practiceIds !== null) query = query.where(inList('phishingMessages.practiceId', practiceIds));
  return query.groupBy(['campaignId', 'state']).execute();
}

/** Moves the campaign from one of `from` to `to`; answers whether it did (false: its status changed meanwhile). */
export async function moveCampaign(
  db: Db,
  dsoId: string,
  id: string,
  from: readonly string[],
  to: string,
  stamp: string,
): Promise<boolean> {
  const result = await db
    .updateTable('phishingCampaigns')
    .set({ status: to, updatedAt: stamp })
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Cancels what is still waiting; a message a sender holds or has sent keeps its state. */
export async function cancelScheduledMessages(db: Db, campaignId: string): Promise<number> {
  const result = await db
    .updateTable('phishingMessages')
    .set({ state: 'cancelled' })
    .where('campaignId', '=', campaignId)
    .where('state', '=', 'scheduled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function hasStartedSending(db: Db, campaignId: string): Promise<boolean> {
  const row = await db
    .selectFrom('phishingMessages')
    .select('id')
    .where('campaignId', '=', campaignId)
    .where('state', '!=', 'scheduled')
    .where('state', '!=', 'cancelled')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Waiting messages whose time passed (during a pause), with their practice's time zone. */
export function overdueMessages(db: Db, campaignId: string, now: string) {
  return db
    .selectFrom('phishingMessages')
    .leftJoin('practices', 'practices.id', 'phishingMessages.practiceId')
    .select(['phishingMessages.id', 'practices.timeZone'])
    .where('phishingMessages.campaignId', '=', campaignId)
    .where('phishingMessages.state', '=', 'scheduled')
    .where('phishingMessages.scheduledAt', '<', now)
    .orderBy('phishingMessages.id')
    .execute();
}

/** Sets new times, one UPDATE per distinct time (a zone without send-by shares one). */
export async function reschedule(db: Db, campaignId: string, plan: ReadonlyMap<string, string>) {
  const byTime = new Map<string, string[]>();
  for (const [id, at] of plan) byTime.set(at, [...(byTime.get(at) ?? []), id]);
  for (const [at, ids] of byTime) {
    for (let start = 0; start < ids.length; start += insertBatch) {
      await db
        .updateTable('phishingMessages')
        .set({ scheduledAt: at })
        .where('campaignId', '=', campaignId)
        .where('state', '=', 'scheduled')
        .where('id', 'in', ids.slice(start, start + insertBatch))
        .execute();
    }
  }
}

/** One message of the campaign with its practice's name; the first by schedule when no id is given. */
export function findMessageForPreview(
  db: Db,
  campaignId: string,
  messageId: string | undefined,
  practiceIds: readonly string[] | null,
) {
  let query = db
    .selectFrom('phishingMessages')
    .leftJoin('practices', 'practices.id', 'phishingMessages.practiceId')
    .select([
      'phishingMessages.id',
      'phishingMessages.email',
      'phishingMessages.firstName',
      'phishingMessages.lastName',
      'phishingMessages.templateId',
      'practices.name as practiceName',
    ])
    .where('phishingMessages.campaignId', '=', campaignId);
  if (messageId !== undefined) query = query.where('phishingMessages.id', '=', messageId);
  if (practiceIds !== null) query = query.where(inList('phishingMessages.practiceId', practiceIds));
  return query
    .orderBy('phishingMessages.scheduledAt')
    .orderBy('phishingMessages.id')
    .limit(1)
    .executeTakeFirst();
}
