import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildDso, buildPerson, buildPractice, testDeps } from '../factories/org.ts';
import { capturedLogs, createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

describeEachDialect('people API', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let practiceA: string;
  let practiceB: string;
  const headers = () => authAs(get().handle, dsoId);

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle));
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps)).id;
    practiceA = (await buildPractice(deps, dsoId, { name: 'North Dental' })).id;
    practiceB = (await buildPractice(deps, dsoId, { name: 'South Dental' })).id;
  });

  it('creates a person with practices and lists them by search, practice and role', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: await headers(),
      payload: {
        firstName: 'Maria',
        lastName: 'Gonzalez',
        email: 'Maria.Gonzalez@Example.com',
        jobRole: 'front_desk',
        practiceIds: [practiceA, practiceB],
        hireDate: '2021-03-15',
        tags: ['security-champion'],
      },
    });
    expect(created.statusCode).toBe(201);
    const person = created.json();
    expect(person).toMatchObject({
      email: 'maria.gonzalez@example.com',
      status: 'active',
      tags: ['security-champion'],
    });
    expect(person.practices.map((p: { name: string }) => p.name)).toEqual(['North Dental', 'South Dental']);

    const bySearch = await app.inject({
      method: 'GET',
      url: '/api/v1/people?search=GONZ',
      headers: await headers(),
    });
    expect(bySearch.json().items.map((p: { id: string }) => p.id)).toEqual([person.id]);
    const byPractice = await app.inject({
      method: 'GET',
      url: `/api/v1/people?practiceId=${practiceB}&jobRole=front_desk`,
      headers: await headers(),
    });
    expect(byPractice.json().items.map((p: { id: string }) => p.id)).toContain(person.id);

    const practice = await app.inject({
      method: 'GET',
      url: `/api/v1/practices/${practiceA}`,
      headers: await headers(),
    });
    expect(practice.json().peopleCount).toBeGreaterThanOrEqual(1);
  });

  it('rejects a duplicate email case-insensitively', async () => {
    const deps = testDeps(get().handle);
    await buildPerson(deps, dsoId, { email: 'dup@example.com' });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: await headers(),
      payload: { firstName: 'A', lastName: 'B', email: 'DUP@example.com', jobRole: 'it', practiceIds: [] },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.issues[0].path).toEqual(['body', 'email']);
  });

  it('terminates by termination date and keeps the person visible', async () => {
    const person = await buildPerson(testDeps(get().handle), dsoId, {
      practiceIds: [practiceA],
      hireDate: '2020-01-01',
    });
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: await headers(),
      payload: { terminationDate: '2026-10-31' },
    });
    expect(patched.json()).toMatchObject({ status: 'terminated', terminationDate: '2026-10-31' });
    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/people?status=terminated`,
      headers: await headers(),
    });
    expect(listed.json().items.map((p: { id: string }) => p.id)).toContain(person.id);
    const before = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.id}`,
      headers: await headers(),
      payload: { terminationDate: '2019-01-01' },
    });
    expect(before.statusCode).toBe(400);
    expect(before.json().error.issues[0].path).toEqual(['body', 'terminationDate']);
  });

  it('refuses practices of another DSO as unknown', async () => {
    const deps = testDeps(get().handle);
    const other = await buildDso(deps);
    const foreign = await buildPractice(deps, other.id);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: await headers(),
      payload: {
        firstName: 'A',
        lastName: 'B',
        email: 'x1@example.com',
        jobRole: 'it',
        practiceIds: [foreign.id],
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues[0].path).toEqual(['body', 'practiceIds', 0]);
  });

  it.each([
    [
      { firstName: 'A', lastName: 'B', email: 'not-an-email', jobRole: 'it', practiceIds: [] },
      ['body', 'email'],
    ],
    [
      { firstName: 'A', lastName: 'B', email: 'a@b.co', jobRole: 'wizard', practiceIds: [] },
      ['body', 'jobRole'],
    ],
    [
      { firstName: 'A', lastName: 'B', email: 'a@b.co', jobRole: 'it', practiceIds: ['nope'] },
      ['body', 'practiceIds', 0],
    ],
    [
      {
        firstName: 'A',
        lastName: 'B',
        email: 'a@b.co',
        jobRole: 'it',
        practiceIds: [],
        hireDate: '2026-02-30',
      },
      ['body', 'hireDate'],
    ],
    [
      { firstName: '', lastName: 'B', email: 'a@b.co', jobRole: 'it', practiceIds: [] },
      ['body', 'firstName'],
    ],
  ])('rejects %j naming the field', async (payload, path) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: await headers(),
      payload,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues.map((i: { path: unknown }) => i.path)).toContainEqual(path);
  });

  it('pages people by last name with a stable cursor', async () => {
    const deps = testDeps(get().handle);
    const fresh = (await buildDso(deps)).id;
    for (const [first, last] of [
      ['Ann', 'Zeta'],
      ['Bob', 'Alpha'],
      ['Cy', 'Mu'],
      ['Di', 'Alpha'],
      ['Ed', 'Kappa'],
    ] as const) {
      await buildPerson(deps, fresh, { firstName: first, lastName: last, email: `${first}@p.example.com` });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/people?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (
        await app.inject({ method: 'GET', url, headers: await authAs(get().handle, fresh) })
      ).json();
      seen.push(
        ...page.items.map((p: { firstName: string; lastName: string }) => `${p.lastName} ${p.firstName}`),
      );
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Alpha Bob', 'Alpha Di', 'Kappa Ed', 'Mu Cy', 'Zeta Ann']);
  });

  it('keeps names, emails and search terms out of the logs', async () => {
    await app.inject({ method: 'GET', url: '/api/v1/people?search=Gonzalez', headers: await headers() });
    const logs = capturedLogs.join('');
    expect(logs).toContain('"path":"/api/v1/people"');
    for (const secret of ['Gonzalez', 'gonzalez', 'maria.gonzalez@example.com'])
      expect(logs).not.toContain(secret);
  });
});
