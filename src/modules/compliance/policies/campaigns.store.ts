import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import type { AttestationCampaignTable, AttestationTable } from '../../../platform/db/schema.ts';

export function listCampaignRows(db: Db, dsoId: string, status: string | undefined) {
  let query = db.selectFrom('attestationCampaigns').selectAll().where('dsoId', '=', dsoId);
  if (status) query = query.where('status', '=', status);
  return query.orderBy('createdAt', 'desc').orderBy('id', 'desc').execute();
}

export function findCampaign(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('attestationCampaigns')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Acknowledged and total attestations per campaign. */
export async function progressByCampaign(db: Db, dsoId: string) {
  const rows = await db
    .selectFrom('attestations')
    .select(['campaignId', 'status', (eb) => eb.fn.countAll<string | number>().as('count')])
    .where('dsoId', '=', dsoId)
    .groupBy(['campaignId', 'status'])
    .execute();
  const progress = new Map<string, { total: number; acknowledged: number }>();
  for (const row of rows) {
    const entry = progress.get(row.campaignId) ?? { total: 0, acknowledged: 0 };
    entry.total += Number(row.count);
    if (row.status === 'acknowledged') entry.acknowledged += Number(row.count);
    progress.set(row.campaignId, entry);
  }
  return progress;
}

export function attestationsOf(db: Db, dsoId: string, campaignId: string) {
  return db
    .selectFrom('attestations')
    .innerJoin('people', 'people.id', 'attestations.personId')
    .select([
      'attestations.id',
      'attestations.personId',
      'attestations.status',
      'attestations.acknowledgedAt',
      'attestations.method',
      'attestations.remindersSent',
      'attestations.lastRemindedAt',
      'people.firstName',
      'people.lastName',
      'people.email',
      'people.jobRole',
    ])
    .where('attestations.dsoId', '=', dsoId)
    .where('attestations.campaignId', '=', campaignId)
    .orderBy('people.sortName')
    .execute();
}

/** The practices (id and name) of each person. */
export async function practicesOfPeople(db: Db, dsoId: string, personIds: readonly string[]) {
  const result = new Map<string, { id: string; name: string }[]>();
  for (let start = 0; start < personIds.length; start += 500) {
    const rows = await db
      .selectFrom('practiceMemberships')
      .innerJoin('practices', 'practices.id', 'practiceMemberships.practiceId')
      .select(['practiceMemberships.personId', 'practices.id', 'practices.name'])
      .where('practiceMemberships.dsoId', '=', dsoId)
      .where('practiceMemberships.personId', 'in', personIds.slice(start, start + 500))
      .orderBy('practices.name')
      .execute();
    for (const row of rows) {
      const list = result.get(row.personId) ?? [];
      list.push({ id: row.id, name: row.name });
      result.set(row.personId, list);
    }
  }
  return result;
}

/** Active people of the audience: members of any of the practices (if named) with one of the job roles (if named). */
export function audiencePeople(
  db: Db,
  dsoId: string,
  audience: { practiceIds: readonly string[]; jobRoles: readonly string[] },
) {
  let query = db
    .selectFrom('people')
    .select(['id', 'firstName', 'email'])
    .where('dsoId', '=', dsoId)
    .where('status', '=', 'active');
  if (audience.practiceIds.length > 0) {
    query = query.where(
      'id',
      'in',
      db
        .selectFrom('practiceMemberships')
        .select('personId')
        .where('dsoId', '=', dsoId)
        .where('practiceId', 'in', audience.practiceIds),
    );
  }
  if (audience.jobRoles.length > 0) query = query.where('jobRole', 'in', audience.jobRoles);
  return query.orderBy('sortName').execute();
}

export function existingPractices(db: Db, dsoId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('practices')
    .select(['id', 'name'])
    .where('dsoId', '=', dsoId)
    .where('id', 'in', ids)
    .execute();
}

export function insertCampaign(db: Db, row: Insertable<AttestationCampaignTable>) {
  return db.insertInto('attestationCampaigns').values(row).execute();
}

export async function insertAttestations(db: Db, rows: Insertable<AttestationTable>[]) {
  for (let start = 0; start < rows.length; start += 200) {
    await db
      .insertInto('attestations')
      .values(rows.slice(start, start + 200))
      .execute();
  }
}

export function updateCampaignRow(
  db: Db,
  dsoId: string,
  id: string,
  changes: Updateable<AttestationCampaignTable>,
) {
  return db
    .updateTable('attestationCampaigns')
    .set(changes)
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .execute();
}

export function updateAttestationRow(
  db: Db,
  dsoId: string,
  id: string,
  changes: Updateable<AttestationTable>,
) {
  return db
    .updateTable('attestations')
    .set(changes)
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .execute();
}

/** Pending attestations of open campaigns (all of the DSO's, or one campaign's), with what a reminder needs. */
export function pendingOfOpenCampaigns(db: Db, filter: { dsoId?: string; campaignId?: string }) {
  let query = db
    .selectFrom('attestations')
    .innerJoin('attestationCampaigns as c', 'c.id', 'attestations.campaignId')
    .innerJoin('people', 'people.id', 'attestations.personId')
    .select([
      'attestations.id',
      'attestations.dsoId',
      'attestations.campaignId',
      'attestations.remindersSent',
      'attestations.lastRemindedAt',
      'c.dueDate',
      'c.createdAt as campaignCreatedAt',
      'people.firstName',
      'people.email',
    ])
    .where('attestations.status', '=', 'pending')
    .where('c.status', '=', 'open');
  if (filter.dsoId) query = query.where('attestations.dsoId', '=', filter.dsoId);
  if (filter.campaignId) query = query.where('attestations.campaignId', '=', filter.campaignId);
  return query.orderBy('attestations.campaignId').orderBy('attestations.id').execute();
}

export function findAttestationByToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('attestations')
    .innerJoin('attestationCampaigns as c', 'c.id', 'attestations.campaignId')
    .innerJoin('people', 'people.id', 'attestations.personId')
    .innerJoin('dsos', 'dsos.id', 'attestations.dsoId')
    .select([
      'attestations.id',
      'attestations.dsoId',
      'attestations.status',
      'attestations.acknowledgedAt',
      'c.title as campaignTitle',
      'c.dueDate',
      'c.status as campaignStatus',
      'c.policyVersionIds',
      'people.firstName',
      'dsos.name as dsoName',
    ])
    .where('attestations.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** A signed-in user's attestations: those of the people of their DSO with the same email. */
export function attestationsOfEmail(db: Db, dsoId: string, email: string) {
  return db
    .selectFrom('attestations')
    .innerJoin('attestationCampaigns as c', 'c.id', 'attestations.campaignId')
    .innerJoin('people', 'people.id', 'attestations.personId')
    .select([
      'attestations.id',
      'attestations.status',
      'attestations.acknowledgedAt',
      'attestations.method',
      'c.id as campaignId',
      'c.title as campaignTitle',
      'c.dueDate',
      'c.status as campaignStatus',
      'c.policyVersionIds',
    ])
    .where('attestations.dsoId', '=', dsoId)
    .where('people.email', '=', email.toLowerCase())
    .orderBy('c.dueDate')
    .execute();
}

export function dsoName(db: Db, dsoId: string) {
  return db.selectFrom('dsos').select('name').where('id', '=', dsoId).executeTakeFirst();
}

export function userEmail(db: Db, dsoId: string, userId: string) {
  return db
    .selectFrom('users')
    .select('email')
    .where('dsoId', '=', dsoId)
    .where('id', '=', userId)
    .executeTakeFirst();
}
