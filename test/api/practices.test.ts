import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildDso, buildPerson, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

describeEachDialect('practices API', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let otherDsoId: string;
  const headers = () => authAs(get().handle, dsoId);

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle));
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps)).id;
    otherDsoId = (await buildDso(deps)).id;
  });

  const create = async (body: unknown, dso = dsoId) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/practices',
      headers: await authAs(get().handle, dso),
      payload: body as object,
    });

  it('creates, reads, updates and lists a practice', async () => {
    const created = await create({
      name: 'Lakeside Family Dental',
      state: 'tx',
      timeZone: 'america/chicago',
      npi: '1234567893',
      chairs: 8,
      city: 'Dallas',
    });
    expect(created.statusCode).toBe(201);
    const practice = created.json();
    expect(practice).toMatchObject({
      name: 'Lakeside Family Dental',
      state: 'TX',
      timeZone: 'America/Chicago',
      chairs: 8,
      status: 'active',
      peopleCount: 0,
    });

    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/practices/${practice.id}`,
      headers: await headers(),
    });
    expect(read.json().name).toBe('Lakeside Family Dental');

    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/practices/${practice.id}`,
      headers: await headers(),
      payload: { status: 'onboarding', phone: null, chairs: 10 },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ status: 'onboarding', chairs: 10 });

    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/practices?search=lakeside',
      headers: await headers(),
    });
    expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['Lakeside Family Dental']);
  });

  it('answers 404 for a practice of another DSO, on read and on write', async () => {
    const practice = (
      await create({ name: 'Private Practice', state: 'CA', timeZone: 'America/Los_Angeles' })
    ).json();
    const other = await authAs(get().handle, otherDsoId);
    const read = await app.inject({ method: 'GET', url: `/api/v1/practices/${practice.id}`, headers: other });
    expect(read.statusCode).toBe(404);
    expect(read.json().error.code).toBe('NOT_FOUND');
    const write = await app.inject({
      method: 'PATCH',
      url: `/api/v1/practices/${practice.id}`,
      headers: other,
      payload: { chairs: 1 },
    });
    expect(write.statusCode).toBe(404);
    const list = await app.inject({ method: 'GET', url: '/api/v1/practices?search=private', headers: other });
    expect(list.json().items).toEqual([]);
  });

  it('rejects a duplicate name case-insensitively with 409 naming the field', async () => {
    await create({ name: 'Cedar Dental', state: 'CO', timeZone: 'America/Denver' });
    const again = await create({ name: 'cedar  dental', state: 'CO', timeZone: 'America/Denver' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.issues[0].path).toEqual(['body', 'name']);
  });

  it.each([
    [{ name: 'X', state: 'ZZ', timeZone: 'America/Chicago' }, ['body', 'state'], 'US state'],
    [{ name: 'X', state: 'TX', timeZone: 'Mars/Olympus' }, ['body', 'timeZone'], 'IANA time zone'],
    [
      { name: 'X', state: 'TX', timeZone: 'America/Chicago', npi: '1234567890' },
      ['body', 'npi'],
      'check digit',
    ],
    [{ name: 'X', state: 'TX', timeZone: 'America/Chicago', chairs: 'eight' }, ['body', 'chairs'], 'number'],
    [
      { name: 'X', state: 'TX', timeZone: 'America/Chicago', colour: 'blue' },
      ['body', 'colour'],
      'Unknown field "colour"',
    ],
    [{ state: 'TX', timeZone: 'America/Chicago' }, ['body', 'name'], 'name'],
  ])('rejects bad input %j with 400 naming the field', async (body, path, words) => {
    const response = await create(body);
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.issues.map((i: { path: unknown }) => i.path)).toContainEqual(path);
    expect([error.message, ...error.issues.map((i: { message: string }) => i.message)].join(' ')).toContain(
      words,
    );
  });

  it('rejects malformed JSON and oversize bodies without a 500', async () => {
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/v1/practices',
      headers: { ...(await headers()), 'content-type': 'application/json' },
      payload: '{"name": "x",',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('BODY_INVALID_JSON');
    const huge = await app.inject({
      method: 'POST',
      url: '/api/v1/practices',
      headers: { ...(await headers()), 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2_000_000), state: 'TX', timeZone: 'America/Chicago' }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('BODY_TOO_LARGE');
  });

  it('pages with a cursor in name order, both directions', async () => {
    const fresh = (await buildDso(testDeps(get().handle))).id;
    for (const name of [
      'Delta Dental Care',
      'Alpha Smiles',
      'Echo Orthodontics',
      'Bravo Family Dental',
      'Charlie Dental',
    ]) {
      expect((await create({ name, state: 'AZ', timeZone: 'America/Phoenix' }, fresh)).statusCode).toBe(201);
    }
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/practices?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (
        await app.inject({ method: 'GET', url, headers: await authAs(get().handle, fresh) })
      ).json();
      names.push(...page.items.map((p: { name: string }) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(names).toEqual([
      'Alpha Smiles',
      'Bravo Family Dental',
      'Charlie Dental',
      'Delta Dental Care',
      'Echo Orthodontics',
    ]);
    const desc = (
      await app.inject({
        method: 'GET',
        url: '/api/v1/practices?sort=-name&limit=3',
        headers: await authAs(get().handle, fresh),
      })
    ).json();
    expect(desc.items.map((p: { name: string }) => p.name)).toEqual([
      'Echo Orthodontics',
      'Delta Dental Care',
      'Charlie Dental',
    ]);
    const second = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/practices?sort=-name&limit=3&cursor=${desc.nextCursor}`,
        headers: await authAs(get().handle, fresh),
      })
    ).json();
    expect(second.items.map((p: { name: string }) => p.name)).toEqual([
      'Bravo Family Dental',
      'Alpha Smiles',
    ]);
    const wrongSort = await app.inject({
      method: 'GET',
      url: `/api/v1/practices?sort=state&cursor=${desc.nextCursor}`,
      headers: await authAs(get().handle, fresh),
    });
    expect(wrongSort.statusCode).toBe(400);
    expect(wrongSort.json().error.code).toBe('CURSOR_INVALID');
  });

  it('summarises practices, people and states for the overview', async () => {
    const fresh = (await buildDso(testDeps(get().handle))).id;
    const a = (await create({ name: 'A Dental', state: 'TX', timeZone: 'America/Chicago' }, fresh)).json();
    await create(
      { name: 'B Dental', state: 'CA', timeZone: 'America/Los_Angeles', status: 'onboarding' },
      fresh,
    );
    await create({ name: 'C Dental', state: 'TX', timeZone: 'America/Chicago', status: 'closed' }, fresh);
    await buildPerson(testDeps(get().handle), fresh, { practiceIds: [a.id] });
    await buildPerson(testDeps(get().handle), fresh, { practiceIds: [a.id], terminationDate: '2025-01-01' });
    const response = await app.inject({ url: '/api/v1/summary', headers: await authAs(get().handle, fresh) });
    expect(response.json()).toEqual({
      practices: { total: 3, active: 1, onboarding: 1, closed: 1 },
      people: { total: 2, active: 1, leave: 0, terminated: 1 },
      regions: 0,
      states: [
        { state: 'TX', practices: 1, people: 1 },
        { state: 'CA', practices: 1, people: 0 },
      ],
    });
  });
});
