import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

const header = 'email,firstName,lastName,jobRole,practices,hireDate,terminationDate,tags';

describeEachDialect('people import API', (get) => {
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle));
  });

  async function freshDso() {
    const deps = testDeps(get().handle);
    const dso = await buildDso(deps);
    await buildPractice(deps, dso.id, { name: 'Lakeside Family Dental' });
    await buildPractice(deps, dso.id, { name: 'Hillcrest Smiles' });
    return dso.id;
  }

  const post = async (dsoId: string, csv: string, query = '') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/people/import${query}`,
      headers: { ...(await authAs(get().handle, dsoId)), 'content-type': 'text/csv' },
      payload: csv,
    });
  const count = async (dsoId: string) =>
    (
      await app.inject({
        method: 'GET',
        url: '/api/v1/people?limit=200',
        headers: await authAs(get().handle, dsoId),
      })
    ).json().items.length;

  it('imports a CSV with BOM, CRLF and quoted fields, then is idempotent by email', async () => {
    const dsoId = await freshDso();
    const csv =
      `\ufeff${header}\r\n` +
      `ana@x.example,Ana,"O'Neil, Jr.",hygienist,Lakeside Family Dental,2020-02-01,,security-champion\r\n` +
      `ben@x.example,Ben,Ng,Front Desk,"lakeside family dental; Hillcrest Smiles",,,\r\n` +
      `cy@x.example,Cy,Diaz,DDS,Hillcrest Smiles,2019-05-05,2026-01-15,\r\n`;
    const dry = await post(dsoId, csv, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toEqual({
      dryRun: true,
      rows: 3,
      summary: { create: 3, update: 0, terminate: 0, unchanged: 0 },
    });
    expect(await count(dsoId)).toBe(0);

    const real = await post(dsoId, csv);
    expect(real.json().summary).toEqual({ create: 3, update: 0, terminate: 0, unchanged: 0 });
    const people = (
      await app.inject({ method: 'GET', url: '/api/v1/people', headers: await authAs(get().handle, dsoId) })
    ).json().items;
    const ben = people.find((p: { email: string }) => p.email === 'ben@x.example');
    expect(ben.jobRole).toBe('front_desk');
    expect(ben.practices).toHaveLength(2);
    expect(people.find((p: { email: string }) => p.email === 'cy@x.example').status).toBe('terminated');
    expect(people.find((p: { email: string }) => p.email === 'ana@x.example').lastName).toBe("O'Neil, Jr.");

    const again = await post(dsoId, csv);
    expect(again.json().summary).toEqual({ create: 0, update: 0, terminate: 0, unchanged: 3 });

    const changed = `${header}\nana@x.example,Ana,O'Neil,hygienist,Hillcrest Smiles,2020-02-01,,\nben@x.example,Ben,Ng,front_desk,Lakeside Family Dental,,2026-10-01,\n`;
    const diff = await post(dsoId, changed, '?terminateMissing=true&dryRun=true');
    // cy is already terminated, so the roster sync has nothing more to terminate.
    expect(diff.json().summary).toEqual({ create: 0, update: 1, terminate: 1, unchanged: 0 });
  });

  it('terminates people missing from the file only when asked', async () => {
    const dsoId = await freshDso();
    await post(
      dsoId,
      `${header}\na@y.example,A,A,it,Hillcrest Smiles,,,\nb@y.example,B,B,it,Hillcrest Smiles,,,\n`,
    );
    const partial = `${header}\na@y.example,A,A,it,Hillcrest Smiles,,,\n`;
    expect((await post(dsoId, partial)).json().summary.terminate).toBe(0);
    expect((await post(dsoId, partial, '?terminateMissing=true')).json().summary.terminate).toBe(1);
    const b = (
      await app.inject({
        method: 'GET',
        url: '/api/v1/people?search=b@y',
        headers: await authAs(get().handle, dsoId),
      })
    ).json().items[0];
    expect(b).toMatchObject({ status: 'terminated', terminationDate: '2026-11-02' });
  });

  it('reports every problem of every row with line and column, and writes nothing', async () => {
    const dsoId = await freshDso();
    const csv = [
      header,
      'good@z.example,Good,Row,assistant,Lakeside Family Dental,,,',
      'not-an-email,Bad,Email,assistant,Lakeside Family Dental,,,',
      'dup@z.example,Dup,One,assistant,Lakeside Family Dental,,,',
      'DUP@z.example,Dup,Two,assistant,Lakeside Family Dental,,,',
      'x@z.example,,Nofirst,astronaut,Mars Dental,2020-13-01,,',
      'short@z.example,Too,Short',
    ].join('\n');
    const response = await post(dsoId, csv);
    expect(response.statusCode).toBe(422);
    const { error } = response.json();
    expect(error.code).toBe('IMPORT_INVALID');
    const brief = error.issues.map(
      (i: { line: number; column: string; code: string }) => `${i.line}:${i.column}:${i.code}`,
    );
    expect(brief).toEqual([
      '3:email:invalid_email',
      '5:email:duplicate_email',
      '6:firstName:required',
      '6:jobRole:invalid_job_role',
      '6:practices:unknown_practice',
      '6:hireDate:invalid_date',
      '7::wrong_field_count',
    ]);
    expect(error.issues[1].message).toContain('line 4');
    expect(await count(dsoId)).toBe(0);
  });

  it.each([
    [
      'a header without required columns',
      'email,first\nx@y.example,X',
      [
        '1:first:unknown_column',
        '1:firstName:missing_column',
        '1:lastName:missing_column',
        '1:jobRole:missing_column',
        '1:practices:missing_column',
      ],
    ],
    ['an empty file', '', ['1::empty_file']],
    [
      'an unclosed quote',
      `${header}\n"x@y.example,X,Y,it,Hillcrest Smiles,,,\n`,
      ['2::CSV_QUOTE_NOT_CLOSED'],
    ],
  ])('rejects %s', async (_name, csv, expected) => {
    const response = await post(await freshDso(), csv);
    expect(response.statusCode).toBe(422);
    expect(
      response
        .json()
        .error.issues.map(
          (i: { line: number; column: string; code: string }) => `${i.line}:${i.column}:${i.code}`,
        ),
    ).toEqual(expected);
  });

  it('rejects 50,001 rows naming the limit, and accepts 50,000 in a dry run', async () => {
    const dsoId = await freshDso();
    const rows = (n: number) => {
      const lines = [header];
      for (let i = 0; i < n; i++) lines.push(`p${i}@big.example,P${i},Q,assistant,Hillcrest Smiles,,,`);
      return lines.join('\n');
    };
    const over = await post(dsoId, rows(50_001));
    expect(over.statusCode).toBe(422);
    expect(over.json().error.issues).toEqual([
      expect.objectContaining({
        line: 50_002,
        code: 'too_many_rows',
        message: expect.stringContaining('50000'),
      }),
    ]);
    const ok = await post(dsoId, rows(50_000), '?dryRun=true');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().summary.create).toBe(50_000);
  });

  it('refuses a JSON body on the import route with 415', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/people/import',
      headers: { ...(await authAs(get().handle, await freshDso())), 'content-type': 'application/xml' },
      payload: '<people/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});
