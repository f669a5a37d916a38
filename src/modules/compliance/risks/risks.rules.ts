import type { Scope, ServiceDeps } from '../../../platform/context.ts';
import { systemActor } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import type * as audit from '../../audit/index.ts';
import type { Owner, TaskContext } from './risks.present.ts';
import * as store from './risks.store.ts';

/** A 400 naming the field, with the issue under `body.<field>`. */
export function invalid(field: string, code: string, message: string, path?: (string | number)[]): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${message}`, [
    { path: ['body', ...(path ?? [field])], code, message },
  ]);
}

/** The owner must be an active user of this DSO. */
export async function assertOwner(deps: ServiceDeps, scope: Scope, id: string | null | undefined) {
  if (id === null || id === undefined) return;
  const found = await store.activeUsers(deps.db, scope.dsoId, [id]);
  if (found.length === 0) throw invalid('ownerUserId', 'not_found', `User "${id}" was not found.`);
}

/**
 * The practice must be the DSO's and in the caller's scope; a practice manager must name one of theirs,
 * since DSO-wide items are not theirs to create.
 */
export async function assertPractice(deps: ServiceDeps, scope: Scope, practiceId: string | null | undefined) {
  if (practiceId === null || practiceId === undefined) {
    if (scope.practiceIds) {
      throw invalid('practiceId', 'required', 'name one of your practices.');
    }
    return;
  }
  const found = await store.practicesByIds(deps.db, scope.dsoId, [practiceId]);
  if (found.length === 0 || (scope.practiceIds && !scope.practiceIds.includes(practiceId))) {
    throw invalid('practiceId', 'not_found', `Practice "${practiceId}" was not found.`);
  }
}

/** Owners and practice names the views of these rows mention. */
export async function loadViewContext(
  deps: ServiceDeps,
  scope: Scope,
  rows: readonly { ownerUserId: string | null; practiceId: string | null }[],
  today: string,
): Promise<Omit<TaskContext, 'risks'>> {
  const ownerIds = rows.flatMap((r) => (r.ownerUserId === null ? [] : [r.ownerUserId]));
  const practiceIds = rows.flatMap((r) => (r.practiceId === null ? [] : [r.practiceId]));
  const [owners, practices] = await Promise.all([
    store.usersByIds(deps.db, scope.dsoId, ownerIds),
    store.practicesByIds(deps.db, scope.dsoId, practiceIds),
  ]);
  return {
    today,
    scope,
    owners: new Map<string, Owner>(owners.map((o) => [o.id, o])),
    practices: new Map(practices.map((p) => [p.id, p.name])),
  };
}

/** Field names only, never values. */
export function auditInput(
  scope: Scope,
  action: string,
  resourceType: string,
  id: string | null,
  at: string,
  extra: { changedFields?: readonly string[]; detail?: Record<string, number> } = {},
): audit.AuditInput {
  return {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType,
    resourceId: id,
    occurredAt: at,
    ...extra,
  };
}

/** The same calendar date a year later (29 February becomes 1 March). */
export function oneYearAfter(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}
