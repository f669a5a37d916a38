import type { CreatePracticeInput } from '../../src/modules/org/org.schema.ts';
import { createDso, createPractice } from '../../src/modules/org/org.service.ts';
import type { CreatePersonInput } from '../../src/modules/people/people.schema.ts';
import { createPerson } from '../../src/modules/people/people.service.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import type { ServiceDeps } from '../../src/platform/context.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { createLogger } from '../../src/platform/log.ts';
import { captureStream } from '../harness/app.ts';

let sequence = 0;
const next = () => ++sequence;

export function testDeps(handle: DatabaseHandle, now = '2026-11-02T15:00:00.000Z'): ServiceDeps {
  return { db: handle.db, clock: fixedClock(now), log: createLogger('info', captureStream()) };
}

export async function buildDso(deps: ServiceDeps, overrides: { name?: string } = {}) {
  return createDso(deps, {
    name: overrides.name ?? `Test Dental Group ${next()}`,
    domains: ['testdental.com'],
  });
}

export async function buildPractice(
  deps: ServiceDeps,
  dsoId: string,
  overrides: Partial<CreatePracticeInput> = {},
) {
  return createPractice(
    deps,
    { dsoId },
    {
      name: `Practice ${next()}`,
      state: 'TX',
      timeZone: 'America/Chicago',
      ...overrides,
    },
  );
}

export async function buildPerson(
  deps: ServiceDeps,
  dsoId: string,
  overrides: Partial<CreatePersonInput> = {},
) {
  const n = next();
  return createPerson(
    deps,
    { dsoId },
    {
      firstName: `Pat${n}`,
      lastName: `Smith${n}`,
      email: `pat.smith${n}@testdental.com`,
      jobRole: 'hygienist',
      practiceIds: [],
      ...overrides,
    },
  );
}
