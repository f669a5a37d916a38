import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { record } from '../../src/modules/audit/index.ts';
import type { ServiceDeps } from '../../src/platform/context.ts';
import { buildDso, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

interface Item {
  id: string;
  seq: number;
  dsoId: string;
  occurredAt: string;
  actorType: string;
  actorLabel: string;
  ip: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcome: string;
  changedFields: string[];
  detail: Record<string, number> | null;
  hash: string;
}

const phone = '(214) 555-0199';
const email = 'jordan.private@lakeside.example';

describeEachDialect('audit trail API', (get) => {
  let app: FastifyInstance;
  let clock: Awaited<ReturnType<typeof createTestApp>>['clock'];
  let deps: ServiceDeps;
  let dsoId: string;
  let otherDsoId: string;
  let practiceId: string;
  const as = (dso = dsoId) => authAs(get().handle, dso);
  const list = async (query: string, dso = dsoId) => {
    const response = await app.inject({ url: `/api/v1/audit-events${query}`, headers: await as(dso) });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: Item[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    ({ app, clock } = await createTestApp(get().handle));
    deps = testDeps(get().handle);
    dsoId = (await buildDso(deps)).id;
    otherDsoId = (await buildDso(deps)).id;
  });

  it('records creating a practice with the actor, action and field names, never the values', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/practices',
      headers: { ...(await as()), 'user-agent': 'audit-test/1.0' },
      payload: {
        name: 'Lakeside Family Dental',
        state: 'TX',
        timeZone: 'America/Chicago',
        phone,
        city: 'Dallas',
      },
    });
    expect(created.statusCode).toBe(201);
    practiceId = created.json().id;
    const { items } = await list('?action=practices.create');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      dsoId,
      seq: 1,
      occurredAt: '2026-11-02T15:00:00.000Z',
      actorType: 'user',
      actorLabel: expect.stringMatching(/^dso_admin\..+@users\.example$/),
      ip: '127.0.0.1',
      userAgent: 'audit-test/1.0',
      action: 'practices.create',
      resourceType: 'practice',
      resourceId: practiceId,
      outcome: 'allowed',
      changedFields: ['city', 'name', 'phone', 'state', 'timeZone'],
      detail: null,
    });
  });

  it('records people changes and one entry per import with counts only; no personal data in any row', async () => {
    clock.advance(60_000);
    const person = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: await as(),
      payload: {
        firstName: 'Jordan',
        lastName: 'Privacy',
        email,
        jobRole: 'hygienist',
        practiceIds: [practiceId],
      },
    });
    expect(person.statusCode).toBe(201);
    clock.advance(60_000);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/people/${person.json().id}`,
      headers: await as(),
      payload: { lastName: 'Changed', tags: ['float'] },
    });
    expect(patched.statusCode).toBe(200);
    clock.advance(60_000);
    const csv = `email,firstName,lastName,jobRole,practices\nimported.one@lakeside.example,Ima,Ported,it,Lakeside Family Dental\n${email},Jordan,Privacy,hygienist,Lakeside Family Dental\n`;
    const imported = await app.inject({
      method: 'POST',
      url: '/api/v1/people/import',
      headers: { ...(await as()), 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(imported.statusCode).toBe(200);

    const { items } = await list('?resourceType=person');
    expect(items.map((item) => [item.action, item.changedFields, item.detail])).toEqual([
      ['people.import', [], { create: 1, rows: 2, terminate: 0, unchanged: 0, update: 1 }],
      ['people.update', ['lastName', 'tags'], null],
      ['people.create', ['email', 'firstName', 'jobRole', 'lastName', 'practiceIds'], null],
    ]);
    const rows = await get().handle.db.selectFrom('auditEvents').selectAll().execute();
    const stored = JSON.stringify(rows);
    for (const secret of [
      phone,
      email,
      'imported.one@lakeside.example',
      'Jordan',
      'Privacy',
      'Changed',
      'Dallas',
    ]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('filters by actor, action prefix, resource, outcome and time, and pages newest first', async () => {
    clock.advance(60_000);
    const actor = {
      type: 'user',
      id: 'u-42',
      label: 'officer@dso.example',
      ip: '10.0.0.9',
      userAgent: null,
    } as const;
    await record(deps.db, {
      dsoId,
      actor,
      action: 'people.export',
      resourceType: 'person',
      resourceId: null,
      occurredAt: clock.now().toISOString(),
      outcome: 'denied',
    });
    expect((await list('?actor=u-42')).items.map((i) => i.action)).toEqual(['people.export']);
    expect((await list('?actor=officer%40dso.example')).items).toHaveLength(1);
    expect((await list('?outcome=denied')).items.map((i) => i.outcome)).toEqual(['denied']);
    expect((await list('?action=people.*')).items.map((i) => i.action)).toEqual([
      'people.export',
      'people.import',
      'people.update',
      'people.create',
    ]);
    expect((await list(`?resourceId=${practiceId}`)).items.map((i) => i.action)).toEqual([
      'practices.create',
    ]);
    const window = await list('?from=2026-11-02T10:01:00-05:00&to=2026-11-02T15:03:00Z');
    expect(window.items.map((i) => i.action)).toEqual(['people.update', 'people.create']);

    const all = (await list('?limit=200')).items;
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await list(
        `?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.seq));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((i) => i.seq));
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(seen).toHaveLength(5);
  });

  it('refuses bad filters and cursors with 400 naming the field', async () => {
    const bad = await app.inject({ url: '/api/v1/audit-events?from=yesterday', headers: await as() });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toEqual(['querystring', 'from']);
    const cursor = await app.inject({ url: '/api/v1/audit-events?cursor=nonsense', headers: await as() });
    expect(cursor.json().error.code).toBe('CURSOR_INVALID');
  });

  it("never shows another DSO's entries, in lists, exports or anchors", async () => {
    await app.inject({
      method: 'POST',
      url: '/api/v1/regions',
      headers: await as(otherDsoId),
      payload: { name: 'Other Region' },
    });
    const other = await list('', otherDsoId);
    expect(other.items.map((i) => [i.dsoId, i.action])).toEqual([[otherDsoId, 'regions.create']]);
    const exported = await app.inject({
      url: '/api/v1/audit-events/export?format=json',
      headers: await as(otherDsoId),
    });
    expect(exported.body).not.toContain(practiceId);
    expect(exported.body).not.toContain(dsoId);
    const anchor = await app.inject({ url: '/api/v1/audit-events/anchor', headers: await as(otherDsoId) });
    expect(anchor.json().chains.map((c: { chainKey: string }) => c.chainKey)).toEqual([otherDsoId]);
  });

  it('exports CSV with a header row, RFC 4180 quoting and formula cells neutralized', async () => {
    await record(deps.db, {
      dsoId,
      actor: {
        type: 'token',
        id: null,
        label: '=HYPERLINK("http://evil.example","click, me")\nsecond line',
        ip: null,
        userAgent: '+cmd|calc',
      },
      action: 'tokens.use',
      resourceType: 'token',
      resourceId: '-1+1',
      occurredAt: clock.now().toISOString(),
    });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/practices/${practiceId}`,
      headers: { ...(await as()), 'user-agent': '@SUM(1,2) "quoted"' },
      payload: { chairs: 3 },
    });
    const response = await app.inject({ url: '/api/v1/audit-events/export?format=csv', headers: await as() });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="audit-events-2026-11-02.csv"',
    );
    expect(response.body.split('\r\n')[0]).toBe(
      'occurredAt,seq,id,actorType,actorId,actorLabel,ip,userAgent,action,resourceType,resourceId,outcome,changedFields,detail,prevHash,hash',
    );
    expect(response.body).toContain(
      `"'=HYPERLINK(""http://evil.example"",""click, me"")\nsecond line",,'+cmd|calc,tokens.use,token,'-1+1,`,
    );
    expect(response.body).toContain(`"'@SUM(1,2) ""quoted""",practices.update`);
    const rows = parse(response.body, { columns: true }) as Record<string, string>[];
    expect(rows.map((row) => Number(row.seq))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows.find((row) => row.action === 'people.import')?.detail).toBe(
      '{"create":1,"rows":2,"terminate":0,"unchanged":0,"update":1}',
    );
    expect(rows.find((row) => row.action === 'practices.update')?.changedFields).toBe('chairs');
    const label = rows.find((row) => row.action === 'tokens.use')?.actorLabel ?? '';
    expect(label.startsWith("'=")).toBe(true);
  });

  it('exports JSON oldest first with the same filters, and an anchor of the chain head', async () => {
    const response = await app.inject({
      url: '/api/v1/audit-events/export?format=json&action=practices.*',
      headers: await as(),
    });
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const items = response.json() as Item[];
    expect(items.map((i) => i.action)).toEqual(['practices.create', 'practices.update']);
    const empty = await app.inject({
      url: '/api/v1/audit-events/export?format=json&action=nothing.here',
      headers: await as(),
    });
    expect(empty.json()).toEqual([]);

    const newest = (await list('?limit=1')).items[0] as Item;
    const anchor = await app.inject({ url: '/api/v1/audit-events/anchor', headers: await as() });
    expect(anchor.statusCode).toBe(200);
    expect(anchor.json()).toEqual({
      kind: 'enamel-audit-anchor',
      version: 1,
      createdAt: clock.now().toISOString(),
      chains: [{ chainKey: dsoId, seq: newest.seq, hash: newest.hash, time: newest.occurredAt }],
    });
  });
});
