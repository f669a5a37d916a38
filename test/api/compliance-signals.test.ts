import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

const now = '2026-11-02T15:00:00.000Z';

describeEachDialect('compliance signals API', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let north: string;
  let south: string;
  const admin = () => authAs(get().handle, dsoId, 'it_admin');
  const record = async (payload: object) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/compliance/signals/readings',
      headers: await admin(),
      payload,
    });
  const control = async (id: string) =>
    (await app.inject({ url: `/api/v1/compliance/controls/${id}`, headers: await admin() })).json();
  const readingCount = async () =>
    Number(
      (
        await get()
          .handle.db.selectFrom('signalReadings')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('dsoId', '=', dsoId)
          .executeTakeFirst()
      )?.n,
    );

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle));
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps)).id;
    north = (await buildPractice(deps, dsoId, { name: 'North Dental' })).id;
    south = (await buildPractice(deps, dsoId, { name: 'South Dental' })).id;
  });

  it('maps readings to controls: passing is ok, crossing the fail threshold is failing, an old reading is stale', async () => {
    const pass = await record({ signal: 'mfa-coverage', value: 99.2, observedAt: '2026-11-01T08:00:00Z' });
    expect(pass.statusCode).toBe(201);
    expect(pass.json().items[0]).toMatchObject({ signal: 'mfa-coverage', state: 'pass', source: 'manual' });
    for (const id of ['mfa-email', 'mfa-remote-access', 'mfa-admin']) {
      expect(await control(id)).toMatchObject({
        status: 'ok',
        signals: [{ signal: 'mfa-coverage', value: 99.2 }],
      });
    }
    const warn = await record({ signal: 'mfa-coverage', value: 95, observedAt: '2026-11-01T09:00:00Z' });
    expect(warn.json().items[0].state).toBe('warn');
    expect((await control('mfa-email')).reason).toContain('Warning: MFA coverage');

    // One practice below the fail threshold turns every linked control failing.
    const failing = await record({
      signal: 'mfa-coverage',
      practiceId: north,
      value: 85,
      observedAt: '2026-11-02T09:00:00Z',
    });
    expect(failing.json().items[0].state).toBe('fail');
    for (const id of ['mfa-email', 'mfa-remote-access', 'mfa-admin']) {
      expect(await control(id)).toMatchObject({
        status: 'failing',
        reason: 'MFA coverage breaches the fail threshold.',
        signals: [{ value: 85, state: 'fail' }],
      });
    }
    // A newer DSO-wide reading replaces the practice's reading.
    await record({ signal: 'mfa-coverage', value: 99.5, observedAt: '2026-11-02T10:00:00Z' });
    expect((await control('mfa-email')).status).toBe('ok');

    // A reading older than the 14-day maximum age turns EDR stale.
    const old = await record({ signal: 'edr-coverage', value: 100, observedAt: '2026-10-18T14:59:59Z' });
    expect(old.json().items[0].state).toBe('stale');
    expect(await control('edr-endpoints')).toMatchObject({
      status: 'stale',
      reason: 'EDR coverage has no recent reading.',
    });
    // Lower is better for counts: five KEV items past due fail both vulnerability controls.
    await record({ signal: 'kev-past-due', value: 5, observedAt: '2026-11-02T00:00:00Z' });
    expect((await control('kev-remediation')).status).toBe('failing');
    expect((await control('patch-critical')).status).toBe('failing');
  });

  it('lists definitions with thresholds and the latest DSO-wide and per-practice values', async () => {
    const response = await app.inject({ url: '/api/v1/compliance/signals', headers: await admin() });
    expect(response.statusCode).toBe(200);
    const mfa = response.json().items.find((s: { id: string }) => s.id === 'mfa-coverage');
    expect(mfa).toMatchObject({
      title: 'MFA coverage',
      unit: '%',
      direction: 'higher',
      warnAt: 98,
      failAt: 90,
      maxAgeDays: 35,
      value: 99.5,
      state: 'pass',
      controlIds: ['mfa-email', 'mfa-remote-access', 'mfa-admin'],
    });
    expect(mfa.readings).toEqual([
      expect.objectContaining({ practiceId: null, value: 99.5, state: 'pass' }),
      expect.objectContaining({ practiceId: north, practiceName: 'North Dental', value: 85, state: 'fail' }),
    ]);
    const training = response.json().items.find((s: { id: string }) => s.id === 'training-completion');
    expect(training).toMatchObject({ value: null, state: 'missing', readings: [] });
    // A practice manager sees DSO-wide readings and their own practices only.
    const manager = await app.inject({
      url: '/api/v1/compliance/signals',
      headers: await authAs(get().handle, dsoId, 'practice_manager', [south]),
    });
    expect(manager.body).not.toContain(north);
  });

  it('checks every reading and writes none unless all pass', async () => {
    const before = await readingCount();
    const response = await record({
      readings: [
        { signal: 'training-completion', value: 97, observedAt: '2026-11-01T00:00:00Z' },
        { signal: 'training-completion', value: 140, observedAt: '2026-11-01T00:00:00Z' },
        { signal: 'mfa-everywhere', value: 1, observedAt: '2026-11-01T00:00:00Z' },
        { signal: 'kev-past-due', value: 1.5, observedAt: '2026-11-03T00:00:00Z', practiceId: north },
      ],
    });
    expect(response.statusCode).toBe(400);
    expect(
      response.json().error.issues.map((i: { path: unknown[]; code: string }) => [i.path.join('.'), i.code]),
    ).toEqual([
      ['readings.1.value', 'out_of_range'],
      ['readings.2.signal', 'unknown_signal'],
      ['readings.3.value', 'out_of_range'],
      ['readings.3.observedAt', 'in_future'],
    ]);
    expect(await readingCount()).toBe(before);
    const many = await record({
      readings: [
        { signal: 'training-completion', value: 97, observedAt: '2026-11-01T00:00:00Z', practiceId: north },
        { signal: 'training-completion', value: 91, observedAt: '2026-11-01T00:00:00Z', practiceId: south },
      ],
    });
    expect(many.statusCode).toBe(201);
    expect(many.json().items.map((r: { state: string }) => r.state)).toEqual(['pass', 'warn']);
    expect(await readingCount()).toBe(before + 2);
  });

  it('imports CSV all or nothing, reporting every problem by line and column', async () => {
    const before = await readingCount();
    const post = async (csv: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/compliance/signals/import',
        headers: { ...(await admin()), 'content-type': 'text/csv' },
        payload: csv,
      });
    const bad = await post(
      [
        'signal,practice,value,observedAt',
        'phishing-fail-rate,,12.5,2026-10-30T00:00:00Z',
        'phishing-fail-rate,West Dental,lots,2026-10-30',
        'backup-restore-test-age,North Dental,-3,2026-10-30T00:00:00Z',
        'no-such-signal,,1,2026-10-30T00:00:00Z',
      ].join('\n'),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('IMPORT_INVALID');
    expect(
      bad
        .json()
        .error.issues.map((i: { line: number; column: string; code: string }) => [i.line, i.column, i.code]),
    ).toEqual([
      [3, 'value', 'invalid_number'],
      [3, 'practice', 'not_found'],
      [3, 'observedAt', 'invalid_date'],
      [4, 'value', 'out_of_range'],
      [5, 'signal', 'unknown_signal'],
    ]);
    expect(await readingCount()).toBe(before);

    const header = await post('signal,site,value,observedAt\nmfa-coverage,,1,2026-10-30T00:00:00Z\n');
    expect(header.json().error.issues).toEqual([
      expect.objectContaining({
        line: 1,
        column: 2,
        code: 'header',
        message: 'column 2 must be "practice", not "site"',
      }),
    ]);

    const good = await post(
      [
        'signal,practice,value,observedAt',
        'phishing-fail-rate,,12.5,2026-10-30T00:00:00Z',
        'phishing-fail-rate,South Dental,25,2026-10-30T00:00:00Z',
        `backup-restore-test-age,${north},20,2026-10-30T00:00:00Z`,
      ].join('\n'),
    );
    expect(good.statusCode).toBe(200);
    expect(good.json().imported).toBe(3);
    expect(
      good
        .json()
        .items.map((r: { practiceId: string | null; state: string; source: string }) => [
          r.practiceId,
          r.state,
          r.source,
        ]),
    ).toEqual([
      [null, 'warn', 'csv'],
      [south, 'fail', 'csv'],
      [north, 'pass', 'csv'],
    ]);
    expect(await readingCount()).toBe(before + 3);
    expect((await control('phishing-simulation')).status).toBe('failing');
    const trail = await get()
      .handle.db.selectFrom('auditEvents')
      .select(['action', 'detail'])
      .where('dsoId', '=', dsoId)
      .where('action', '=', 'signalReadings.import')
      .execute();
    expect(trail).toHaveLength(1);
    expect(JSON.parse(trail[0]?.detail ?? '{}')).toEqual({ readings: 3 });
    expect(now).toBe('2026-11-02T15:00:00.000Z');
  });
});
