import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import { afterCursor, type Cursor } from '../../../platform/db/pagination.ts';
import type { RemediationTaskTable, RiskTable } from '../../../platform/db/schema.ts';

export type RiskRow = RiskTable;
export type TaskRow = RemediationTaskTable;

export interface RiskFilter {
  /** A practice manager's practices: their risks plus DSO-wide ones; null means all. */
  readonly practiceIds: readonly string[] | null;
  readonly status?: string | undefined;
  /** Accepted risks whose acceptance ended before this date (YYYY-MM-DD). */
  readonly acceptanceExpiredBefore?: string | undefined;
  readonly level?: string | undefined;
  readonly practiceId?: string | undefined;
  readonly treatment?: string | undefined;
  readonly ownerUserId?: string | undefined;
  readonly source?: string | undefined;
  readonly likelihood?: string | undefined;
  readonly impact?: string | undefined;
  readonly residualLikelihood?: string | undefined;
  readonly residualImpact?: string | undefined;
}

/** Level first (critical before low), then the most recently changed: one text so the cursor is simple. */
export const riskSortKey = sql<string>`(case risks.level when 'critical' then '3' when 'high' then '2' when 'medium' then '1' else '0' end) || risks."updatedAt"`;

export function riskSortValue(row: RiskRow): string {
  const rank = { critical: '3', high: '2', medium: '1' }[row.level] ?? '0';
  return `${rank}${row.updatedAt}`;
}

export function findRisk(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('risks')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listRiskRows(db: Db, dsoId: string, filter: RiskFilter, limit: number, cursor?: Cursor) {
  const eq = (column: keyof RiskRow, value: string | undefined) =>
    value === undefined ? [] : [[column, value]];
  const equalities = [
    ...eq('status', filter.status),
    ...eq('level', filter.level),
    ...eq('practiceId', filter.practiceId),
    ...eq('treatment', filter.treatment),
    ...eq('ownerUserId', filter.ownerUserId),
    ...eq('source', filter.source),
    ...eq('likelihood', filter.likelihood),
    ...eq('impact', filter.impact),
    ...eq('residualLikelihood', filter.residualLikelihood),
    ...eq('residualImpact', filter.residualImpact),
  ] as [keyof RiskRow, string][];
  let query = db.selectFrom('risks').selectAll().where('dsoId', '=', dsoId);
  for (const [column, value] of equalities) query = query.where(column, '=', value);
  const expiredBefore = filter.acceptanceExpiredBefore;
  if (expiredBefore !== undefined) {
    query = query
      .where('treatment', '=', 'accept')
      .where('status', '!=', 'closed')
      .where('acceptedUntil', '<', expiredBefore);
  }
  const scoped = filter.practiceIds;
  if (scoped) {
    query = query.where((eb) =>
      eb.or([
        eb('practiceId', 'is', null),
        ...(scoped.length > 0 ? [eb('practiceId', 'in', [...scoped])] : []),
      ]),
    );
  }
  if (cursor) query = query.where((eb) => afterCursor(eb, riskSortKey, 'risks.id', true, cursor));
  return query
    .orderBy(riskSortKey, 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Not closed risks' ratings, for the matrix. */
export function matrixRows(
  db: Db,
  dsoId: string,
  practiceIds: readonly string[] | null,
  practiceId?: string,
) {
  let query = db
    .selectFrom('risks')
    .select(['likelihood', 'impact', 'residualLikelihood', 'residualImpact'])
    .where('dsoId', '=', dsoId)
    .where('status', '!=', 'closed');
  if (practiceId !== undefined) query = query.where('practiceId', '=', practiceId);
  if (practiceIds) {
    query = query.where((eb) =>
      eb.or([
        eb('practiceId', 'is', null),
        ...(practiceIds.length > 0 ? [eb('practiceId', 'in', [...practiceIds])] : []),
      ]),
    );
  }
  return query.execute();
}

export function insertRisk(db: Db, row: RiskRow) {
  return db.insertInto('risks').values(row).execute();
}

export function updateRiskRow(db: Db, dsoId: string, id: string, changes: Partial<RiskRow>) {
  return db.updateTable('risks').set(changes).where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

export function questionnaireRisks(db: Db, dsoId: string) {
  return db
    .selectFrom('risks')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('source', '=', 'questionnaire')
    .execute();
}

/** Active users of the DSO among `ids`. */
export function activeUsers(db: Db, dsoId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'displayName', 'email', 'role'])
    .where('dsoId', '=', dsoId)
    .where('status', '=', 'active')
    .where('id', 'in', [...ids])
    .execute();
}

/** Users of the DSO by id, any status, to name owners in views. */
export function usersByIds(db: Db, dsoId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'displayName', 'email'])
    .where('dsoId', '=', dsoId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export function ownerCandidates(db: Db, dsoId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'displayName', 'email', 'role'])
    .where('dsoId', '=', dsoId)
    .where('status', '=', 'active')
    .where('role', '!=', 'auditor')
    .orderBy('displayName')
    .orderBy('id')
    .execute();
}

export function practicesByIds(db: Db, dsoId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('practices')
    .select(['id', 'name'])
    .where('dsoId', '=', dsoId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

export function risksByIds(db: Db, dsoId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('risks')
    .select(['id', 'title', 'level', 'practiceId'])
    .where('dsoId', '=', dsoId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
}

// Remediation tasks.

export interface TaskFilter {
  /** A practice manager's practices: only their tasks; null means all. */
  readonly practiceIds: readonly string[] | null;
  readonly status?: string | undefined;
  /** Open or in-progress tasks due before this date. */
  readonly overdueBefore?: string | undefined;
  /** Tasks not overdue as of this date. */
  readonly notOverdueOn?: string | undefined;
  readonly practiceId?: string | undefined;
  readonly riskId?: string | undefined;
  readonly ownerUserId?: string | undefined;
}

const taskSortKey = sql<string>`"remediationTasks"."dueDate"`;

export function findTask(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('remediationTasks')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listTaskRows(db: Db, dsoId: string, filter: TaskFilter, limit: number, cursor?: Cursor) {
  let query = db.selectFrom('remediationTasks').selectAll().where('dsoId', '=', dsoId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.practiceId !== undefined) query = query.where('practiceId', '=', filter.practiceId);
  if (filter.ownerUserId !== undefined) query = query.where('ownerUserId', '=', filter.ownerUserId);
  // Ids are UUIDs, so the quoted id matches only that element of the JSON array.
  if (filter.riskId !== undefined) query = query.where('riskIds', 'like', `%"${filter.riskId}"%`);
  if (filter.overdueBefore !== undefined) {
    query = query.where('status', 'in', ['open', 'in_progress']).where('dueDate', '<', filter.overdueBefore);
  }
  if (filter.notOverdueOn !== undefined) {
    const on = filter.notOverdueOn;
    query = query.where((eb) => eb.or([eb('status', 'in', ['done', 'cancelled']), eb('dueDate', '>=', on)]));
  }
  if (filter.practiceIds) {
    const ids = filter.practiceIds;
    if (ids.length === 0) return Promise.resolve([]);
    query = query.where('practiceId', 'in', [...ids]);
  }
  if (cursor) {
    query = query.where((eb) => afterCursor(eb, taskSortKey, 'remediationTasks.id', false, cursor));
  }
  return query
    .orderBy('dueDate', 'asc')
    .orderBy('id', 'asc')
    .limit(limit + 1)
    .execute();
}

export function insertTask(db: Db, row: TaskRow) {
  return db.insertInto('remediationTasks').values(row).execute();
}

export function updateTaskRow(db: Db, dsoId: string, id: string, changes: Partial<TaskRow>) {
  return db
    .updateTable('remediationTasks')
    .set(changes)
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .execute();
}

/** Open or in-progress tasks of every DSO due on or before `until`, for reminders. */
export function tasksDueBy(db: Db, until: string) {
  return db
    .selectFrom('remediationTasks')
    .selectAll()
    .where('status', 'in', ['open', 'in_progress'])
    .where('dueDate', '<=', until)
    .orderBy('dsoId')
    .orderBy('dueDate')
    .orderBy('id')
    .execute();
}

/** The DSO's active security officers, else its active DSO administrators. */
export async function securityOfficers(db: Db, dsoId: string) {
  const users = await db
    .selectFrom('users')
    .select(['id', 'displayName', 'email', 'role'])
    .where('dsoId', '=', dsoId)
    .where('status', '=', 'active')
    .where('role', 'in', ['security_officer', 'dso_admin'])
    .orderBy('email')
    .execute();
  const officers = users.filter((u) => u.role === 'security_officer');
  return officers.length > 0 ? officers : users.filter((u) => u.role === 'dso_admin');
}
