import { isoDate } from '../../platform/clock.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/index.ts';
import type { PersonTable, PracticeTable } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { insertDso, insertPractice, insertRegion, listDsoRows, nameKey } from '../org/index.ts';
import { deriveStatus, insertMemberships, insertPeople, searchTextOf, sortNameOf } from '../people/index.ts';
import { complianceDemo } from './demo.compliance.ts';
import { type DemoContributor, demoContributors } from './demo.contributors.ts';
import { generateDemo } from './demo.generate.ts';
import type { DemoData, DemoPerson, DemoPractice } from './demo.model.ts';
import { createRng } from './demo.random.ts';

type PersonStatus = DemoPerson['status'];

export interface DemoRequest {
  readonly practices: number;
  readonly seed: number;
}

export interface DemoWriteOptions {
  readonly onProgress?: (done: number, total: number) => void;
  /** Defaults to every registered contributor; tests pass their own. */
  readonly contributors?: readonly DemoContributor[];
}

export interface DemoSummary {
  readonly dso: { readonly id: string; readonly name: string; readonly domains: readonly string[] };
  readonly seed: number;
  readonly regions: number;
  readonly practices: number;
  readonly states: readonly string[];
  readonly people: number;
  readonly peopleByStatus: Readonly<Record<PersonStatus, number>>;
  readonly memberships: number;
  /** Counts written by contributors, keyed `contributor.thing`. */
  readonly extras: Readonly<Record<string, number>>;
}

/** Generates the demo organisation for today and writes it. */
export async function createDemo(deps: ServiceDeps, request: DemoRequest, options: DemoWriteOptions = {}) {
  const data = generateDemo({ ...request, asOf: isoDate(deps.clock.now()) });
  return writeDemo(deps, data, options);
}

/** Writes generated demo data in one transaction, into a database that has no DSO yet. */
export async function writeDemo(
  deps: ServiceDeps,
  data: DemoData,
  options: DemoWriteOptions = {},
): Promise<DemoSummary> {
  const stamp = deps.clock.now().toISOString();
  const memberships = data.people.reduce((sum, person) => sum + person.practices.length, 0);
  const total = data.practices.length + data.people.length + memberships;
  const progress = (done: number) => options.onProgress?.(done, total);
  const summary = await deps.db.transaction().execute(async (trx) => {
    await assertNoDso(trx);
    const dsoId = newId();
    await insertDso(trx, dsoRow(dsoId, data, stamp));
    const regionIds = await writeRegions(trx, dsoId, data.regions, stamp);
    const practiceIds = await writePractices(trx, dsoId, data.practices, regionIds, stamp, progress);
    const people = data.people.map((person) => personRow(dsoId, person, stamp));
    for (let i = 0; i < people.length; i += 1000) {
      await insertPeople(trx, people.slice(i, i + 1000));
      progress(data.practices.length + Math.min(people.length, i + 1000));
    }
    const personIds = people.map((row) => row.id);
    await insertMemberships(trx, membershipRows(dsoId, data.people, personIds, practiceIds, stamp));
    progress(total);
    const extras = await runContributors(options.contributors ?? [...demoContributors, complianceDemo], {
      db: trx,
      dsoId,
      data,
      practiceIds,
      personIds,
      rng: createRng(data.seed),
      stamp,
    });
    return summarize(dsoId, data, people, memberships, extras);
  });
  deps.log.info(
    { dsoId: summary.dso.id, practices: summary.practices, people: summary.people },
    'demo organisation created',
  );
  return summary;
}

/** A second DSO would make the local operator choose one on every request, so the demo wants an empty database. */
async function assertNoDso(db: Db): Promise<void> {
  const [existing] = await listDsoRows(db, 1, undefined);
  if (existing) {
    throw new AppError(
      'CONFLICT',
      `The database already holds the DSO "${existing.name}"; the demo only fills an empty database. ` +
        'Point ENAMEL_DATA_DIR (or DATABASE_URL) at a new one.',
    );
  }
}

function dsoRow(id: string, data: DemoData, stamp: string) {
  return {
    id,
    name: data.dso.name,
    legalName: data.dso.legalName,
    domains: JSON.stringify(data.dso.domains),
    hqAddress: JSON.stringify(data.dso.hqAddress),
    settings: JSON.stringify({ demo: { seed: data.seed, practices: data.practices.length } }),
    createdAt: stamp,
    updatedAt: stamp,
  };
}

async function writeRegions(db: Db, dsoId: string, names: readonly string[], stamp: string) {
  const ids = new Map<string, string>();
  for (const name of names) {
    const id = newId();
    await insertRegion(db, { id, dsoId, name, createdAt: stamp, updatedAt: stamp });
    ids.set(name, id);
  }
  return ids;
}

async function writePractices(
  db: Db,
  dsoId: string,
  practices: readonly DemoPractice[],
  regionIds: ReadonlyMap<string, string>,
  stamp: string,
  progress: (done: number) => void,
): Promise<string[]> {
  const ids: string[] = [];
  for (const { region, ...fields } of practices) {
    const row: PracticeTable = {
      ...fields,
      id: newId(),
      dsoId,
      regionId: regionIds.get(region) ?? null,
      nameKey: nameKey(fields.name),
      createdAt: stamp,
      updatedAt: stamp,
    };
    await insertPractice(db, row);
    ids.push(row.id);
    if (ids.length % 50 === 0) progress(ids.length);
  }
  return ids;
}

function personRow(dsoId: string, person: DemoPerson, stamp: string): PersonTable {
  // The same rule as the API, so a person's status never disagrees with their termination date.
  const derived = deriveStatus(person, stamp.slice(0, 10));
  return {
    id: newId(),
    dsoId,
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    jobRole: person.jobRole,
    status: derived.status,
    hireDate: person.hireDate,
    terminationDate: derived.terminationDate,
    tags: JSON.stringify(person.tags),
    searchText: searchTextOf(person),
    sortName: sortNameOf(person),
    createdAt: stamp,
    updatedAt: stamp,
  };
}

function membershipRows(
  dsoId: string,
  people: readonly DemoPerson[],
  personIds: readonly string[],
  practiceIds: readonly string[],
  stamp: string,
) {
  return people.flatMap((person, index) =>
    person.practices.map((practice) => ({
      dsoId,
      personId: personIds[index] as string,
      practiceId: practiceIds[practice] as string,
      createdAt: stamp,
    })),
  );
}

async function runContributors(
  contributors: readonly DemoContributor[],
  context: Parameters<DemoContributor['contribute']>[0],
): Promise<Record<string, number>> {
  const extras: Record<string, number> = {};
  for (const contributor of contributors) {
    const counts = await contributor.contribute({ ...context, rng: context.rng.fork(contributor.name) });
    for (const [key, count] of Object.entries(counts)) extras[`${contributor.name}.${key}`] = count;
  }
  return extras;
}

function summarize(
  dsoId: string,
  data: DemoData,
  people: readonly PersonTable[],
  memberships: number,
  extras: Record<string, number>,
): DemoSummary {
  const peopleByStatus: Record<PersonStatus, number> = { active: 0, leave: 0, terminated: 0 };
  for (const row of people) peopleByStatus[row.status as PersonStatus]++;
  return {
    dso: { id: dsoId, name: data.dso.name, domains: data.dso.domains },
    seed: data.seed,
    regions: data.regions.length,
    practices: data.practices.length,
    states: [...new Set(data.practices.map((practice) => practice.state))].sort(),
    people: people.length,
    peopleByStatus,
    memberships,
    extras,
  };
}
