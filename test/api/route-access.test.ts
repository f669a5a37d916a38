import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissionMatrix, type Role, roles } from '../../src/modules/identity/identity.roles.ts';
import { type ApiRoute, collectApiRoute } from '../../src/platform/http/access.ts';
import { buildDso, buildPerson, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { openTestDatabase, type TestDatabase } from '../harness/db.ts';
import { part as assessment } from './route-table/assessment.ts';
import { part as controls } from './route-table/controls.ts';
import { part as phishingCampaigns } from './route-table/phishing-campaigns.ts';
import { part as phishingReporting } from './route-table/phishing-reporting.ts';
import { part as phishingResults } from './route-table/phishing-results.ts';
import { part as phishingSending } from './route-table/phishing-sending.ts';
import { part as phishingTemplates } from './route-table/phishing-templates.ts';
import { part as policies } from './route-table/policies.ts';
import { part as reports } from './route-table/reports.ts';
import { part as risks } from './route-table/risks.ts';
import type { Case, Ids, RouteTablePart } from './route-table/types.ts';

/**
 * The route table: every API route must appear here with how another tenant's call is answered.
 * A route missing from the table fails the suite, so a new route cannot skip the isolation checks.
 */
const baseTable: Record<string, Case> = {
  'GET /api/v1/setup': { kind: 'public', why: 'tells only whether first-run setup is still open' },
  'POST /api/v1/setup': { kind: 'public', why: 'works only while no administrator exists' },
  'POST /api/v1/auth/sign-in': { kind: 'public', why: 'signing in' },
  'POST /api/v1/auth/setup-link': { kind: 'public', why: 'needs a one-time token' },
  'POST /api/v1/auth/password-reset': {
    kind: 'public',
    why: 'answers 202 for any address; the link goes only to the account owner',
  },
  'POST /api/v1/auth/password-reset/confirm': { kind: 'public', why: 'needs a one-time emailed token' },
  'POST /api/v1/auth/magic-link': {
    kind: 'public',
    why: 'answers 202 for any address; the link goes only to the account owner',
  },
  'POST /api/v1/auth/magic-link/verify': { kind: 'public', why: 'needs a one-time emailed token' },
  'GET /api/v1/me': { kind: 'own', why: "answers the caller's own account" },
  'POST /api/v1/auth/sign-out': { kind: 'own', why: "ends the caller's own session" },
  'POST /api/v1/auth/sign-out-everywhere': { kind: 'own', why: "ends the caller's own sessions" },
  'GET /api/v1/auth/sessions': { kind: 'own', why: "lists the caller's own sessions" },
  'DELETE /api/v1/auth/sessions/:id': { kind: 'own', why: 'only ids from the caller’s own list match' },
  'POST /api/v1/auth/password': { kind: 'own', why: "changes the caller's own password" },
  'POST /api/v1/auth/mfa/enrol': { kind: 'own', why: "the caller's own MFA" },
  'POST /api/v1/auth/mfa/enrol/confirm': { kind: 'own', why: "the caller's own MFA" },
  'POST /api/v1/auth/mfa/verify': { kind: 'own', why: "the caller's own MFA" },
  'GET /api/v1/auth/passkeys': { kind: 'own', why: "lists the caller's own passkeys" },
  'POST /api/v1/auth/passkeys/register/options': { kind: 'own', why: 'registers a passkey for the caller' },
  'POST /api/v1/auth/passkeys/register/verify': { kind: 'own', why: 'registers a passkey for the caller' },
  'DELETE /api/v1/auth/passkeys/:id': {
    kind: 'own',
    why: "only the caller's own passkeys match; another's answers 404",
  },
  'POST /api/v1/auth/passkeys/mfa/options': { kind: 'own', why: "the caller's own passkeys as MFA" },
  'POST /api/v1/auth/passkeys/mfa/verify': { kind: 'own', why: "the caller's own passkeys as MFA" },
  'POST /api/v1/auth/passkeys/sign-in/options': {
    kind: 'public',
    why: 'a single-use challenge that names no account',
  },
  'POST /api/v1/auth/passkeys/sign-in/verify': {
    kind: 'public',
    why: 'needs a signature by a registered passkey over a fresh challenge',
  },
  'GET /api/v1/dso': { kind: 'list', url: '/api/v1/dso', hidden: (ids) => ids.dso },
  'PATCH /api/v1/dso': { kind: 'own', why: "always the caller's own DSO" },
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
  'GET /api/v1/users': { kind: 'list', url: '/api/v1/users', hidden: (ids) => ids.user },
  'POST /api/v1/users': {
    kind: 'create',
    url: '/api/v1/users',
    payload: (ids) => ({
      email: 'pm@mine.example',
      displayName: 'PM',
      role: 'practice_manager',
      practiceIds: [ids.practice],
    }),
  },
  'GET /api/v1/users/:id': { kind: 'resource', url: (ids) => `/api/v1/users/${ids.user}` },
  'PATCH /api/v1/users/:id': {
    kind: 'resource',
    url: (ids) => `/api/v1/users/${ids.user}`,
    payload: { displayName: 'X' },
  },
  'POST /api/v1/users/:id/sign-out': { kind: 'resource', url: (ids) => `/api/v1/users/${ids.user}/sign-out` },
  'GET /api/v1/tokens': { kind: 'list', url: '/api/v1/tokens', hidden: (ids) => ids.token },
  'POST /api/v1/tokens': {
    kind: 'createsOwn',
    url: '/api/v1/tokens',
    payload: { name: 'Victim shipper', scopes: ['people:read'] },
    list: '/api/v1/tokens',
  },
  'DELETE /api/v1/tokens/:id': { kind: 'resource', url: (ids) => `/api/v1/tokens/${ids.token}` },
  'GET /api/v1/audit-events': { kind: 'list', url: '/api/v1/audit-events', hidden: (ids) => ids.practice },
  'GET /api/v1/audit-events/export': {
    kind: 'list',
    url: '/api/v1/audit-events/export?format=json',
    hidden: (ids) => ids.practice,
  },
  'GET /api/v1/audit-events/anchor': {
    kind: 'list',
    url: '/api/v1/audit-events/anchor',
    hidden: (ids) => ids.dso,
  },
  'GET /api/v1/auth/sso': { kind: 'public', why: 'names the enabled sign-in providers for the sign-in page' },
  'GET /api/v1/auth/sso/:id/start': { kind: 'public', why: 'redirects to the provider; needs no account' },
  'GET /api/v1/auth/sso/:id/callback': {
    kind: 'public',
    why: 'needs the flow cookie and the provider’s signed answer',
  },
  'GET /api/v1/sso/providers': {
    kind: 'list',
    url: '/api/v1/sso/providers',
    hidden: (ids) => ids.ssoProvider,
  },
  'POST /api/v1/sso/providers': {
    kind: 'createsOwn',
    url: '/api/v1/sso/providers',
    payload: {
      name: 'Attacker IdP',
      kind: 'google',
      issuerUrl: 'https://accounts.google.com',
      clientId: 'attacker',
      clientSecret: 'attacker secret',
      allowedDomains: ['attacker.example'],
    },
    list: '/api/v1/sso/providers',
  },
  'PATCH /api/v1/sso/providers/:id': {
    kind: 'resource',
    url: (ids) => `/api/v1/sso/providers/${ids.ssoProvider}`,
    payload: { name: 'Taken' },
  },
  'DELETE /api/v1/sso/providers/:id': {
    kind: 'resource',
    url: (ids) => `/api/v1/sso/providers/${ids.ssoProvider}`,
  },
};

const parts: readonly RouteTablePart[] = [
  assessment,
  risks,
  controls,
  policies,
  reports,
  phishingTemplates,
  phishingCampaigns,
  phishingSending,
  phishingResults,
  phishingReporting,
];
const table: Record<string, Case> = Object.assign({}, baseTable, ...parts.map((p) => p.entries));

function concreteUrl(url: string): string {
  if (url.includes('/auth/sessions/')) return url.replace(':id', '0123456789abcdef');
  return url.replace(/:[A-Za-z]+/g, '01900000-0000-7000-8000-000000000001');
}

describe('access control, route by route', () => {
  let app: FastifyInstance;
  let db: TestDatabase & { drop(): Promise<void> };
  let victim: Ids;
  let attacker: string;

  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    ({ app } = await createTestApp(db.handle));
    const deps = testDeps(db.handle);
    const dso = await buildDso(deps);
    const practice = await buildPractice(deps, dso.id, { name: 'Victim Dental' });
    const person = await buildPerson(deps, dso.id, {
      practiceIds: [practice.id],
      email: 'victim@victim.example',
    });
    const admin = await authAs(db.handle, dso.id);
    const region = await app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: admin,
      payload: { name: 'Victim Region' },
    });
    const user = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        email: 'victim.pm@victim.example',
        displayName: 'Victim PM',
        role: 'practice_manager',
        practiceIds: [practice.id],
      },
    });
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: admin,
      payload: { name: 'Victim token', scopes: ['people:read'] },
    });
    const ssoProvider = await app.inject({
      method: 'POST',
      url: '/api/v1/sso/providers',
      headers: admin,
      payload: {
        name: 'Victim IdP',
        kind: 'entra',
        issuerUrl: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
        clientId: 'victim',
        clientSecret: 'victim secret',
        allowedDomains: ['victim.example'],
      },
    });
    victim = {
      dso: dso.id,
      practice: practice.id,
      person: person.id,
      region: region.json().id,
      user: user.json().user.id,
      token: token.json().token.id,
      ssoProvider: ssoProvider.json().id,
      extra: {},
    };
    for (const p of parts) {
      if (p.setup) Object.assign(victim.extra, await p.setup({ app, handle: db.handle, admin, ids: victim }));
    }
    attacker = (await buildDso(deps)).id;
  });
  afterAll(async () => db.drop());

  it('has an entry for every registered API route', () => {
    const registered = app.apiRoutes.map((route) => `${route.method} ${route.url}`);
    expect(registered.filter((key) => !(key in table))).toEqual([]);
    expect(Object.keys(table).filter((key) => !registered.includes(key))).toEqual([]);
  });

  it('answers 401 to every non-public route without a session or token', async () => {
    for (const route of app.apiRoutes.filter((r) => r.scope !== 'public')) {
      const response = await app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route.url),
        payload: {},
      });
      expect([route.url, response.statusCode]).toEqual([route.url, 401]);
    }
  });

  it('answers 403 to each role below a route’s permission', async () => {
    for (const route of app.apiRoutes.filter((r) => r.scope === 'dso')) {
      const denied = roles.filter((role) => !permissionMatrix[route.permission].includes(role));
      for (const role of denied) {
        const headers = await authAs(db.handle, attacker, role as Role);
        const response = await app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers,
          payload: {},
        });
        expect([route.method, route.url, role, response.statusCode]).toEqual([
          route.method,
          route.url,
          role,
          403,
        ]);
      }
    }
  });

  it('tells each role its permissions from the same matrix the hook enforces', async () => {
    for (const role of roles) {
      const me = await app.inject({
        url: '/api/v1/me',
        headers: await authAs(db.handle, attacker, role as Role),
      });
      const expected = (Object.keys(permissionMatrix) as (keyof typeof permissionMatrix)[]).filter(
        (permission) =>
          !['public', 'self'].includes(permission) && permissionMatrix[permission].includes(role),
      );
      expect([role, me.json().permissions]).toEqual([role, expected]);
    }
  });

  it('refuses a cookie-authenticated change without the CSRF header', async () => {
    const { cookie } = await authAs(db.handle, victim.dso);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: { cookie: cookie as string },
      payload: { name: 'CSRF' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('AUTH_CSRF');
  });

  for (const [key, entry] of Object.entries(table)) {
    const [method, url] = key.split(' ') as [string, string];
    it(`${key}: another DSO cannot reach this DSO's data (${entry.kind})`, async () => {
      const as = await authAs(db.handle, attacker);
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
          const url = typeof entry.url === 'string' ? entry.url : entry.url(victim);
          const response = await app.inject({ method: 'GET', url, headers: as });
          expect(response.statusCode).toBe(200);
          expect(response.body).not.toContain(entry.hidden(victim));
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
          expect(response.body).toContain('not found');
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
          const victimList = await app.inject({
            url: entry.list,
            headers: await authAs(db.handle, victim.dso),
          });
          const body = response.json();
          expect(victimList.body).not.toContain(body.id ?? body.token.id);
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
        case 'custom':
          expect(entry.why.length).toBeGreaterThan(5);
          await entry.check({ app, as, ids: victim });
          return;
        case 'own':
        case 'public':
          expect(entry.why.length).toBeGreaterThan(5);
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
