import type { FastifyInstance } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { newId } from '../../src/platform/ids.ts';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';

const now = '2026-11-02T15:00:00.000Z';

interface Answer {
  id: string;
  suggested: string;
  supported: boolean;
  evidence: { kind: string; id?: string; status?: string; state?: string; value?: number | null }[];
  warnings: { severity: string; message: string; fix: string }[];
}

describeEachDialect('cyber-insurance answers API', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let practiceId: string;

  async function addEvidence(controlId: string, effectiveDate: string, expiresAt: string | null) {
    await get()
      .handle.db.insertInto('evidence')
      .values({
        id: newId(),
        dsoId,
        controlId,
        practiceId: null,
        vendorId: null,
        kind: 'link',
        title: `${controlId} report`,
        description: null,
        fileId: null,
        fileName: null,
        mediaType: null,
        sha256: null,
        url: 'https://admin.example/report',
        statement: null,
        attestedBy: null,
        effectiveDate,
        expiresAt,
        ownerUserId: null,
        reviewerUserId: null,
        reviewedAt: null,
        status: 'active',
        remindersSent: '[]',
        uploadedBy: 'test',
        uploadedAt: now,
        retainUntil: '2032-11-02',
        withdrawnReason: null,
        withdrawnBy: null,
        withdrawnAt: null,
      })
      .execute();
  }

  async function addReading(signal: string, value: number, observedAt: string) {
    await get()
      .handle.db.insertInto('signalReadings')
      .values({
        id: newId(),
        dsoId,
        signal,
        practiceId: null,
        value,
        observedAt,
        source: 'manual',
        recordedBy: 'test',
        createdAt: now,
      })
      .execute();
  }

  async function addVendor(name: string, baaStatus: string, baaRenewalDate: string | null) {
    await get()
      .handle.db.insertInto('vendors')
      .values({
        id: newId(),
        dsoId,
        name,
        category: 'imaging',
        services: null,
        website: null,
        contactName: null,
        contactEmail: null,
        practiceIds: null,
        ephiAccess: 'full',
        baaStatus,
        baaSignedDate: baaStatus === 'signed' ? '2025-01-10' : null,
        baaRenewalDate,
        subprocessors: '[]',
        lastSecurityReviewDate: null,
        safeguardsVerifiedDate: null,
        notes: null,
        retiredAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
  }

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle, {}, now));
    const deps = testDeps(get().handle, now);
    dsoId = (await buildDso(deps)).id;
    practiceId = (await buildPractice(deps, dsoId)).id;
    // MFA on email: current evidence and a passing coverage reading.
    await addEvidence('mfa-email', '2026-10-01', '2027-10-01T00:00:00.000Z');
    await addReading('mfa-coverage', 99.5, '2026-10-28T09:00:00.000Z');
    // EDR: coverage far below the fail threshold.
    await addReading('edr-coverage', 72, '2026-10-30T09:00:00.000Z');
    // Restore test: the only evidence expired the day before.
    await addEvidence('backup-restore-test', '2025-11-01', '2026-11-01T00:00:00.000Z');
    await addVendor('Clear Imaging', 'signed', '2027-05-01');
    await addVendor('Old Backup Co', 'signed', '2026-06-30');
  });

  async function view(headers: Record<string, string>) {
    const response = await app.inject({ method: 'GET', url: '/api/v1/compliance/insurance', headers });
    expect(response.statusCode).toBe(200);
    const body = response.json() as {
      summary: { yes: number; partly: number; no: number; unknown: number; warnings: number };
      questions: Answer[];
    };
    const byId = new Map(body.questions.map((q) => [q.id, q]));
    const find = (id: string) => {
      const found = byId.get(id);
      if (!found) throw new Error(`no question ${id}`);
      return found;
    };
    return { body, find };
  }

  it('answers yes only where current evidence and passing signals support it', async () => {
    const { body, find } = await view(await authAs(get().handle, dsoId, 'security_officer'));
    const mfa = find('mfa-email');
    expect(mfa).toMatchObject({ suggested: 'yes', supported: true, warnings: [] });
    expect(mfa.evidence).toEqual([
      expect.objectContaining({ kind: 'control', id: 'mfa-email', status: 'ok' }),
      expect.objectContaining({
        kind: 'signal',
        id: 'mfa-coverage',
        state: 'pass',
        value: 99.5,
        observedAt: '2026-10-28T09:00:00.000Z',
      }),
    ]);

    const edr = find('edr');
    expect(edr.suggested).toBe('no');
    expect(edr.supported).toBe(false);
    expect(edr.warnings.map((w) => w.severity)).toEqual(['critical', 'critical']);
    expect(edr.warnings[1]?.message).toContain('72 % on 2026-10-30');

    const restore = find('restore-tested');
    expect(restore.suggested).toBe('partly');
    expect(restore.evidence[0]).toMatchObject({ kind: 'control', status: 'stale' });
    expect(restore.warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('is stale'),
      expect.stringContaining('has no reading'),
    ]);

    const baa = find('vendor-baas');
    expect(baa.suggested).toBe('partly');
    const vendors = baa.warnings.find((w) => w.message.includes('BAA'));
    expect(vendors).toMatchObject({ severity: 'critical' });
    expect(vendors?.message).toContain('1 of 2 vendor(s)');
    expect(vendors?.message).toContain('Old Backup Co');
    expect(vendors?.message).not.toContain('Clear Imaging');

    const plan = find('incident-response');
    expect(plan.suggested).toBe('unknown');
    expect(plan.warnings[0]?.fix).toContain('evidence');

    expect(body.summary.yes + body.summary.partly + body.summary.no + body.summary.unknown).toBe(
      body.questions.length,
    );
    expect(body.summary.yes).toBeGreaterThanOrEqual(1);
  });

  it('a new reading changes the answer: the evidence is live', async () => {
    await addReading('edr-coverage', 99.9, '2026-11-01T09:00:00.000Z');
    await addEvidence('edr-endpoints', '2026-11-01', null);
    const { find } = await view(await authAs(get().handle, dsoId, 'dso_admin'));
    expect(find('edr')).toMatchObject({ suggested: 'yes', supported: true, warnings: [] });
  });

  it("a practice manager sees how many BAAs are missing but not the DSO's vendor names", async () => {
    const manager = await authAs(get().handle, dsoId, 'practice_manager', [practiceId]);
    const { find } = await view(manager);
    const vendors = find('vendor-baas').warnings.find((w) => w.message.includes('BAA'));
    expect(vendors?.message).toContain('1 of 2 vendor(s)');
    expect(vendors?.message).not.toContain('Old Backup Co');
  });

  it('staff may not read it', async () => {
    const staff = await authAs(get().handle, dsoId, 'staff');
    const response = await app.inject({ method: 'GET', url: '/api/v1/compliance/insurance', headers: staff });
    expect(response.statusCode).toBe(403);
  });
});
