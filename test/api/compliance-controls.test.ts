import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { controlCatalogue } from '../../src/modules/compliance/controls/catalogue.ts';
import { listControlStatuses } from '../../src/modules/compliance/controls/controls.service.ts';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp, type TestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';
import { uploadEvidence } from './route-table/controls.ts';

const expiresAt = '2026-12-01T09:30:00.000Z';
const statusOf = async (deps: ReturnType<typeof testDeps>, dsoId: string, id: string) =>
  (await listControlStatuses(deps, { dsoId })).find((c) => c.id === id);

describeEachDialect('compliance controls API', (get) => {
  let app: FastifyInstance;
  let clock: TestApp['clock'];
  let dsoId: string;
  let practiceA: string;
  const admin = () => authAs(get().handle, dsoId);

  beforeAll(async () => {
    ({ app, clock } = await createTestApp(get().handle));
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps)).id;
    practiceA = (await buildPractice(deps, dsoId, { name: 'North Dental' })).id;
  });

  it('lists every catalogue control with counts per status, and filters by status, category and search', async () => {
    const all = await app.inject({ url: '/api/v1/compliance/controls', headers: await admin() });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body.items).toHaveLength(controlCatalogue().length);
    expect(body.counts).toEqual({
      ok: 0,
      stale: 0,
      failing: 0,
      not_assessed: body.items.length,
      not_applicable: 0,
    });
    expect(body.items[0]).toMatchObject({
      status: 'not_assessed',
      reason: 'No evidence or signal reading yet.',
    });
    expect(body.categories).toContainEqual({ id: 'identity', title: 'Identity and access' });

    const identity = await app.inject({
      url: '/api/v1/compliance/controls?category=identity',
      headers: await admin(),
    });
    expect(identity.json().items.every((c: { category: string }) => c.category === 'identity')).toBe(true);
    const search = await app.inject({
      url: '/api/v1/compliance/controls?search=mfa%20ON%20email',
      headers: await admin(),
    });
    expect(search.json().items.map((c: { id: string }) => c.id)).toEqual(['mfa-email']);
    const ok = await app.inject({ url: '/api/v1/compliance/controls?status=ok', headers: await admin() });
    expect(ok.json().items).toEqual([]);
    const bad = await app.inject({ url: '/api/v1/compliance/controls?status=great', headers: await admin() });
    expect(bad.statusCode).toBe(400);
  });

  it('turns stale exactly at expiresAt (injected clock), and reports the next expiry', async () => {
    const uploaded = await uploadEvidence(app, await admin(), {
      controlId: 'incident-response-plan',
      title: 'IR plan v3',
      effectiveDate: '2026-10-01',
      expiresAt,
    });
    expect(uploaded.statusCode).toBe(201);
    const justBefore = new Date(Date.parse(expiresAt) - 1).toISOString();
    expect(await statusOf(testDeps(get().handle, justBefore), dsoId, 'incident-response-plan')).toMatchObject(
      {
        status: 'ok',
        evidenceCount: 1,
        nextExpiry: expiresAt,
      },
    );
    expect(await statusOf(testDeps(get().handle, expiresAt), dsoId, 'incident-response-plan')).toMatchObject({
      status: 'stale',
      reason: 'All evidence has expired; upload current evidence.',
      nextExpiry: null,
    });

    clock.set(justBefore);
    const before = await app.inject({
      url: '/api/v1/compliance/controls/incident-response-plan',
      headers: await authAs(get().handle, dsoId, 'auditor', [], justBefore),
    });
    expect(before.json()).toMatchObject({ status: 'ok', evidence: [{ isValid: true }] });
    clock.set(expiresAt);
    const at = await app.inject({
      url: '/api/v1/compliance/controls?status=stale',
      headers: await authAs(get().handle, dsoId, 'auditor', [], expiresAt),
    });
    expect(at.json().items.map((c: { id: string }) => c.id)).toEqual(['incident-response-plan']);
    expect(at.json().counts.stale).toBe(1);
    clock.set('2026-11-02T15:00:00.000Z');
  });

  it('shows one control with its framework mapping, evidence history older than 12 months, and signals', async () => {
    // Evidence from 14 months ago (written as it was then) stays in the history.
    const old = testDeps(get().handle, '2025-09-02T15:00:00.000Z');
    const { createJsonEvidence } = await import('../../src/modules/compliance/controls/evidence.service.ts');
    const historic = await createJsonEvidence(
      old,
      { dsoId },
      {
        kind: 'link',
        controlId: 'mfa-email',
        title: 'MFA export 2025',
        effectiveDate: '2025-09-01',
        url: 'https://tenant.example/mfa/2025',
      },
    );
    const response = await app.inject({
      url: '/api/v1/compliance/controls/mfa-email',
      headers: await admin(),
    });
    expect(response.statusCode).toBe(200);
    const control = response.json();
    expect(control).toMatchObject({
      id: 'mfa-email',
      title: 'MFA on email',
      categoryTitle: 'Identity and access',
      hipaa: ['164.312(d)', '164.308(a)(5)(ii)(D)'],
      csf: ['PR.AA-03'],
      hicp: ['1', '1.M.B'],
      cpg: ['essential-03'],
      validityDays: 90,
      status: 'stale',
      signals: [{ signal: 'mfa-coverage', value: null, state: 'missing' }],
      signalDetails: [{ id: 'mfa-coverage', warnAt: 98, failAt: 90, unit: '%' }],
    });
    expect(control.evidence.map((e: { id: string }) => e.id)).toContain(historic.id);
    const missing = await app.inject({
      url: '/api/v1/compliance/controls/mfa-everything',
      headers: await admin(),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toContain('mfa-everything');
  });

  it('records owner, reviewer and not applicable with a reason, audited; practice managers cannot', async () => {
    const owner = await get()
      .handle.db.selectFrom('users')
      .select('id')
      .where('dsoId', '=', dsoId)
      .where('role', '=', 'dso_admin')
      .executeTakeFirstOrThrow();
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/compliance/controls/medical-device-security/settings',
      headers: await admin(),
      payload: { ownerUserId: owner.id, notApplicableReason: 'No connected imaging devices in any office' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({
      status: 'not_applicable',
      reason: 'Not applicable: No connected imaging devices in any office',
      settings: { ownerUserId: owner.id, reviewerUserId: null },
    });
    const cleared = await app.inject({
      method: 'PUT',
      url: '/api/v1/compliance/controls/medical-device-security/settings',
      headers: await admin(),
      payload: { notApplicableReason: null },
    });
    expect(cleared.json()).toMatchObject({ status: 'not_assessed', settings: { ownerUserId: owner.id } });
    const unknownUser = await app.inject({
      method: 'PUT',
      url: '/api/v1/compliance/controls/medical-device-security/settings',
      headers: await admin(),
      payload: { reviewerUserId: '01900000-0000-7000-8000-000000000001' },
    });
    expect(unknownUser.statusCode).toBe(400);
    expect(unknownUser.json().error.issues[0].path).toEqual(['reviewerUserId']);
    const manager = await app.inject({
      method: 'PUT',
      url: '/api/v1/compliance/controls/medical-device-security/settings',
      headers: await authAs(get().handle, dsoId, 'practice_manager', [practiceA]),
      payload: { notApplicableReason: 'no' },
    });
    expect(manager.statusCode).toBe(403);
    const trail = await get()
      .handle.db.selectFrom('auditEvents')
      .select(['action', 'changedFields'])
      .where('resourceId', '=', 'medical-device-security')
      .orderBy('seq')
      .execute();
    expect(trail.map((e) => e.action)).toEqual(['controlSettings.update', 'controlSettings.update']);
  });
});
