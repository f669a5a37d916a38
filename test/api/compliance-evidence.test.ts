import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendEvidenceReminders } from '../../src/modules/compliance/controls/evidence.reminders.ts';
import { attestationDigest } from '../../src/modules/compliance/controls/evidence.service.ts';
import { createMailer, createUnconfiguredMailer, SmtpUrl } from '../../src/platform/mail/index.ts';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';
import { type SmtpPeer, startSmtpPeer } from '../mail/smtp-peer.ts';
import { multipartBody, samplePdf, uploadEvidence } from './route-table/controls.ts';

const now = '2026-11-02T15:00:00.000Z';
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describeEachDialect('compliance evidence API', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let practiceA: string;
  let practiceB: string;
  const admin = () => authAs(get().handle, dsoId);
  const counts = async () => ({
    evidence: Number(
      (
        await get()
          .handle.db.selectFrom('evidence')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    ),
    files: Number(
      (
        await get()
          .handle.db.selectFrom('evidenceFiles')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    ),
  });

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle));
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps)).id;
    practiceA = (await buildPractice(deps, dsoId, { name: 'North Dental' })).id;
    practiceB = (await buildPractice(deps, dsoId, { name: 'South Dental' })).id;
  });

  it('stores an uploaded PDF once per DSO by SHA-256, with default expiry and six-year retention', async () => {
    const before = await counts();
    const first = await uploadEvidence(app, await admin(), {
      controlId: 'mfa-email',
      title: 'MFA conditional access export',
      effectiveDate: '2026-10-15',
      practiceId: practiceA,
      description: 'Exported from the tenant',
    });
    expect(first.statusCode).toBe(201);
    const evidence = first.json();
    expect(evidence).toMatchObject({
      kind: 'file',
      controlId: 'mfa-email',
      fileName: 'mfa-policy.pdf',
      mediaType: 'application/pdf',
      size: samplePdf.length,
      sha256: sha(samplePdf),
      effectiveDate: '2026-10-15',
      // mfa-email evidence counts for 90 days by default.
      expiresAt: '2027-01-13T00:00:00.000Z',
      retainUntil: '2032-11-02T15:00:00.000Z',
      uploadedAt: now,
      status: 'active',
      isValid: true,
    });
    const again = await uploadEvidence(app, await admin(), {
      controlId: 'mfa-admin',
      title: 'Same file, other control',
      effectiveDate: '2026-10-15',
      expiresAt: '2027-02-01',
    });
    expect(again.statusCode).toBe(201);
    expect(again.json().expiresAt).toBe('2027-02-01T00:00:00.000Z');
    expect(await counts()).toEqual({ evidence: before.evidence + 2, files: before.files + 1 });
  });

  it('downloads the bytes as an attachment, and refuses them once the stored blob changed', async () => {
    const uploaded = await uploadEvidence(
      app,
      await admin(),
      { controlId: 'asset-inventory', title: 'Inventory', effectiveDate: '2026-11-01' },
      { name: 'inventory.csv', bytes: Buffer.from('device,site\nPC-1,North\n'), type: 'text/csv' },
    );
    expect(uploaded.statusCode).toBe(201);
    const id = uploaded.json().id;
    const download = await app.inject({
      url: `/api/v1/compliance/evidence/${id}/download`,
      headers: await admin(),
    });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe('device,site\nPC-1,North\n');
    expect(download.headers).toMatchObject({
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="inventory.csv"; filename*=UTF-8''inventory.csv`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': 'sandbox',
    });
    const trail = await get()
      .handle.db.selectFrom('auditEvents')
      .select(['action', 'resourceId'])
      .where('action', '=', 'evidence.download')
      .execute();
    expect(trail).toEqual([{ action: 'evidence.download', resourceId: id }]);

    await get()
      .handle.db.updateTable('evidenceFiles')
      .set({ content: Buffer.from('device,site\nPC-1,Tampered\n') })
      .where('sha256', '=', sha('device,site\nPC-1,North\n'))
      .execute();
    const tampered = await app.inject({
      url: `/api/v1/compliance/evidence/${id}/download`,
      headers: await admin(),
    });
    expect(tampered.statusCode).toBe(500);
    expect(tampered.json().error.code).toBe('EVIDENCE_INTEGRITY_FAILED');
    expect(tampered.body).not.toContain('Tampered');
  });

  it('answers bad input clearly and writes nothing', async () => {
    const before = await counts();
    const base = { controlId: 'mfa-email', title: 'Evidence', effectiveDate: '2026-10-01' };
    const unknown = await uploadEvidence(app, await admin(), { ...base, controlId: 'mfa-everything' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: ['controlId'] }],
    });
    expect(unknown.json().error.message).toContain('mfa-everything');

    const backwards = await uploadEvidence(app, await admin(), { ...base, expiresAt: '2026-09-30' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.issues[0].path).toEqual(['expiresAt']);
    const sameDay = await uploadEvidence(app, await admin(), { ...base, expiresAt: '2026-10-01' });
    expect(sameDay.json().error.issues[0].path).toEqual(['expiresAt']);

    const future = await uploadEvidence(app, await admin(), { ...base, effectiveDate: '2026-11-03' });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.issues[0].path).toEqual(['effectiveDate']);

    const exe = await uploadEvidence(app, await admin(), base, {
      name: 'setup.exe',
      bytes: Buffer.from('MZ\x90\x00\x03\x00'),
      type: 'application/octet-stream',
    });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(exe.json().error.message).toContain('"setup.exe"');
    const fakePdf = await uploadEvidence(app, await admin(), base, {
      name: 'policy.pdf',
      bytes: Buffer.from('<!DOCTYPE html><html><body><script>steal()</script></body></html>'),
      type: 'application/pdf',
    });
    expect(fakePdf.statusCode).toBe(415);
    expect(fakePdf.json().error.message).toContain('"policy.pdf"');

    const huge = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
    samplePdf.copy(huge);
    const oversize = await uploadEvidence(app, await admin(), base, {
      name: 'huge.pdf',
      bytes: huge,
      type: 'application/pdf',
    });
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json().error.code).toBe('BODY_TOO_LARGE');
    expect(oversize.json().error.message).toContain('25 MB');

    const noFile = multipartBody(base);
    const missing = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/evidence',
      headers: { ...(await admin()), ...noFile.headers },
      payload: noFile.payload,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.issues[0].path).toEqual(['file']);

    const wrongField = multipartBody(base, { name: 'a.pdf', bytes: samplePdf, field: 'attachment' });
    const misplaced = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/evidence',
      headers: { ...(await admin()), ...wrongField.headers },
      payload: wrongField.payload,
    });
    expect(misplaced.statusCode).toBe(400);
    expect(misplaced.json().error.issues[0]).toMatchObject({ path: ['file'], code: 'too_many_parts' });

    const http = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/evidence',
      headers: await admin(),
      payload: { kind: 'link', ...base, url: 'http://intranet.example/mfa' },
    });
    expect(http.statusCode).toBe(400);
    expect(http.json().error.issues[0].path).toEqual(['url']);
    expect(await counts()).toEqual(before);
  });

  it('records links and attestations signed by the signed-in person', async () => {
    const headers = await admin();
    const link = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/evidence',
      headers,
      payload: {
        kind: 'link',
        controlId: 'email-filtering',
        title: 'DMARC report',
        effectiveDate: '2026-11-01',
        url: 'https://dmarc.example/report/42',
      },
    });
    expect(link.statusCode).toBe(201);
    expect(link.json()).toMatchObject({ kind: 'link', url: 'https://dmarc.example/report/42', sha256: null });

    const statement = 'All reception screens face away from patients at North Dental.';
    const attested = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/evidence',
      headers,
      payload: {
        kind: 'attestation',
        controlId: 'workstation-security',
        title: 'Walk-through',
        effectiveDate: '2026-11-02',
        practiceId: practiceA,
        statement,
      },
    });
    expect(attested.statusCode).toBe(201);
    const body = attested.json();
    expect(body.attestedBy).toEqual(expect.any(String));
    expect(body.attestedByName).toBe('Test dso_admin');
    expect(body.sha256).toBe(attestationDigest(statement, body.attestedBy, now));
    expect(body.sha256).toBe(sha(`${statement}\n${body.attestedBy}\n${now}`));
  });

  it('withdraws with a reason, keeps the history, and updates owner, expiry and review', async () => {
    const headers = await admin();
    const created = await uploadEvidence(app, headers, {
      controlId: 'offline-backups',
      title: 'Backup report',
      effectiveDate: '2026-10-20',
    });
    const id = created.json().id;
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/v1/compliance/evidence/${id}`,
      headers,
      payload: { reviewed: true, expiresAt: '2026-12-31T00:00:00Z' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ reviewedAt: now, expiresAt: '2026-12-31T00:00:00.000Z' });
    expect(patched.json().reviewerUserId).toBe(patched.json().uploadedBy);
    const badOwner = await app.inject({
      method: 'PATCH',
      url: `/api/v1/compliance/evidence/${id}`,
      headers,
      payload: { ownerUserId: '01900000-0000-7000-8000-000000000001' },
    });
    expect(badOwner.statusCode).toBe(400);
    expect(badOwner.json().error.issues[0].path).toEqual(['ownerUserId']);

    const withdrawn = await app.inject({
      method: 'POST',
      url: `/api/v1/compliance/evidence/${id}/withdraw`,
      headers,
      payload: { status: 'superseded', reason: 'Replaced by the November report' },
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      status: 'superseded',
      withdrawnReason: 'Replaced by the November report',
      isValid: false,
    });
    const twice = await app.inject({
      method: 'POST',
      url: `/api/v1/compliance/evidence/${id}/withdraw`,
      headers,
      payload: { status: 'rejected', reason: 'again' },
    });
    expect(twice.statusCode).toBe(409);
    const history = await app.inject({
      url: '/api/v1/compliance/evidence?controlId=offline-backups',
      headers,
    });
    expect(history.json().items.map((e: { id: string }) => e.id)).toContain(id);
    const control = await app.inject({ url: '/api/v1/compliance/controls/offline-backups', headers });
    expect(control.json()).toMatchObject({ status: 'not_assessed', evidenceCount: 0 });
    expect(control.json().evidence[0]).toMatchObject({ id, status: 'superseded' });
    const trail = await get()
      .handle.db.selectFrom('auditEvents')
      .select('action')
      .where('resourceId', '=', id)
      .orderBy('seq')
      .execute();
    expect(trail.map((e) => e.action)).toEqual(['evidence.create', 'evidence.update', 'evidence.withdraw']);
  });

  it('limits a practice manager to their practices, with DSO-wide evidence readable', async () => {
    const headers = await admin();
    const dsoWide = await uploadEvidence(app, headers, {
      controlId: 'security-training',
      title: 'DSO training report',
      effectiveDate: '2026-10-01',
    });
    const other = await uploadEvidence(app, headers, {
      controlId: 'security-training',
      title: 'South report',
      effectiveDate: '2026-10-01',
      practiceId: practiceB,
    });
    const manager = await authAs(get().handle, dsoId, 'practice_manager', [practiceA]);
    const list = await app.inject({
      url: '/api/v1/compliance/evidence?controlId=security-training',
      headers: manager,
    });
    const ids = list.json().items.map((e: { id: string }) => e.id);
    expect(ids).toContain(dsoWide.json().id);
    expect(ids).not.toContain(other.json().id);
    const hidden = await app.inject({
      url: `/api/v1/compliance/evidence/${other.json().id}`,
      headers: manager,
    });
    expect(hidden.statusCode).toBe(404);
    const change = await app.inject({
      method: 'POST',
      url: `/api/v1/compliance/evidence/${dsoWide.json().id}/withdraw`,
      headers: manager,
      payload: { status: 'rejected', reason: 'not mine' },
    });
    expect(change.statusCode).toBe(403);
    const noPractice = await uploadEvidence(app, manager, {
      controlId: 'security-training',
      title: 'Mine',
      effectiveDate: '2026-10-01',
    });
    expect(noPractice.statusCode).toBe(400);
    expect(noPractice.json().error.issues[0].path).toEqual(['practiceId']);
    const wrongPractice = await uploadEvidence(app, manager, {
      controlId: 'security-training',
      title: 'Mine',
      effectiveDate: '2026-10-01',
      practiceId: practiceB,
    });
    expect(wrongPractice.statusCode).toBe(400);
    expect(wrongPractice.body).toContain('not found');
    const own = await uploadEvidence(app, manager, {
      controlId: 'security-training',
      title: 'North report',
      effectiveDate: '2026-10-01',
      practiceId: practiceA,
    });
    expect(own.statusCode).toBe(201);
  });
});

describeEachDialect('evidence expiry reminders', (get) => {
  let peer: SmtpPeer;
  let dsoId: string;
  let evidenceId: string;
  const expiresAt = '2026-12-01T00:00:00.000Z';
  const daysBefore = (days: number, ms = 0) =>
    new Date(Date.parse(expiresAt) - days * 86_400_000 + ms).toISOString();
  const run = (at: string) =>
    sendEvidenceReminders(
      testDeps(get().handle, at),
      createMailer({ smtpUrl: SmtpUrl.parse(peer.url), mailFrom: 'enamel@smile.example' }),
      'https://enamel.smile.example',
    );

  beforeAll(async () => {
    peer = await startSmtpPeer();
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps)).id;
    const { app } = await createTestApp(get().handle);
    const headers = await authAs(get().handle, dsoId, 'security_officer');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/evidence',
      headers,
      payload: {
        kind: 'link',
        controlId: 'backup-restore-test',
        title: 'Q3 restore test',
        effectiveDate: '2026-09-01',
        expiresAt,
        url: 'https://backup.example/restore/q3',
      },
    });
    expect(created.statusCode).toBe(201);
    evidenceId = created.json().id;
  });
  afterAll(async () => peer.close());

  it('sends each lead time once (14, 7, 1 days), to the security officers when nobody owns it', async () => {
    expect(await run(daysBefore(15))).toEqual({ sent: 0, escalated: 0 });
    // Nothing due: an unconfigured mailer is never touched.
    expect(
      await sendEvidenceReminders(
        testDeps(get().handle, daysBefore(15)),
        createUnconfiguredMailer(),
        'https://x',
      ),
    ).toEqual({ sent: 0, escalated: 0 });
    await expect(
      sendEvidenceReminders(testDeps(get().handle, daysBefore(14)), createUnconfiguredMailer(), 'https://x'),
    ).rejects.toMatchObject({ code: 'MAIL_NOT_CONFIGURED' });

    const start = peer.messages.length;
    expect(await run(daysBefore(14))).toEqual({ sent: 1, escalated: 0 });
    const first = await peer.message(start);
    expect(first.to).toMatch(/^security_officer\./);
    expect(first.subject).toBe('Evidence expires in 14 days: Q3 restore test');
    expect(first.text).toContain('Backup restore tested');
    expect(first.text).toContain('https://enamel.smile.example/compliance/controls/backup-restore-test');
    expect(await run(daysBefore(13))).toEqual({ sent: 0, escalated: 0 });
    expect(await run(daysBefore(7))).toEqual({ sent: 1, escalated: 0 });
    expect((await peer.message(start + 1)).subject).toBe('Evidence expires in 7 days: Q3 restore test');
    expect(await run(daysBefore(7, 1000))).toEqual({ sent: 0, escalated: 0 });
    expect(await run(daysBefore(1))).toEqual({ sent: 1, escalated: 0 });
    expect((await peer.message(start + 2)).subject).toBe('Evidence expires in 1 day: Q3 restore test');
    expect(await run(daysBefore(0, -1))).toEqual({ sent: 0, escalated: 0 });
    expect(await run(expiresAt)).toEqual({ sent: 0, escalated: 0 });
    const row = await get()
      .handle.db.selectFrom('evidence')
      .select('remindersSent')
      .where('id', '=', evidenceId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.remindersSent)).toEqual([14, 7, 1]);
  });

  it('reminds the evidence owner, and sends one message when a run was missed', async () => {
    const owner = await get()
      .handle.db.selectFrom('users')
      .select(['id', 'email'])
      .where('dsoId', '=', dsoId)
      .where('role', '=', 'security_officer')
      .executeTakeFirstOrThrow();
    const deps = testDeps(get().handle, '2026-11-20T00:00:00.000Z');
    const { app } = await createTestApp(get().handle, {}, '2026-11-20T00:00:00.000Z');
    const headers = await authAs(get().handle, dsoId, 'dso_admin', [], '2026-11-20T00:00:00.000Z');
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/compliance/evidence',
      headers,
      payload: {
        kind: 'link',
        controlId: 'edr-endpoints',
        title: 'EDR export',
        effectiveDate: '2026-11-19',
        expiresAt: '2026-11-25T00:00:00.000Z',
        ownerUserId: owner.id,
        url: 'https://edr.example/export',
      },
    });
    expect(created.statusCode).toBe(201);
    const start = peer.messages.length;
    // Five days left: the 14- and 7-day reminders are both due, one message covers them.
    expect(
      await sendEvidenceReminders(
        deps,
        createMailer({ smtpUrl: SmtpUrl.parse(peer.url), mailFrom: 'enamel@smile.example' }),
        'https://e',
      ),
    ).toEqual({ sent: 1, escalated: 0 });
    const message = await peer.message(start);
    expect([message.to, message.subject]).toEqual([owner.email, 'Evidence expires in 7 days: EDR export']);
  });
});
