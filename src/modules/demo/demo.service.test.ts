import { describe, expect, it } from 'vitest';
import { describeEachDialect, openTestDatabase } from '../../../test/harness/db.ts';
import { fixedClock } from '../../platform/clock.ts';
import type { ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/index.ts';
import { createLogger } from '../../platform/log.ts';
import { findDso, listPracticeRows, listRegionRows } from '../org/org.store.ts';
import { peopleWithPractices } from '../people/people.store.ts';
import type { DemoContributor } from './demo.contributors.ts';
import { generateDemo } from './demo.generate.ts';
import { createDemo, writeDemo } from './demo.service.ts';

const now = '2026-11-02T15:00:00.000Z';

function depsOf(db: ServiceDeps['db']): ServiceDeps {
  return { db, clock: fixedClock(now), log: createLogger('silent') };
}

async function allPractices(db: Db, dsoId: string) {
  return listPracticeRows(db, dsoId, {}, { field: 'name', descending: false }, 200, undefined);
}

describeEachDialect('demo service', (get) => {
  const data = generateDemo({ practices: 25, seed: 7, asOf: now.slice(0, 10) });
  const seen: { practices: number; people: number }[] = [];
  const probe: DemoContributor = {
    name: 'probe',
    contribute: async (context) => {
      seen.push({ practices: context.practiceIds.length, people: context.personIds.length });
      return { things: 3 };
    },
  };

  it('writes the DSO, regions, practices, people and memberships', async () => {
    const deps = depsOf(get().handle.db);
    const progress: number[] = [];
    const summary = await writeDemo(deps, data, {
      contributors: [probe],
      onProgress: (done, total) => progress.push(done / total),
    });
    const { db } = get().handle;
    expect((await findDso(db, summary.dso.id))?.name).toBe(data.dso.name);
    expect(await listRegionRows(db, summary.dso.id, 50, undefined)).toHaveLength(data.regions.length);
    const practices = await allPractices(db, summary.dso.id);
    expect(practices).toHaveLength(25);
    expect(new Set(practices.map((p) => p.state)).size).toBe(summary.states.length);
    const people = await peopleWithPractices(db, summary.dso.id);
    expect(people).toHaveLength(data.people.length);
    expect(people.reduce((sum, p) => sum + p.practiceIds.length, 0)).toBe(summary.memberships);
    expect(summary.extras).toEqual({ 'probe.things': 3 });
    expect(seen).toEqual([{ practices: 25, people: data.people.length }]);
    expect(progress.at(-1)).toBe(1);
  });

  it('counts active people per practice the way the practices list does', async () => {
    const { db } = get().handle;
    const [dso] = await db.selectFrom('dsos').select('id').execute();
    const practices = await allPractices(db, dso?.id ?? '');
    for (const practice of practices) expect(Number(practice.peopleCount)).toBeGreaterThanOrEqual(9);
  });

  it('refuses a database that already holds a DSO, and writes nothing', async () => {
    const deps = depsOf(get().handle.db);
    await expect(createDemo(deps, { practices: 2, seed: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await get().handle.db.selectFrom('dsos').select('id').execute()).toHaveLength(1);
  });
});

describe('demo service at scale', () => {
  it('writes 500 practices and their people into SQLite within a few seconds', async () => {
    const database = await openTestDatabase('sqlite');
    try {
      const started = performance.now();
      const summary = await createDemo(depsOf(database.handle.db), { practices: 500, seed: 7 });
      const elapsed = performance.now() - started;
      expect(summary.practices).toBe(500);
      expect(summary.people).toBeGreaterThan(6000);
      expect(elapsed).toBeLessThan(5000);
    } finally {
      await database.drop();
    }
  });
});
