import { versionedCache } from '../../platform/cache/versioned-cache.ts';
import {
  type Actor,
  inPracticeScope,
  type Scope,
  type ServiceDeps,
  systemActor,
} from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import { toPage } from '../../platform/db/page.ts';
import { decodeCursor } from '../../platform/db/pagination.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as audit from '../audit/index.ts';
import { presentDso, presentPractice, presentRegion } from './org.present.ts';
import type {
  CreateDsoInput,
  CreatePracticeInput,
  CreateRegionInput,
  DsoView,
  ListPracticesQuery,
  PracticeView,
  RegionView,
  SummaryView,
  UpdateDsoInput,
  UpdatePracticeInput,
} from './org.schema.ts';
import * as store from './org.store.ts';
import { nameKey } from './validators.ts';

/** `undefined` means "not given" (keep), `null` clears. */
function given<T>(value: T | undefined): value is T {
  return value !== undefined;
}

/** The audit entry of a change inside the scope's DSO: who, what, and the names of the fields set. */
function auditOf(
  scope: Scope,
  action: string,
  resourceType: string,
  resourceId: string,
  occurredAt: string,
  input: object,
): audit.AuditInput {
  const actor = scope.actor ?? systemActor;
  const changedFields = audit.fieldNames(input);
  return { dsoId: scope.dsoId, actor, action, resourceType, resourceId, occurredAt, changedFields };
}

// DSOs --------------------------------------------------------------------------------------------

/** `actor` defaults to Enamel itself; routes and commands pass who acts. */
export async function createDso(
  deps: ServiceDeps,
  input: CreateDsoInput,
  actor: Actor = systemActor,
): Promise<DsoView> {
  const now = deps.clock.now().toISOString();
  const row = {
    id: newId(),
    name: input.name,
    legalName: input.legalName ?? null,
    domains: JSON.stringify(input.domains ?? []),
    hqAddress: input.hqAddress ? JSON.stringify(input.hqAddress) : null,
    settings: JSON.stringify(input.settings ?? {}),
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await store.insertDso(trx, row);
    // A new tenant is an installation-level event: it goes to the platform chain (dsoId null).
    await audit.record(trx, {
      dsoId: null,
      actor,
      action: 'dsos.create',
      resourceType: 'dso',
      resourceId: row.id,
      occurredAt: now,
      changedFields: audit.fieldNames(input),
    });
  });
  return presentDso(row);
}

export async function getDso(deps: ServiceDeps, id: string): Promise<DsoView> {
  const row = await store.findDso(deps.db, id);
  if (!row) throw notFound('DSO', id);
  return presentDso(row);
}

export async function updateDso(
  deps: ServiceDeps,
  id: string,
  input: UpdateDsoInput,
  actor: Actor = systemActor,
): Promise<DsoView> {
  await getDso(deps, id);
  const now = deps.clock.now().toISOString();
  const changes = {
    ...(given(input.name) ? { name: input.name } : {}),
    ...(given(input.legalName) ? { legalName: input.legalName } : {}),
    ...(given(input.domains) ? { domains: JSON.stringify(input.domains) } : {}),
    ...(given(input.hqAddress)
      ? { hqAddress: input.hqAddress ? JSON.stringify(input.hqAddress) : null }
      : {}),
    ...(given(input.settings) ? { settings: JSON.stringify(input.settings) } : {}),
    updatedAt: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await store.updateDsoRow(trx, id, changes);
    // A DSO's own settings belong to its chain, where its auditors look.
    await audit.record(trx, {
      dsoId: id,
      actor,
      action: 'dsos.update',
      resourceType: 'dso',
      resourceId: id,
      occurredAt: now,
      changedFields: audit.fieldNames(input),
    });
  });
  return getDso(deps, id);
}

export async function listDsos(deps: ServiceDeps, query: { limit: number; cursor?: string | undefined }) {
  const rows = await store.listDsoRows(deps.db, query.limit, decodeCursor(query.cursor, 'id'));
  return toPage(rows, query.limit, 'id', (row) => row.id, presentDso);
}

// Regions -----------------------------------------------------------------------------------------

export async function listRegions(
  deps: ServiceDeps,
  scope: Scope,
  query: { limit: number; cursor?: string | undefined },
) {
  const rows = await store.listRegionRows(
    deps.db,
    scope.dsoId,
    query.limit,
    decodeCursor(query.cursor, 'name'),
  );
  return toPage(rows, query.limit, 'name', (row) => row.name, presentRegion);
}

export async function getRegion(deps: ServiceDeps, scope: Scope, id: string): Promise<RegionView> {
  const row = await store.findRegion(deps.db, scope.dsoId, id);
  if (!row) throw notFound('Region', id);
  return presentRegion(row);
}

function regionConflict(name: string): AppError {
  return new AppError('CONFLICT', `A region named "${name}" already exists.`, [
    { path: ['body', 'name'], code: 'duplicate', message: `A region named "${name}" already exists.` },
  ]);
}

export async function createRegion(
  deps: ServiceDeps,
  scope: Scope,
  input: CreateRegionInput,
): Promise<RegionView> {
  const now = deps.clock.now().toISOString();
  const id = newId();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await store.insertRegion(trx, {
        id,
        dsoId: scope.dsoId,
        name: input.name,
        createdAt: now,
        updatedAt: now,
      });
      await audit.record(trx, auditOf(scope, 'regions.create', 'region', id, now, input));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw regionConflict(input.name);
    throw error;
  }
  return getRegion(deps, scope, id);
}

export async function updateRegion(deps: ServiceDeps, scope: Scope, id: string, input: CreateRegionInput) {
  await getRegion(deps, scope, id);
  const now = deps.clock.now().toISOString();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await store.updateRegionRow(trx, scope.dsoId, id, { name: input.name, updatedAt: now });
      await audit.record(trx, auditOf(scope, 'regions.update', 'region', id, now, input));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw regionConflict(input.name);
    throw error;
  }
  return getRegion(deps, scope, id);
}

export async function deleteRegion(deps: ServiceDeps, scope: Scope, id: string): Promise<void> {
  await getRegion(deps, scope, id);
  const now = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await store.deleteRegionRow(trx, scope.dsoId, id, now);
    await audit.record(trx, auditOf(scope, 'regions.delete', 'region', id, now, {}));
  });
}

// Practices ---------------------------------------------------------------------------------------

/** Cached per data version (platform/cache): repeated list reads cost one small query until data changes. */
export function listPractices(deps: ServiceDeps, scope: Scope, query: ListPracticesQuery) {
  const key = `practices:${scope.practiceIds?.join(',') ?? '*'}:${JSON.stringify(query)}`;
  return versionedCache(deps.db).read(scope.dsoId, key, () => loadPractices(deps, scope, query));
}

async function loadPractices(deps: ServiceDeps, scope: Scope, query: ListPracticesQuery) {
  const descending = query.sort.startsWith('-');
  const field = (descending ? query.sort.slice(1) : query.sort) as store.PracticeSortField;
  const rows = await store.listPracticeRows(
    deps.db,
    scope.dsoId,
    { ...query, practiceIds: scope.practiceIds ?? null },
    { field, descending },
    query.limit,
    decodeCursor(query.cursor, query.sort),
  );
  const sortValue = (row: (typeof rows)[number]) => (field === 'name' ? row.nameKey : row[field]);
  return toPage(rows, query.limit, query.sort, sortValue, presentPractice);
}

export async function getPractice(deps: ServiceDeps, scope: Scope, id: string): Promise<PracticeView> {
  // Outside a practice manager's practices is answered like another DSO's: not found.
  const row = inPracticeScope(scope, id) ? await store.findPractice(deps.db, scope.dsoId, id) : undefined;
  if (!row) throw notFound('Practice', id);
  return presentPractice(row);
}

async function assertRegion(
  deps: ServiceDeps,
  scope: Scope,
  regionId: string | null | undefined,
): Promise<void> {
  if (!regionId) return;
  if (await store.findRegion(deps.db, scope.dsoId, regionId)) return;
  throw new AppError('VALIDATION_FAILED', `regionId: region "${regionId}" was not found.`, [
    { path: ['body', 'regionId'], code: 'not_found', message: `Region "${regionId}" was not found.` },
  ]);
}

function practiceConflict(name: string): AppError {
  return new AppError('CONFLICT', `A practice named "${name}" already exists.`, [
    { path: ['body', 'name'], code: 'duplicate', message: `A practice named "${name}" already exists.` },
  ]);
}

export async function createPractice(
  deps: ServiceDeps,
  scope: Scope,
  input: CreatePracticeInput,
): Promise<PracticeView> {
  if (scope.practiceIds) {
    throw new AppError('AUTH_FORBIDDEN', 'Practice managers cannot add practices; ask an administrator.');
  }
  await assertRegion(deps, scope, input.regionId);
  const now = deps.clock.now().toISOString();
  const id = newId();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await store.insertPractice(trx, {
        id,
        dsoId: scope.dsoId,
        regionId: input.regionId ?? null,
        name: input.name,
        nameKey: nameKey(input.name),
        legalEntity: input.legalEntity ?? null,
        addressLine1: input.addressLine1 ?? null,
        addressLine2: input.addressLine2 ?? null,
        city: input.city ?? null,
        state: input.state,
        postalCode: input.postalCode ?? null,
        timeZone: input.timeZone,
        phone: input.phone ?? null,
        chairs: input.chairs ?? null,
        activePatients: input.activePatients ?? null,
        npi: input.npi ?? null,
        status: input.status ?? 'active',
        createdAt: now,
        updatedAt: now,
      });
      await audit.record(trx, auditOf(scope, 'practices.create', 'practice', id, now, input));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw practiceConflict(input.name);
    throw error;
  }
  return getPractice(deps, scope, id);
}

export async function updatePractice(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: UpdatePracticeInput,
): Promise<PracticeView> {
  await getPractice(deps, scope, id);
  await assertRegion(deps, scope, input.regionId);
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value !== undefined) changes[key] = value;
  }
  if (given(input.name)) changes.nameKey = nameKey(input.name);
  const now = deps.clock.now().toISOString();
  changes.updatedAt = now;
  try {
    await deps.db.transaction().execute(async (trx) => {
      await store.updatePracticeRow(trx, scope.dsoId, id, changes);
      await audit.record(trx, auditOf(scope, 'practices.update', 'practice', id, now, input));
    });
  } catch (error) {
    if (isUniqueViolation(error) && input.name) throw practiceConflict(input.name);
    throw error;
  }
  return getPractice(deps, scope, id);
}

/** Practice lookup keys for importers: lower-cased names and ids, mapped to practice ids. */
export async function practiceKeys(deps: ServiceDeps, scope: Scope): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const practice of await store.practiceIdsByNameKey(deps.db, scope.dsoId)) {
    keys.set(practice.nameKey, practice.id);
    keys.set(practice.id.toLowerCase(), practice.id);
  }
  return keys;
}

export function summary(deps: ServiceDeps, scope: Scope): Promise<SummaryView> {
  const key = `summary:${scope.practiceIds?.join(',') ?? '*'}`;
  return versionedCache(deps.db).read(scope.dsoId, key, () => loadSummary(deps, scope));
}

async function loadSummary(deps: ServiceDeps, scope: Scope): Promise<SummaryView> {
  const counts = await store.summaryCounts(deps.db, scope.dsoId, scope.practiceIds ?? null);
  const practices = { total: 0, active: 0, onboarding: 0, closed: 0 };
  const states = new Map<string, { state: string; practices: number; people: number }>();
  for (const row of counts.practices) {
    const n = Number(row.n);
    practices.total += n;
    practices[row.status as 'active' | 'onboarding' | 'closed'] += n;
    const entry = states.get(row.state) ?? { state: row.state, practices: 0, people: 0 };
    if (row.status !== 'closed') entry.practices += n;
    states.set(row.state, entry);
  }
  for (const row of counts.peopleByState) {
    const entry = states.get(row.state);
    if (entry) entry.people = Number(row.n);
  }
  const people = { total: 0, active: 0, leave: 0, terminated: 0 };
  for (const row of counts.people) {
    people.total += Number(row.n);
    people[row.status as 'active' | 'leave' | 'terminated'] += Number(row.n);
  }
  return {
    practices,
    people,
    regions: counts.regions,
    states: [...states.values()].sort((a, b) => b.people - a.people || a.state.localeCompare(b.state)),
  };
}
