import { isoDate } from '../../platform/clock.ts';
import { type Scope, type ServiceDeps, systemActor } from '../../platform/context.ts';
import { isUniqueViolation } from '../../platform/db/index.ts';
import type { PersonTable } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import * as audit from '../audit/index.ts';
import { practiceKeys as loadPracticeKeys } from '../org/index.ts';
import { type ImportRow, parsePeopleCsv } from './people.import.ts';
import { deriveStatus, searchTextOf, sortNameOf } from './people.rules.ts';
import type { ImportResult } from './people.schema.ts';
import * as store from './people.store.ts';

export interface ImportOptions {
  readonly dryRun: boolean;
  /** Terminate active people whose email is not in the file (a full roster sync). */
  readonly terminateMissing: boolean;
  readonly onProgress?: (phase: 'check' | 'write', done: number, total: number) => void;
}

type Existing = Awaited<ReturnType<typeof store.peopleWithPractices>>[number];

interface Plan {
  creates: PersonTable[];
  createMemberships: { personId: string; practiceIds: readonly string[] }[];
  updates: {
    id: string;
    changes: Partial<PersonTable>;
    practiceIds: readonly string[] | null;
    terminates: boolean;
  }[];
  unchanged: number;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value) => b.includes(value));
}

function planRow(
  row: ImportRow,
  existing: Existing | undefined,
  today: string,
  stamp: string,
  dsoId: string,
  plan: Plan,
) {
  const derived = deriveStatus({ ...row, status: undefined }, today);
  if (!existing) {
    const id = newId();
    plan.creates.push({
      id,
      dsoId,
      firstName: row.firstName,
      lastName: row.lastName,
      email: row.email,
      jobRole: row.jobRole,
      status: derived.status,
      hireDate: row.hireDate,
      terminationDate: derived.terminationDate,
      tags: JSON.stringify(row.tags ?? []),
      searchText: searchTextOf(row),
      sortName: sortNameOf(row),
      createdAt: stamp,
      updatedAt: stamp,
    });
    plan.createMemberships.push({ personId: id, practiceIds: row.practiceIds });
    return;
  }
  const { person } = existing;
  // A person on leave stays on leave unless the file terminates them.
  const status = derived.status === 'active' && person.status === 'leave' ? 'leave' : derived.status;
  const next: Partial<PersonTable> = {
    firstName: row.firstName,
    lastName: row.lastName,
    jobRole: row.jobRole,
    hireDate: row.hireDate,
    terminationDate: derived.terminationDate,
    status,
    ...(row.tags ? { tags: JSON.stringify(row.tags) } : {}),
  };
  const changes: Partial<PersonTable> = {};
  for (const [key, value] of Object.entries(next) as [keyof PersonTable, string | null][]) {
    if (person[key] !== value) Object.assign(changes, { [key]: value });
  }
  const practicesChanged = !sameSet(existing.practiceIds, row.practiceIds);
  if (Object.keys(changes).length === 0 && !practicesChanged) {
    plan.unchanged++;
    return;
  }
  Object.assign(changes, {
    searchText: searchTextOf(row),
    sortName: sortNameOf(row),
    updatedAt: stamp,
  });
  plan.updates.push({
    id: person.id,
    changes,
    practiceIds: practicesChanged ? row.practiceIds : null,
    terminates: status === 'terminated' && person.status !== 'terminated',
  });
}

/**
 * Imports people from CSV, idempotent by email: checks every row first, and writes nothing unless all pass,
 * in one transaction. A dry run answers the same summary without writing.
 */
export async function importPeople(
  deps: ServiceDeps,
  scope: Scope,
  csv: string | Buffer,
  options: ImportOptions,
): Promise<ImportResult> {
  const parsed = parsePeopleCsv(csv, await loadPracticeKeys(deps, scope));
  if (parsed.issues.length > 0) {
    const count = parsed.issues.length;
    throw new AppError(
      'IMPORT_INVALID',
      `The file has ${count} problem${count === 1 ? '' : 's'}; nothing was imported. First: line ${parsed.issues[0]?.line}: ${parsed.issues[0]?.message}`,
      parsed.issues,
    );
  }
  const now = deps.clock.now();
  const today = isoDate(now);
  const stamp = now.toISOString();
  const existing = new Map(
    (await store.peopleWithPractices(deps.db, scope.dsoId)).map((e) => [e.person.email, e]),
  );
  const plan: Plan = { creates: [], createMemberships: [], updates: [], unchanged: 0 };
  parsed.rows.forEach((row, index) => {
    planRow(row, existing.get(row.email), today, stamp, scope.dsoId, plan);
    if (index % 1000 === 0) options.onProgress?.('check', index, parsed.rows.length);
  });
  options.onProgress?.('check', parsed.rows.length, parsed.rows.length);
  if (options.terminateMissing) planMissing(parsed.rows, existing, today, stamp, plan);

  const summary = {
    create: plan.creates.length,
    update: plan.updates.filter((u) => !u.terminates).length,
    terminate: plan.updates.filter((u) => u.terminates).length,
    unchanged: plan.unchanged,
  };
  if (!options.dryRun) {
    try {
      await writePlan(deps, scope, plan, stamp, options, { rows: parsed.rows.length, ...summary });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new AppError(
        'CONFLICT',
        'People were changed while the import ran; nothing was imported. Run it again.',
      );
    }
  }
  return { dryRun: options.dryRun, rows: parsed.rows.length, summary };
}

function planMissing(
  rows: readonly ImportRow[],
  existing: Map<string, Existing>,
  today: string,
  stamp: string,
  plan: Plan,
) {
  const inFile = new Set(rows.map((row) => row.email));
  for (const [email, { person }] of existing) {
    if (inFile.has(email) || person.status === 'terminated') continue;
    plan.updates.push({
      id: person.id,
      changes: { status: 'terminated', terminationDate: today, updatedAt: stamp },
      practiceIds: null,
      terminates: true,
    });
  }
}

async function writePlan(
  deps: ServiceDeps,
  scope: Scope,
  plan: Plan,
  stamp: string,
  options: ImportOptions,
  counts: Readonly<Record<string, number>>,
) {
  const total = plan.creates.length + plan.updates.length;
  await deps.db.transaction().execute(async (trx) => {
    await store.insertPeople(trx, plan.creates);
    const memberships = plan.createMemberships.flatMap(({ personId, practiceIds }) =>
      practiceIds.map((practiceId) => ({ dsoId: scope.dsoId, personId, practiceId, createdAt: stamp })),
    );
    await store.insertMemberships(trx, memberships);
    options.onProgress?.('write', plan.creates.length, total);
    let done = plan.creates.length;
    for (const update of plan.updates) {
      await store.updatePersonRow(trx, scope.dsoId, update.id, update.changes);
      if (update.practiceIds)
        await store.replaceMemberships(trx, scope.dsoId, update.id, update.practiceIds, stamp);
      if (++done % 1000 === 0) options.onProgress?.('write', done, total);
    }
    // One entry for the whole import, with counts only: the file's rows hold personal data.
    await audit.record(trx, {
      dsoId: scope.dsoId,
      actor: scope.actor ?? systemActor,
      action: 'people.import',
      resourceType: 'person',
      resourceId: null,
      occurredAt: stamp,
      detail: counts,
    });
    options.onProgress?.('write', total, total);
  });
}
