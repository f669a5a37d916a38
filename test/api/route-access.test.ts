import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiRoute, collectApiRoute } from '../../src/platform/http/access.ts';
import { buildDso, buildPerson, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { openTestDatabase } from '../harness/db.ts';

/**
 * The route table: every API route must appear here with how another tenant's call is answered.
 * A route missing from the table fails the suite, so a new route cannot skip the isolation check.
 */
type Ids = { practice: string; person: string; region: string; dso: string };
type Case =
  | { kind: 'resource'; url: (ids: Ids) => string; payload?: object }
  | { kind: 'list'; url: string; hidden: (ids: Ids) => string }
  | { kind: 'create'; url: string; payload: (ids: Ids) => object }
  | { kind: 'createsOwn'; url: string; payload: object; list: string }
  | { kind: 'import' }
  | { kind: 'platform'; why: string };

const table: Record<string, Case> = {
  'GET /api/v1/me': { kind: 'platform', why: 'answers the caller its own context' },
  'GET /api/v1/dsos': {
    kind: 'platform',
    why: 'the local operator administers the installation until sign-in exists',
  },
  'POST /api/v1/dsos': { kind: 'platform', why: 'creating a DSO creates a new tenant' },
  'GET /api/v1/dsos/:id': { kind: 'platform', why: 'installation-wide until sign-in exists' },
  'PATCH /api/v1/dsos/:id': { kind: 'platform', why: 'installation-wide until sign-in exists' },
  'GET /api/v1/regions': { kind: 'list', url: '/api/v1/regions', hidden: (ids) => ids.region },
  'POST /api/v1/regions': {
    kind: 'createsOwn',
    url: '/api/v1/regions',
    payload: { name: 'Victim Region' },
    list: '/api/v1/regions',
  },
  'GET /api/v1/regions/:id': { kind: 'resource', url: (ids) => `/api/v1/regions/${ids.region}` },
  'PATCH /api/v1/regions/:id': {
    kind: 'resource',
    url: (ids) => `/api/v1/regions/${ids.region}`,
    payload: { name: 'Taken' },
  },
  'DELETE /api/v1/regions/:id': { kind: 'resource', url: (ids) => `/api/v1/regions/${ids.region}` },
  'GET /api/v1/summary': { kind: 'list', url: '/api/v1/summary', hidden: () => 'Victim Dental' },
  'GET /api/v1/practices': { kind: 'list', url: '/api/v1/practices', hidden: (ids) => ids.practice },
  'POST /api/v1/practices': {
    kind: 'create',
    url: '/api/v1/practices',
    payload: (ids) => ({ name: 'Mine', state: 'TX', timeZone: 'America/Chicago', regionId: ids.region }),
  },
  'GET /api/v1/practices/:id': { kind: 'resource', url: (ids) => `/api/v1/practices/${ids.practice}` },
  'PATCH /api/v1/practices/:id': {
    kind: 'resource',
    url: (ids) => `/api/v1/practices/${ids.practice}`,
    payload: { chairs: 1 },
  },
  'GET /api/v1/people': { kind: 'list', url: '/api/v1/people', hidden: (ids) => ids.person },
  'POST /api/v1/people': {
    kind: 'create',
    url: '/api/v1/people',
    payload: (ids) => ({
      firstName: 'A',
      lastName: 'B',
      email: 'a@mine.example',
      jobRole: 'it',
      practiceIds: [ids.practice],
    }),
  },
  'GET /api/v1/people/:id': { kind: 'resource', url: (ids) => `/api/v1/people/${ids.person}` },
  'PATCH /api/v1/people/:id': {
    kind: 'resource',
    url: (ids) => `/api/v1/people/${ids.person}`,
    payload: { firstName: 'X' },
  },
  'POST /api/v1/people/import': { kind: 'import' },
};

describe('tenant isolation, route by route', () => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let victim: Ids;
  let attacker: string;

  beforeAll(async () => {
    const db = await openTestDatabase('sqlite');
    drop = db.drop;
    ({ app } = await createTestApp(db.handle));
    const deps = testDeps(db.handle);
    const dso = await buildDso(deps);
    const practice = await buildPractice(deps, dso.id, { name: 'Victim Dental' });
    const person = await buildPerson(deps, dso.id, {
      practiceIds: [practice.id],
      email: 'victim@victim.example',
    });
    const region = await app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: { 'enamel-dso': dso.id },
      payload: { name: 'Victim Region' },
    });
    victim = { dso: dso.id, practice: practice.id, person: person.id, region: region.json().id };
    attacker = (await buildDso(deps)).id;
  });
  afterAll(async () => drop());

  it('has an entry for every registered API route, and every route declares a permission', () => {
    const registered = app.apiRoutes.map((route) => `${route.method} ${route.url}`);
    expect(registered.filter((key) => !(key in table))).toEqual([]);
    expect(Object.keys(table).filter((key) => !registered.includes(key))).toEqual([]);
    expect(app.apiRoutes.every((route) => route.permission.includes(':'))).toBe(true);
  });

  for (const [key, entry] of Object.entries(table)) {
    const [method, url] = key.split(' ') as [string, string];
    it(`${key}: another DSO cannot reach this DSO's data (${entry.kind})`, async () => {
      const as = { 'enamel-dso': attacker };
      switch (entry.kind) {
        case 'resource': {
          const response = await app.inject({
            method: method as 'GET',
            url: entry.url(victim),
            headers: as,
            ...(entry.payload ? { payload: entry.payload } : {}),
          });
          expect(response.statusCode).toBe(404);
          expect(response.json().error.code).toBe('NOT_FOUND');
          return;
        }
        case 'list': {
          const response = await app.inject({ method: 'GET', url: entry.url, headers: as });
          expect(response.statusCode).toBe(200);
          expect(JSON.stringify(response.json())).not.toContain(entry.hidden(victim));
          return;
        }
        case 'create': {
          const response = await app.inject({
            method: 'POST',
            url: entry.url,
            headers: as,
            payload: entry.payload(victim),
          });
          // Referencing another DSO's region or practice is refused as unknown, never linked.
          expect(response.statusCode).toBe(400);
          expect(JSON.stringify(response.json())).toContain('not found');
          return;
        }
        case 'createsOwn': {
          const response = await app.inject({
            method: 'POST',
            url: entry.url,
            headers: as,
            payload: entry.payload,
          });
          expect(response.statusCode).toBe(201);
          const victimList = await app.inject({ url: entry.list, headers: { 'enamel-dso': victim.dso } });
          expect(JSON.stringify(victimList.json())).not.toContain(response.json().id);
          return;
        }
        case 'import': {
          const csv =
            'email,firstName,lastName,jobRole,practices\nvictim@victim.example,X,Y,it,Victim Dental\n';
          const response = await app.inject({
            method: 'POST',
            url,
            headers: { ...as, 'content-type': 'text/csv' },
            payload: csv,
          });
          expect(response.statusCode).toBe(422);
          expect(response.json().error.issues[0].code).toBe('unknown_practice');
          return;
        }
        case 'platform':
          expect(entry.why.length).toBeGreaterThan(10);
          return;
      }
    });
  }
});

describe('deny by default', () => {
  it('refuses to register an API route without a known access declaration', () => {
    const routes: ApiRoute[] = [];
    expect(() => collectApiRoute({ method: 'GET', url: '/api/v1/secrets', config: {} }, routes)).toThrow(
      /declares no known access/,
    );
    expect(() =>
      collectApiRoute(
        {
          method: 'GET',
          url: '/api/v1/secrets',
          config: { access: { permission: 'made:up' as never, scope: 'dso' } },
        },
        routes,
      ),
    ).toThrow(/declares no known access/);
    collectApiRoute(
      {
        method: ['GET', 'HEAD'],
        url: '/api/v1/practices',
        config: { access: { permission: 'practices:read', scope: 'dso' } },
      },
      routes,
    );
    collectApiRoute({ method: 'GET', url: '/healthz', config: {} }, routes);
    expect(routes).toEqual([
      { method: 'GET', url: '/api/v1/practices', permission: 'practices:read', scope: 'dso' },
    ]);
  });
});
