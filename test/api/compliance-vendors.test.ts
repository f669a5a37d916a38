import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { type AuthHeaders, authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

describeEachDialect('compliance: vendors and BAAs', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let admin: AuthHeaders;
  let austin: string;
  let dallas: string;

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: AuthHeaders, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const codes = (vendor: { warnings: { code: string }[] }) => vendor.warnings.map((w) => w.code);

  beforeAll(async () => {
    // Today is 2026-11-02.
    ({ app } = await createTestApp(get().handle));
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps)).id;
    austin = (await buildPractice(deps, dsoId, { name: 'Austin' })).id;
    dallas = (await buildPractice(deps, dsoId, { name: 'Dallas' })).id;
    admin = await authAs(get().handle, dsoId);
  });

  it('registers a vendor with its BAA and derives warnings from the dates', async () => {
    const response = await api('POST', '/compliance/vendors', admin, {
      name: 'CloudChart PM',
      category: 'practice_management',
      services: 'Practice-management and charting, hosted',
      website: 'https://cloudchart.example',
      contactEmail: 'security@cloudchart.example',
      ephiAccess: 'full',
      baaStatus: 'signed',
      baaSignedDate: '2024-12-01',
      baaRenewalDate: '2026-12-15',
      subprocessors: ['AWS us-east-1', 'Twilio'],
      lastSecurityReviewDate: '2025-10-01',
      safeguardsVerifiedDate: '2026-01-15',
    });
    expect(response.statusCode).toBe(201);
    const vendor = response.json();
    expect(vendor).toMatchObject({
      practiceIds: null,
      subprocessors: ['AWS us-east-1', 'Twilio'],
      retired: false,
    });
    expect(codes(vendor)).toEqual(['baa_renewal_due', 'security_review_stale']);
    expect(vendor.warnings[1].message).toContain('2025-10-01');

    const fixed = await api('PATCH', `/compliance/vendors/${vendor.id}`, admin, {
      baaRenewalDate: '2027-12-01',
      lastSecurityReviewDate: '2026-10-20',
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().warnings).toEqual([]);
  });

  it.each([
    [{ baaStatus: 'signed' }, 'baaSignedDate', 'required'],
    [
      { baaStatus: 'signed', baaSignedDate: '2026-05-01', baaRenewalDate: '2026-04-01' },
      'baaRenewalDate',
      'before_signed',
    ],
    [{ baaStatus: 'not_required' }, 'baaStatus', 'baa_required'],
    [{ baaStatus: 'needed', lastSecurityReviewDate: '2026-12-01' }, 'lastSecurityReviewDate', 'in_future'],
  ])('refuses %o naming %s', async (fields, field, code) => {
    const response = await api('POST', '/compliance/vendors', admin, {
      name: 'Bad vendor',
      category: 'imaging',
      ephiAccess: 'limited',
      ...fields,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues[0]).toMatchObject({ path: ['body', field], code });
    expect(response.json().error.message).toContain(field);
  });

  it('refuses unknown practices and malformed fields with their names', async () => {
    const foreign = (await buildPractice(testDeps(get().handle), (await buildDso(testDeps(get().handle))).id))
      .id;
    const response = await api('POST', '/compliance/vendors', admin, {
      name: 'Lab',
      category: 'other',
      ephiAccess: 'none',
      baaStatus: 'not_required',
      practiceIds: [austin, foreign],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.issues).toEqual([
      {
        path: ['body', 'practiceIds', 1],
        code: 'not_found',
        message: `practiceIds: Practice "${foreign}" was not found.`,
      },
    ]);
    const malformed = await api('POST', '/compliance/vendors', admin, {
      name: 'Lab',
      category: 'dental_lab',
      ephiAccess: 'none',
      baaStatus: 'not_required',
      contactEmail: 'nope',
    });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.stringify(malformed.json().error.issues)).toMatch(
      /category[\s\S]*contactEmail|contactEmail[\s\S]*category/,
    );
  });

  it('filters by category, warning and practice, and retires instead of deleting', async () => {
    const imaging = (
      await api('POST', '/compliance/vendors', admin, {
        name: 'SensorVault Imaging',
        category: 'imaging',
        practiceIds: [austin],
        ephiAccess: 'full',
        baaStatus: 'requested',
      })
    ).json();
    expect(codes(imaging)).toEqual(['baa_missing', 'security_review_stale', 'safeguards_verification_stale']);
    await api('POST', '/compliance/vendors', admin, {
      name: 'Dallas Shred Co',
      category: 'other',
      practiceIds: [dallas],
      ephiAccess: 'none',
      baaStatus: 'not_required',
    });
    const names = async (query: string) =>
      (await api('GET', `/compliance/vendors${query}`, admin))
        .json()
        .items.map((v: { name: string }) => v.name);
    expect(await names('?category=imaging')).toEqual(['SensorVault Imaging']);
    expect(await names('?warning=baa_missing')).toEqual(['SensorVault Imaging']);
    expect(await names(`?practiceId=${dallas}`)).toEqual(['CloudChart PM', 'Dallas Shred Co']);

    const retired = await api('PATCH', `/compliance/vendors/${imaging.id}`, admin, { retired: true });
    expect(retired.json()).toMatchObject({
      retired: true,
      retiredAt: '2026-11-02T15:00:00.000Z',
      warnings: [],
    });
    expect(await names('?category=imaging')).toEqual([]);
    expect(await names('?category=imaging&includeRetired=true')).toEqual(['SensorVault Imaging']);
    expect((await api('GET', `/compliance/vendors/${imaging.id}`, admin)).statusCode).toBe(200);
  });

  it('keeps a practice manager to the vendors of their practices', async () => {
    const manager = await authAs(get().handle, dsoId, 'practice_manager', [dallas]);
    const seen = (await api('GET', '/compliance/vendors', manager))
      .json()
      .items.map((v: { name: string }) => v.name);
    expect(seen).toEqual(['CloudChart PM', 'Dallas Shred Co']);
    const all = (await api('GET', '/compliance/vendors?includeRetired=true', admin)).json().items;
    const austinOnly = all.find((v: { name: string }) => v.name === 'SensorVault Imaging');
    expect((await api('GET', `/compliance/vendors/${austinOnly.id}`, manager)).statusCode).toBe(404);
    const shared = all.find((v: { name: string }) => v.name === 'CloudChart PM');
    const refused = await api('PATCH', `/compliance/vendors/${shared.id}`, manager, { notes: 'mine' });
    expect(refused.statusCode).toBe(403);
    const own = await api('POST', '/compliance/vendors', manager, {
      name: 'Dallas IT Helpers',
      category: 'it_provider',
      ephiAccess: 'limited',
      baaStatus: 'signed',
      baaSignedDate: '2026-06-01',
    });
    expect(own.statusCode).toBe(201);
    expect(own.json().practiceIds).toEqual([dallas]);
    const outside = await api('POST', '/compliance/vendors', manager, {
      name: 'Austin thing',
      category: 'email',
      ephiAccess: 'none',
      baaStatus: 'not_required',
      practiceIds: [austin],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('not found');
  });
});
