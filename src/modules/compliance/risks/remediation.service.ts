import { isoDate } from '../../../platform/clock.ts';
import { inPracticeScope, type Scope, type ServiceDeps } from '../../../platform/context.ts';
import { toPage } from '../../../platform/db/page.ts';
import { decodeCursor } from '../../../platform/db/pagination.ts';
import { notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { findControl } from '../controls/index.ts';
import { parseIds, presentTask } from './risks.present.ts';
import { assertOwner, assertPractice, auditInput, invalid, loadViewContext } from './risks.rules.ts';
import type { CreateTaskInput, ListTasksQuery, TaskView, UpdateTaskInput } from './risks.schema.ts';
import * as store from './risks.store.ts';

const sortName = 'dueDate';

async function presentTasks(deps: ServiceDeps, scope: Scope, rows: readonly store.TaskRow[]) {
  const today = isoDate(deps.clock.now());
  const context = await loadViewContext(deps, scope, rows, today);
  const risks = await store.risksByIds(
    deps.db,
    scope.dsoId,
    rows.flatMap((r) => parseIds(r.riskIds)),
  );
  const visible = risks.filter((r) => r.practiceId === null || inPracticeScope(scope, r.practiceId));
  const taskContext = { ...context, risks: new Map(visible.map((r) => [r.id, r])) };
  return (row: store.TaskRow) => presentTask(row, taskContext);
}

export async function listTasks(deps: ServiceDeps, scope: Scope, query: ListTasksQuery) {
  const today = isoDate(deps.clock.now());
  const rows = await store.listTaskRows(
    deps.db,
    scope.dsoId,
    {
      practiceIds: scope.practiceIds ?? null,
      status: query.status,
      practiceId: query.practiceId,
      riskId: query.riskId,
      ownerUserId: query.ownerUserId,
      ...(query.overdue === true ? { overdueBefore: today } : {}),
      ...(query.overdue === false ? { notOverdueOn: today } : {}),
    },
    query.limit,
    decodeCursor(query.cursor, sortName),
  );
  const present = await presentTasks(deps, scope, rows.slice(0, query.limit));
  return toPage(rows, query.limit, sortName, (row) => row.dueDate, present);
}

/** A practice manager sees only their practices' tasks, never DSO-wide ones. */
async function findVisibleTask(deps: ServiceDeps, scope: Scope, id: string) {
  const row = await store.findTask(deps.db, scope.dsoId, id);
  const visible =
    row && (row.practiceId === null ? !scope.practiceIds : inPracticeScope(scope, row.practiceId));
  if (!row || !visible) throw notFound('Remediation task', id);
  return row;
}

export async function getTask(deps: ServiceDeps, scope: Scope, id: string): Promise<TaskView> {
  const row = await findVisibleTask(deps, scope, id);
  return (await presentTasks(deps, scope, [row]))(row);
}

/** Each risk must be one of this DSO's the caller can see; each control must be in the catalogue. */
async function assertLinks(
  deps: ServiceDeps,
  scope: Scope,
  riskIds?: readonly string[],
  controlIds?: readonly string[],
) {
  const found = await store.risksByIds(deps.db, scope.dsoId, riskIds ?? []);
  const known = new Set(
    found.filter((r) => r.practiceId === null || inPracticeScope(scope, r.practiceId)).map((r) => r.id),
  );
  const badRisk = (riskIds ?? []).findIndex((id) => !known.has(id));
  if (badRisk >= 0) {
    const id = riskIds?.[badRisk] ?? '';
    throw invalid('riskIds', 'not_found', `Risk "${id}" was not found.`, ['riskIds', badRisk]);
  }
  const badControl = (controlIds ?? []).findIndex((id) => findControl(id) === undefined);
  if (badControl >= 0) {
    const id = controlIds?.[badControl] ?? '';
    throw invalid('controlIds', 'not_found', `Control "${id}" was not found in the control catalogue.`, [
      'controlIds',
      badControl,
    ]);
  }
}

function completedAtOf(status: string, previous: store.TaskRow | undefined, stamp: string): string | null {
  if (status !== 'done') return null;
  return previous?.status === 'done' ? previous.completedAt : stamp;
}

export async function createTask(deps: ServiceDeps, scope: Scope, input: CreateTaskInput): Promise<TaskView> {
  await assertPractice(deps, scope, input.practiceId);
  await assertOwner(deps, scope, input.ownerUserId);
  await assertLinks(deps, scope, input.riskIds, input.controlIds);
  const stamp = deps.clock.now().toISOString();
  const status = input.status ?? 'open';
  const row: store.TaskRow = {
    id: newId(),
    dsoId: scope.dsoId,
    practiceId: input.practiceId ?? null,
    title: input.title,
    description: input.description ?? null,
    ownerUserId: input.ownerUserId ?? null,
    dueDate: input.dueDate,
    status,
    riskIds: JSON.stringify([...new Set(input.riskIds ?? [])]),
    controlIds: JSON.stringify([...new Set(input.controlIds ?? [])]),
    completedAt: completedAtOf(status, undefined, stamp),
    lastReminderAt: null,
    escalatedAt: null,
    createdAt: stamp,
    updatedAt: stamp,
  };
  await deps.db.transaction().execute(async (trx) => {
    await store.insertTask(trx, row);
    await audit.record(
      trx,
      auditInput(scope, 'remediationTasks.create', 'remediationTask', row.id, stamp, {
        changedFields: audit.fieldNames(input),
      }),
    );
  });
  return getTask(deps, scope, row.id);
}

export async function updateTask(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: UpdateTaskInput,
): Promise<TaskView> {
  const current = await findVisibleTask(deps, scope, id);
  await assertOwner(deps, scope, input.ownerUserId);
  await assertLinks(deps, scope, input.riskIds, input.controlIds);
  const stamp = deps.clock.now().toISOString();
  const status = input.status ?? current.status;
  // A new due date or owner allows a new escalation; reminders stay at most one a day.
  const rescheduled =
    (input.dueDate !== undefined && input.dueDate !== current.dueDate) ||
    (input.ownerUserId !== undefined && input.ownerUserId !== current.ownerUserId);
  await deps.db.transaction().execute(async (trx) => {
    await store.updateTaskRow(trx, scope.dsoId, id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.ownerUserId !== undefined ? { ownerUserId: input.ownerUserId } : {}),
      ...(input.dueDate !== undefined ? { dueDate: input.dueDate } : {}),
      ...(input.riskIds !== undefined ? { riskIds: JSON.stringify([...new Set(input.riskIds)]) } : {}),
      ...(input.controlIds !== undefined
        ? { controlIds: JSON.stringify([...new Set(input.controlIds)]) }
        : {}),
      ...(rescheduled ? { escalatedAt: null } : {}),
      status,
      completedAt: completedAtOf(status, current, stamp),
      updatedAt: stamp,
    });
    await audit.record(
      trx,
      auditInput(scope, 'remediationTasks.update', 'remediationTask', id, stamp, {
        changedFields: audit.fieldNames(input),
      }),
    );
  });
  return getTask(deps, scope, id);
}
