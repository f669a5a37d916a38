import type { Db } from '../../platform/db/index.ts';
import type { ApiTokenTable, SessionTable, UserTable } from '../../platform/db/schema.ts';

// Users ---------------------------------------------------------------------------------------------

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUser(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findUserById(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUserRows(db: Db, dsoId: string) {
  return db.selectFrom('users').selectAll().where('dsoId', '=', dsoId).orderBy('email').limit(5000).execute();
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'dso_admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertUser(db: Db, row: UserTable): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUserRow(db: Db, id: string, changes: Partial<UserTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

export async function practiceIdsOfUsers(db: Db, userIds: readonly string[]) {
  const map = new Map<string, string[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .selectFrom('userPractices')
    .select(['userId', 'practiceId'])
    .where('userId', 'in', userIds)
    .execute();
  for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), row.practiceId]);
  return map;
}

export async function replaceUserPractices(
  db: Db,
  dsoId: string,
  userId: string,
  practiceIds: readonly string[],
) {
  await db.deleteFrom('userPractices').where('userId', '=', userId).execute();
  if (practiceIds.length === 0) return;
  await db
    .insertInto('userPractices')
    .values([...new Set(practiceIds)].map((practiceId) => ({ dsoId, userId, practiceId })))
    .execute();
}

export async function existingPracticeIds(
  db: Db,
  dsoId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('practices')
    .select('id')
    .where('dsoId', '=', dsoId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((row) => row.id));
}

/** Records a TOTP step as used unless a later or equal one already was: false means a replayed code. */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ mfaLastStep: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('mfaLastStep', 'is', null), eb('mfaLastStep', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

// Sessions ------------------------------------------------------------------------------------------

export async function insertSession(db: Db, row: SessionTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** The live session with its user, in one query: the hot path of every signed-in request. */
export function findSessionWithUser(db: Db, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.userId')
    .select([
      'sessions.id',
      'sessions.userId',
      'sessions.dsoId',
      'sessions.csrfToken',
      'sessions.mfaPassed',
      'sessions.lastSeenAt',
      'sessions.expiresAt',
      'sessions.revokedAt',
      'users.email',
      'users.role',
      'users.status',
      'users.expiresAt as userExpiresAt',
      'users.mfaEnabledAt',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ lastSeenAt: at }).where('id', '=', id).execute();
}

export async function updateSessionRow(db: Db, id: string, changes: Partial<SessionTable>): Promise<void> {
  await db.updateTable('sessions').set(changes).where('id', '=', id).execute();
}

export function listSessionRows(db: Db, userId: string, now: string) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .where('expiresAt', '>', now)
    .orderBy('lastSeenAt', 'desc')
    .execute();
}

export async function revokeSessions(db: Db, userId: string, at: string, exceptId?: string): Promise<number> {
  const result = await db
    .updateTable('sessions')
    .set({ revokedAt: at })
    .where('userId', '=', userId)
    .where('revokedAt', 'is', null)
    .$if(exceptId !== undefined, (qb) => qb.where('id', '!=', exceptId as string))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// API tokens ----------------------------------------------------------------------------------------

export async function insertApiToken(db: Db, row: ApiTokenTable): Promise<void> {
  await db.insertInto('apiTokens').values(row).execute();
}

export function findApiTokenByHash(db: Db, hash: string) {
  return db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', hash).executeTakeFirst();
}

export function listApiTokenRows(db: Db, dsoId: string) {
  return db
    .selectFrom('apiTokens')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .orderBy('createdAt', 'desc')
    .execute();
}

export async function updateApiTokenRow(db: Db, dsoId: string, id: string, changes: Partial<ApiTokenTable>) {
  const result = await db
    .updateTable('apiTokens')
    .set(changes)
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

// One-time tokens and throttles ---------------------------------------------------------------------

export async function insertOneTimeToken(
  db: Db,
  row: { id: string; kind: string; userId: string; createdAt: string; expiresAt: string },
) {
  await db
    .insertInto('oneTimeTokens')
    .values({ ...row, usedAt: null })
    .execute();
}

/** Marks a one-time token used, atomically: only the first caller gets the row back. */
export async function consumeOneTimeToken(db: Db, id: string, kind: string, now: string) {
  const result = await db
    .updateTable('oneTimeTokens')
    .set({ usedAt: now })
    .where('id', '=', id)
    .where('kind', '=', kind)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return db.selectFrom('oneTimeTokens').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findThrottle(db: Db, key: string) {
  return db.selectFrom('signInThrottles').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function saveThrottle(
  db: Db,
  key: string,
  failures: number,
  lockedUntil: string | null,
  now: string,
) {
  await db.deleteFrom('signInThrottles').where('key', '=', key).execute();
  await db.insertInto('signInThrottles').values({ key, failures, lockedUntil, updatedAt: now }).execute();
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('signInThrottles').where('key', '=', key).execute();
}
