import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildDso, buildPerson, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

describeEachDialect('practice managers act only inside their practices', (get) => {
  let app: FastifyInstance;
  let mine: string;
  let theirs: string;
  let ownPerson: string;
  let otherPerson: string;
  let shared: string;
  let manager: Record<string, string>;

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle));
    const deps = testDeps(get().handle);
    const dso = (await buildDso(deps)).id;
    mine = (await buildPractice(deps, dso, { name: 'North Office' })).id;
    theirs = (await buildPractice(deps, dso, { name: 'South Office' })).id;
    ownPerson = (await buildPerson(deps, dso, { practiceIds: [mine] })).id;
    otherPerson = (await buildPerson(deps, dso, { practiceIds: [theirs] })).id;
    shared = (await buildPerson(deps, dso, { practiceIds: [mine, theirs] })).id;
    manager = await authAs(get().handle, dso, 'practice_manager', [mine]);
  });

  it('lists only their practices and people', async () => {
    const practices = (await app.inject({ url: '/api/v1/practices', headers: manager })).json().items;
    expect(practices.map((p: { id: string }) => p.id)).toEqual([mine]);
    const people = (await app.inject({ url: '/api/v1/people?limit=200', headers: manager })).json().items;
    const ids = people.map((p: { id: string }) => p.id);
    expect(ids).toContain(ownPerson);
    expect(ids).toContain(shared);
    expect(ids).not.toContain(otherPerson);
    const summary = (await app.inject({ url: '/api/v1/summary', headers: manager })).json();
    expect(summary.practices.total).toBe(1);
    expect(summary.people.total).toBe(2);
  });

  it('answers 404 for another practice and its people, on read and write', async () => {
    for (const url of [`/api/v1/practices/${theirs}`, `/api/v1/people/${otherPerson}`]) {
      expect((await app.inject({ url, headers: manager })).statusCode).toBe(404);
      expect((await app.inject({ method: 'PATCH', url, headers: manager, payload: {} })).statusCode).toBe(
        404,
      );
    }
  });

  it('cannot add practices, nor place people in another practice', async () => {
    const practice = await app.inject({
      method: 'POST',
      url: '/api/v1/practices',
      headers: manager,
      payload: { name: 'New', state: 'TX', timeZone: 'America/Chicago' },
    });
    expect(practice.statusCode).toBe(403);
    const person = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: manager,
      payload: {
        firstName: 'A',
        lastName: 'B',
        email: 'ab@scope.example',
        jobRole: 'assistant',
        practiceIds: [theirs],
      },
    });
    expect(person.statusCode).toBe(400);
    expect(person.json().error.issues[0].path).toEqual(['body', 'practiceIds', 0]);
  });

  it('changes only memberships inside their practices', async () => {
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${shared}`,
      headers: manager,
      payload: { practiceIds: [] },
    });
    expect(response.statusCode).toBe(200);
    const admin = await authAs(
      get().handle,
      (
        await get()
          .handle.db.selectFrom('practices')
          .select('dsoId')
          .where('id', '=', mine)
          .executeTakeFirstOrThrow()
      ).dsoId,
    );
    const person = (await app.inject({ url: `/api/v1/people/${shared}`, headers: admin })).json();
    expect(person.practices.map((p: { id: string }) => p.id)).toEqual([theirs]);
  });
});
