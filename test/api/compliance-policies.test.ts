import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp, type TestApp } from '../harness/app.ts';
import { type AuthHeaders, authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describeEachDialect('compliance: policies, versions and approval', (get) => {
  let test: TestApp;
  let app: FastifyInstance;
  let dsoId: string;
  let admin: AuthHeaders;
  let officer: AuthHeaders;

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: AuthHeaders, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    test = await createTestApp(get().handle);
    app = test.app;
    dsoId = (await buildDso(testDeps(get().handle), { name: 'Harbor Dental Partners' })).id;
    admin = await authAs(get().handle, dsoId);
    officer = await authAs(get().handle, dsoId, 'security_officer');
  });

  it('lists the template library with HIPAA citations', async () => {
    const response = await api(
      'GET',
      '/compliance/policy-templates',
      await authAs(get().handle, dsoId, 'auditor'),
    );
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { id: string; hipaa: string[]; body: string }[];
    expect(items.length).toBeGreaterThanOrEqual(12);
    expect(items.find((t) => t.id === 'sanctions')?.hipaa).toEqual(['164.308(a)(1)(ii)(C)']);
    expect(items[0]?.body).toContain('{{dso_name}}');
  });

  it('creates a policy from a template with the placeholders filled, as a first draft', async () => {
    const response = await api('POST', '/compliance/policies', admin, {
      templateId: 'incident-response',
      securityOfficial: 'Dana Reyes, Security Official',
    });
    expect(response.statusCode).toBe(201);
    const policy = response.json();
    expect(policy).toMatchObject({
      templateId: 'incident-response',
      title: 'Security Incident Response Policy',
      category: 'incident',
      reviewIntervalMonths: 12,
      reviewStatus: 'not_approved',
      nextReviewDate: null,
      currentVersion: null,
      latestVersion: { version: 1, status: 'draft' },
    });
    expect(policy.hipaa).toContain('164.308(a)(6)(ii)');
    const body = policy.versions[0].body as string;
    expect(body).toContain('Harbor Dental Partners responds quickly');
    expect(body).toContain('Dana Reyes, Security Official');
    expect(body).not.toContain('{{');
    expect(policy.versions[0].sha256).toBe(sha256(body));
  });

  it('approves a draft: in force, review date set, previous version retired, hash and approver recorded', async () => {
    const created = (
      await api('POST', '/compliance/policies', admin, { templateId: 'passwords-mfa' })
    ).json();
    const v1 = created.versions[0].id;
    // Without a named official, the template falls back to the DSO's security officer or the role.
    expect(created.versions[0].body).toMatch(
      /Security Official: (Test security_officer|the Security Official)/,
    );
    const itAdmin = await authAs(get().handle, dsoId, 'it_admin');
    expect(
      (await api('POST', `/compliance/policies/${created.id}/versions/${v1}/approve`, itAdmin)).statusCode,
    ).toBe(403);

    const approved = await api('POST', `/compliance/policies/${created.id}/versions/${v1}/approve`, officer);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({
      reviewStatus: 'current',
      nextReviewDate: '2027-11-02',
      currentVersion: { id: v1, version: 1, status: 'approved', approvedAt: '2026-11-02T15:00:00.000Z' },
    });
    expect(approved.json().currentVersion.approvedBy).toContain('security_officer');
    const again = await api('POST', `/compliance/policies/${created.id}/versions/${v1}/approve`, officer);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('only a draft');

    const body = '# Passwords and MFA\n\nPasskeys for every administrator from January.';
    const drafted = await api('POST', `/compliance/policies/${created.id}/versions`, itAdmin, {
      body,
      changeNote: 'Passkeys for administrators',
    });
    expect(drafted.statusCode).toBe(201);
    const v2 = drafted.json().versions[0];
    expect(v2).toMatchObject({
      version: 2,
      status: 'draft',
      sha256: sha256(body),
      changeNote: 'Passkeys for administrators',
    });
    expect(drafted.json().currentVersion.id).toBe(v1);

    const second = await api('POST', `/compliance/policies/${created.id}/versions/${v2.id}/approve`, officer);
    expect(second.json().currentVersion.id).toBe(v2.id);
    expect(
      second.json().versions.map((v: { version: number; status: string }) => [v.version, v.status]),
    ).toEqual([
      [2, 'approved'],
      [1, 'retired'],
    ]);
    const events = await get()
      .handle.db.selectFrom('auditEvents')
      .select('action')
      .where('dsoId', '=', dsoId)
      .where('resourceId', '=', created.id)
      .orderBy('occurredAt')
      .execute();
    expect(events.map((e) => e.action)).toEqual([
      'policies.create',
      'policies.approve',
      'policies.draft',
      'policies.approve',
    ]);
  });

  it('flags policies due for review by the clock, and recomputes the date when the interval changes', async () => {
    const created = (await api('POST', '/compliance/policies', admin, { templateId: 'sanctions' })).json();
    await api(
      'POST',
      `/compliance/policies/${created.id}/versions/${created.versions[0].id}/approve`,
      officer,
    );
    const patched = await api('PATCH', `/compliance/policies/${created.id}`, admin, {
      reviewIntervalMonths: 1,
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ nextReviewDate: '2026-12-02', reviewStatus: 'due_soon' });

    const later = await createTestApp(get().handle, {}, '2026-12-03T09:00:00.000Z');
    const overdue = await later.app.inject({
      url: '/api/v1/compliance/policies?reviewStatus=overdue',
      headers: await authAs(get().handle, dsoId, 'dso_admin', [], '2026-12-03T09:00:00.000Z'),
    });
    expect(overdue.json().items.map((p: { id: string }) => p.id)).toEqual([created.id]);
    await later.app.close();
  });

  it('creates a blank policy and names the missing or oversized field', async () => {
    const missing = await api('POST', '/compliance/policies', admin, { title: 'Texting patients' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.issues[0].path).toEqual(['body', 'body']);
    const unknown = await api('POST', '/compliance/policies', admin, { templateId: 'no-such-template' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('"no-such-template" was not found');
    const blank = await api('POST', '/compliance/policies', admin, {
      title: 'Texting patients',
      body: '# Texting patients\n\nUse the patient messaging system only.',
      category: 'workforce',
      reviewIntervalMonths: 24,
    });
    expect(blank.statusCode).toBe(201);
    expect(blank.json()).toMatchObject({
      templateId: null,
      hipaa: [],
      category: 'workforce',
      reviewIntervalMonths: 24,
    });

    const huge = await api('POST', `/compliance/policies/${blank.json().id}/versions`, admin, {
      body: 'é'.repeat(110_000),
      changeNote: 'Too long',
    });
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.message).toBe('body: must be at most 200 KB of Markdown');
    const noNote = await api('POST', `/compliance/policies/${blank.json().id}/versions`, admin, {
      body: '# x',
    });
    expect(noNote.statusCode).toBe(400);
    expect(JSON.stringify(noNote.json().error.issues)).toContain('changeNote');
    const owner = await api('PATCH', `/compliance/policies/${blank.json().id}`, admin, {
      ownerUserId: '01900000-0000-7000-8000-000000000077',
    });
    expect(owner.statusCode).toBe(400);
    expect(owner.json().error.message).toContain('ownerUserId');
  });

  it('lets a practice manager read policies but not change DSO-wide ones', async () => {
    const practice = await buildPractice(testDeps(get().handle), dsoId);
    const manager = await authAs(get().handle, dsoId, 'practice_manager', [practice.id]);
    expect((await api('GET', '/compliance/policies', manager)).json().items.length).toBeGreaterThan(0);
    const refused = await api('POST', '/compliance/policies', manager, { templateId: 'sanctions' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('whole DSO');
  });

  it('answers 404 for an unknown policy or version', async () => {
    const missing = '01900000-0000-7000-8000-000000000055';
    expect((await api('GET', `/compliance/policies/${missing}`, admin)).statusCode).toBe(404);
    const policy = (await api('GET', '/compliance/policies', admin)).json().items[0];
    const response = await api(
      'POST',
      `/compliance/policies/${policy.id}/versions/${missing}/approve`,
      officer,
    );
    expect(response.statusCode).toBe(404);
  });
});
