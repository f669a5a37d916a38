import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import type { PolicyTable, PolicyVersionTable } from '../../../platform/db/schema.ts';

export function listPolicyRows(db: Db, dsoId: string) {
  return db.selectFrom('policies').selectAll().where('dsoId', '=', dsoId).orderBy('title').execute();
}

export function findPolicy(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('policies')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Every version's summary (no body) of the DSO's policies, newest first. */
export function versionSummaries(db: Db, dsoId: string) {
  return db
    .selectFrom('policyVersions')
    .select(['id', 'policyId', 'version', 'status', 'approvedBy', 'approvedAt'])
    .where('dsoId', '=', dsoId)
    .orderBy('version', 'desc')
    .execute();
}

export function versionsOf(db: Db, dsoId: string, policyId: string) {
  return db
    .selectFrom('policyVersions')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('policyId', '=', policyId)
    .orderBy('version', 'desc')
    .execute();
}

export function findVersions(db: Db, dsoId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('policyVersions')
    .innerJoin('policies', 'policies.id', 'policyVersions.policyId')
    .select([
      'policyVersions.id',
      'policyVersions.policyId',
      'policyVersions.version',
      'policyVersions.status',
      'policyVersions.body',
      'policies.title',
    ])
    .where('policyVersions.dsoId', '=', dsoId)
    .where('policyVersions.id', 'in', ids)
    .execute();
}

export function insertPolicy(db: Db, row: Insertable<PolicyTable>) {
  return db.insertInto('policies').values(row).execute();
}

export function updatePolicyRow(db: Db, dsoId: string, id: string, changes: Updateable<PolicyTable>) {
  return db.updateTable('policies').set(changes).where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

export function insertVersion(db: Db, row: Insertable<PolicyVersionTable>) {
  return db.insertInto('policyVersions').values(row).execute();
}

export function updateVersionRow(db: Db, dsoId: string, id: string, changes: Updateable<PolicyVersionTable>) {
  return db
    .updateTable('policyVersions')
    .set(changes)
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .execute();
}

export async function nextVersionNumber(db: Db, dsoId: string, policyId: string): Promise<number> {
  const row = await db
    .selectFrom('policyVersions')
    .select((eb) => eb.fn.max('version').as('top'))
    .where('dsoId', '=', dsoId)
    .where('policyId', '=', policyId)
    .executeTakeFirst();
  return Number(row?.top ?? 0) + 1;
}

export function userNames(db: Db, dsoId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'displayName'])
    .where('dsoId', '=', dsoId)
    .where('id', 'in', ids)
    .execute();
}

/** The DSO's name and the display name of its first active security officer, for filling templates. */
export async function templateContext(db: Db, dsoId: string) {
  const dso = await db.selectFrom('dsos').select('name').where('id', '=', dsoId).executeTakeFirst();
  const officer = await db
    .selectFrom('users')
    .select('displayName')
    .where('dsoId', '=', dsoId)
    .where('role', '=', 'security_officer')
    .where('status', '=', 'active')
    .orderBy('createdAt')
    .executeTakeFirst();
  return { dsoName: dso?.name ?? '', securityOfficial: officer?.displayName ?? null };
}
