import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { buildDso, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect, openTestDatabase } from '../harness/db.ts';

describeEachDialect('probes and context', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle));
  });

  it('answers /healthz and /readyz', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', dialect: get().dialect });
  });
});

describe('readiness with pending migrations', () => {
  let handle: ReturnType<typeof createDatabase>;
  afterAll(async () => handle.close());
  it('answers 503 naming the pending migration', async () => {
    handle = createDatabase({ dataDir: '.', sqliteFile: ':memory:' });
    const { app } = await createTestApp(handle);
    const response = await app.inject('/readyz');
    expect(response.statusCode).toBe(503);
    expect(response.json().reason).toContain('0001-organisation');
  });
});

describe('HTTP platform', () => {
  let app: FastifyInstance;
  let drop: () => Promise<void>;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    const db = await openTestDatabase('sqlite');
    drop = db.drop;
    handle = db.handle;
    ({ app } = await createTestApp(db.handle));
  });
  afterAll(async () => drop());

  it('serves Prometheus metrics', async () => {
    await app.inject('/healthz');
    const response = await app.inject('/metrics');
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('enamel_http_request_duration_seconds_bucket');
    expect(response.body).toContain('enamel_process_cpu_seconds_total');
  });

  it('publishes an OpenAPI 3.1 document with an operationId on every API route', async () => {
    const response = await app.inject('/api/docs/json');
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(
      doc.paths as Record<string, Record<string, { operationId?: string }>>,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, id: op.operationId })),
    );
    const api = operations.filter((op) => op.path.startsWith('/api/v1'));
    expect(api.length).toBeGreaterThanOrEqual(app.apiRoutes.length);
    expect(api.filter((op) => !op.id)).toEqual([]);
    expect(api.map((op) => op.id)).toContain('people.import');
    expect((await app.inject('/api/docs')).statusCode).toBeLessThan(400);
  });

  it('sets security headers and a request id', async () => {
    const response = await app.inject('/healthz');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with the error envelope', async () => {
    const response = await app.inject('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: {
        code: 'ROUTE_NOT_FOUND',
        message: 'No route answers GET /api/v1/nothing-here.',
        requestId: expect.any(String),
      },
    });
  });

  it('rejects unknown query parameters and bad ids naming them', async () => {
    const dso = await buildDso(testDeps(handle));
    const headers = await authAs(handle, dso.id);
    const bad = await app.inject({ url: '/api/v1/practices/not-a-uuid', headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toEqual(['params', 'id']);
    const unknown = await app.inject({ url: '/api/v1/practices?colour=red', headers });
    expect(unknown.json().error.issues[0]).toMatchObject({
      path: ['querystring', 'colour'],
      code: 'unknown_field',
    });
  });

  it('rate-limits per client with 429 and Retry-After when configured', async () => {
    const db = await openTestDatabase('sqlite');
    const { app: limited } = await createTestApp(db.handle, { ENAMEL_RATE_LIMIT: '3' });
    for (let i = 0; i < 3; i++) expect((await limited.inject('/healthz')).statusCode).toBe(200);
    const blocked = await limited.inject('/healthz');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    await db.drop();
  });
});
