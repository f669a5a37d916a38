import type { Db } from '../../../platform/db/index.ts';
import type { SsoIdentityTable, SsoLoginTable, SsoProviderTable } from '../../../platform/db/schema.ts';

// Providers -----------------------------------------------------------------------------------------

export function listProviderRows(db: Db, dsoId: string) {
  return db.selectFrom('ssoProviders').selectAll().where('dsoId', '=', dsoId).orderBy('name').execute();
}

export function findProvider(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('ssoProviders')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A provider by id alone: the public sign-in routes do not know the DSO yet. */
export function findProviderById(db: Db, id: string) {
  return db.selectFrom('ssoProviders').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listEnabledProviderRows(db: Db) {
  return db
    .selectFrom('ssoProviders')
    .select(['id', 'name', 'kind', 'allowedDomains'])
    .where('enabled', '=', 1)
    .orderBy('name')
    .orderBy('id')
    .limit(500)
    .execute();
}

export async function insertProvider(db: Db, row: SsoProviderTable): Promise<void> {
  await db.insertInto('ssoProviders').values(row).execute();
}

export async function updateProviderRow(
  db: Db,
  dsoId: string,
  id: string,
  changes: Partial<SsoProviderTable>,
): Promise<number> {
  const result = await db
    .updateTable('ssoProviders')
    .set(changes)
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteProviderRow(db: Db, dsoId: string, id: string): Promise<number> {
  const result = await db
    .deleteFrom('ssoProviders')
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

// Sign-ins in flight --------------------------------------------------------------------------------

export async function insertLogin(db: Db, row: SsoLoginTable): Promise<void> {
  await db.insertInto('ssoLogins').values(row).execute();
}

/** Takes a sign-in in flight, once: the row is deleted, so a replayed callback finds nothing. */
export async function takeLogin(db: Db, id: string, providerId: string, now: string) {
  const row = await db
    .selectFrom('ssoLogins')
    .selectAll()
    .where('id', '=', id)
    .where('providerId', '=', providerId)
    .executeTakeFirst();
  if (!row) return undefined;
  const result = await db.deleteFrom('ssoLogins').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1 || row.expiresAt <= now) return undefined;
  return row;
}

export async function purgeExpiredLogins(db: Db, now: string): Promise<void> {
  await db.deleteFrom('ssoLogins').where('expiresAt', '<=', now).execute();
}

// Identities ----------------------------------------------------------------------------------------

export function findIdentity(db: Db, providerId: string, subject: string) {
  return db
    .selectFrom('ssoIdentities')
    .selectAll()
    .where('providerId', '=', providerId)
    .where('subject', '=', subject)
    .executeTakeFirst();
}

export function findIdentityOfUser(db: Db, providerId: string, userId: string) {
  return db
    .selectFrom('ssoIdentities')
    .selectAll()
    .where('providerId', '=', providerId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

export async function insertIdentity(db: Db, row: SsoIdentityTable): Promise<void> {
  await db.insertInto('ssoIdentities').values(row).execute();
}

export async function touchIdentity(db: Db, providerId: string, subject: string, at: string): Promise<void> {
  await db
    .updateTable('ssoIdentities')
    .set({ lastSignInAt: at })
    .where('providerId', '=', providerId)
    .where('subject', '=', subject)
    .execute();
}

/** The workforce record with this email in the DSO, to link a new account to. */
export function findPersonIdByEmail(db: Db, dsoId: string, email: string) {
  return db
    .selectFrom('people')
    .select('id')
    .where('dsoId', '=', dsoId)
    .where('email', '=', email)
    .executeTakeFirst();
}
