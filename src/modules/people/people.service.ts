import { versionedCache } from '../../platform/cache/versioned-cache.ts';
import { isoDate } from '../../platform/clock.ts';
import { inPracticeScope, type Scope, type ServiceDeps, systemActor } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { toPage } from '../../platform/db/page.ts';
import { decodeCursor } from '../../platform/db/pagination.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as audit from '../audit/index.ts';
import { presentPerson } from './people.present.ts';
import { datesProblem, deriveStatus, searchTextOf, sortNameOf } from './people.rules.ts';
import type { CreatePersonInput, ListPeopleQuery, PersonView, UpdatePersonInput } from './people.schema.ts';
import * as store from './people.store.ts';

/** Cached per data version (platform/cache): repeated searches cost one small query until data changes. */
export function listPeople(deps: ServiceDeps, scope: Scope, query: ListPeopleQuery) {
  const key = `people:${scope.practiceIds?.join(',') ?? '*'}:${JSON.stringify(query)}`;
  return versionedCache(deps.db).read(scope.dsoId, key, () => loadPeople(deps, scope, query));
}

async function loadPeople(deps: ServiceDeps, scope: Scope, query: ListPeopleQuery) {
  const descending = query.sort.startsWith('-');
  const field = (descending ? query.sort.slice(1) : query.sort) as store.PeopleSortField;
  const rows = await store.listPeopleRows(
    deps.db,
    scope.dsoId,
    { ...query, practiceIds: scope.practiceIds ?? null },
    { field, descending },
    query.limit,
    decodeCursor(query.cursor, query.sort),
  );
  const practices = await store.practicesOf(
    deps.db,
    scope.dsoId,
    rows.slice(0, query.limit).map((row) => row.id),
  );
  const sortValue = (row: (typeof rows)[number]) =>
    field === 'lastName' ? row.sortName : field === 'hireDate' ? (row.hireDate ?? '') : row[field];
  return toPage(rows, query.limit, query.sort, sortValue, (row) =>
    presentPerson(row, practices.get(row.id) ?? []),
  );
}

/** The person if the scope reaches them: a practice manager sees only people of their practices. */
async function findVisiblePerson(deps: ServiceDeps, scope: Scope, id: string) {
  const row = await store.findPerson(deps.db, scope.dsoId, id);
  if (!row) throw notFound('Person', id);
  const practices = (await store.practicesOf(deps.db, scope.dsoId, [id])).get(id) ?? [];
  if (scope.practiceIds && !practices.some((practice) => inPracticeScope(scope, practice.id))) {
    throw notFound('Person', id);
  }
  return { row, practices };
}

export async function getPerson(deps: ServiceDeps, scope: Scope, id: string): Promise<PersonView> {
  const { row, practices } = await findVisiblePerson(deps, scope, id);
  return presentPerson(row, practices);
}

async function assertPractices(
  deps: ServiceDeps,
  scope: Scope,
  practiceIds: readonly string[],
): Promise<void> {
  const unique = [...new Set(practiceIds)].filter((id) => inPracticeScope(scope, id));
  const found = new Set((await store.existingPracticeIds(deps.db, scope.dsoId, unique)).map((row) => row.id));
  const issues = practiceIds.flatMap((id, index) =>
    found.has(id)
      ? []
      : [
          {
            path: ['body', 'practiceIds', index],
            code: 'not_found',
            message: `Practice "${id}" was not found.`,
          },
        ],
  );
  if (issues.length > 0) {
    throw new AppError('VALIDATION_FAILED', `practiceIds: ${issues[0]?.message}`, issues);
  }
}

function assertDates(hireDate: string | null, terminationDate: string | null): void {
  const problem = datesProblem(hireDate, terminationDate);
  if (problem) {
    throw new AppError('VALIDATION_FAILED', problem, [
      { path: ['body', 'terminationDate'], code: 'before_hire_date', message: problem },
    ]);
  }
}

/** Field names only: a person's name and email are personal data and never enter the trail. */
function personAudit(scope: Scope, action: string, id: string, at: string, input: object): audit.AuditInput {
  return {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType: 'person',
    resourceId: id,
    occurredAt: at,
    changedFields: audit.fieldNames(input),
  };
}

function emailConflict(email: string): AppError {
  const message = `A person with email "${email}" already exists.`;
  return new AppError('CONFLICT', message, [{ path: ['body', 'email'], code: 'duplicate', message }]);
}

export async function createPerson(
  deps: ServiceDeps,
  scope: Scope,
  input: CreatePersonInput,
): Promise<PersonView> {
  if (scope.practiceIds && input.practiceIds.length === 0) {
    throw new AppError('VALIDATION_FAILED', 'practiceIds: name at least one of your practices.', [
      { path: ['body', 'practiceIds'], code: 'required', message: 'Name at least one of your practices.' },
    ]);
  }
  await assertPractices(deps, scope, input.practiceIds);
  const hireDate = input.hireDate ?? null;
  assertDates(hireDate, input.terminationDate ?? null);
  const now = deps.clock.now();
  const derived = deriveStatus(
    { ...input, hireDate, terminationDate: input.terminationDate ?? null, status: input.status },
    isoDate(now),
  );
  const id = newId();
  const stamp = now.toISOString();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await store.insertPerson(trx, {
        id,
        dsoId: scope.dsoId,
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        jobRole: input.jobRole,
        status: derived.status,
        hireDate,
        terminationDate: derived.terminationDate,
        tags: JSON.stringify(input.tags ?? []),
        searchText: searchTextOf(input),
        sortName: sortNameOf(input),
        createdAt: stamp,
        updatedAt: stamp,
      });
      await store.replaceMemberships(trx, scope.dsoId, id, input.practiceIds, stamp);
      await audit.record(trx, personAudit(scope, 'people.create', id, stamp, input));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailConflict(input.email);
    throw error;
  }
  return getPerson(deps, scope, id);
}

export async function updatePerson(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: UpdatePersonInput,
): Promise<PersonView> {
  const { row: current, practices: currentPractices } = await findVisiblePerson(deps, scope, id);
  if (input.practiceIds) await assertPractices(deps, scope, input.practiceIds);
  // A practice manager changes memberships only inside their practices; the others stay as they are.
  const practiceIds = input.practiceIds
    ? [
        ...currentPractices.map((practice) => practice.id).filter((pid) => !inPracticeScope(scope, pid)),
        ...input.practiceIds,
      ]
    : undefined;
  const merged = {
    firstName: input.firstName ?? current.firstName,
    lastName: input.lastName ?? current.lastName,
    email: input.email ?? current.email,
    hireDate: input.hireDate === undefined ? current.hireDate : input.hireDate,
    terminationDate: input.terminationDate === undefined ? current.terminationDate : input.terminationDate,
    // Clearing the termination date without naming a status brings a terminated person back as active.
    status:
      input.status ??
      (input.terminationDate === null && current.status === 'terminated'
        ? 'active'
        : (current.status as PersonView['status'])),
  };
  assertDates(merged.hireDate, merged.terminationDate);
  const now = deps.clock.now();
  const derived = deriveStatus(merged, isoDate(now));
  const stamp = now.toISOString();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await store.updatePersonRow(trx, scope.dsoId, id, {
        firstName: merged.firstName,
        lastName: merged.lastName,
        email: merged.email,
        ...(input.jobRole ? { jobRole: input.jobRole } : {}),
        ...(input.tags ? { tags: JSON.stringify(input.tags) } : {}),
        hireDate: merged.hireDate,
        terminationDate: derived.terminationDate,
        status: derived.status,
        searchText: searchTextOf(merged),
        sortName: sortNameOf(merged),
        updatedAt: stamp,
      });
      if (practiceIds) await store.replaceMemberships(trx, scope.dsoId, id, practiceIds, stamp);
      await audit.record(trx, personAudit(scope, 'people.update', id, stamp, input));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw emailConflict(merged.email);
    throw error;
  }
  // The caller just acted on this person, so answer the result even if it moved them out of their practices.
  return getPerson(deps, { dsoId: scope.dsoId }, id);
}
