import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendAttestationReminders } from '../../src/modules/compliance/policies/attestation.reminders.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { ServiceDeps } from '../../src/platform/context.ts';
import { createLogger } from '../../src/platform/log.ts';
import { createMailer, type Mailer } from '../../src/platform/mail/index.ts';
import { buildDso, buildPerson, buildPractice, testDeps } from '../factories/org.ts';
import { capturedLogs, captureStream, createTestApp } from '../harness/app.ts';
import { type AuthHeaders, authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';
import { type ReceivedMail, type SmtpPeer, startSmtpPeer } from '../mail/smtp-peer.ts';

const publicUrl = 'https://enamel.brightsmiles.example';
const mailFrom = 'compliance@brightsmiles.example';

/** The token of the acknowledgement link in an email, checked to lead to the public page's fragment. */
function tokenIn(mail: ReceivedMail): string {
  const match = mail.text.match(/(https:\/\/\S+)#token=([A-Za-z0-9_-]{43})\s/);
  expect(match?.[1]).toBe(`${publicUrl}/acknowledge`);
  return match?.[2] as string;
}

describeEachDialect('compliance: attestation campaigns', (get) => {
  let app: FastifyInstance;
  let quietApp: FastifyInstance;
  let peer: SmtpPeer;
  let mailer: Mailer;
  let admin: AuthHeaders;
  let dsoId: string;
  let practiceId: string;
  let otherPracticeId: string;
  let versionId: string;
  let draftVersionId: string;
  let mailsSeen = 0;
  const tokens: string[] = [];
  const nextMail = () => peer.message(mailsSeen++);

  const api = (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    headers: AuthHeaders,
    payload?: object,
    on: FastifyInstance = app,
  ) => on.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const publicPost = (url: string, payload: object) =>
    app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      payload,
      remoteAddress: '203.0.113.9',
      headers: { 'user-agent': 'Mobile Safari test' },
    });

  beforeAll(async () => {
    peer = await startSmtpPeer();
    const env = { ENAMEL_SMTP_URL: peer.url, ENAMEL_MAIL_FROM: mailFrom, ENAMEL_PUBLIC_URL: publicUrl };
    ({ app } = await createTestApp(get().handle, env));
    ({ app: quietApp } = await createTestApp(get().handle, { ENAMEL_PUBLIC_URL: publicUrl }));
    mailer = createMailer(loadConfig(env));
    const deps = testDeps(get().handle);
    dsoId = (await buildDso(deps, { name: 'Bright Smiles Dental Group' })).id;
    practiceId = (await buildPractice(deps, dsoId, { name: 'Bright Smiles Austin' })).id;
    otherPracticeId = (await buildPractice(deps, dsoId, { name: 'Bright Smiles Dallas' })).id;
    admin = await authAs(get().handle, dsoId);
    const policy = await api('POST', '/compliance/policies', admin, { templateId: 'acceptable-use' });
    expect(policy.statusCode).toBe(201);
    versionId = policy.json().versions[0].id;
    const approved = await api(
      'POST',
      `/compliance/policies/${policy.json().id}/versions/${versionId}/approve`,
      await authAs(get().handle, dsoId, 'security_officer'),
    );
    expect(approved.statusCode).toBe(200);
    const drafted = await api('POST', `/compliance/policies/${policy.json().id}/versions`, admin, {
      body: '# Acceptable Use Policy\n\nRevised.',
      changeNote: 'Texting rules',
    });
    draftVersionId = drafted.json().versions[0].id;
  });
  afterAll(async () => {
    await app.close();
    await quietApp.close();
    await mailer.close();
    await peer.close();
  });

  it('runs a campaign end to end: template, approval, emails, public acknowledgement, 100%', async () => {
    const deps = testDeps(get().handle);
    const ana = await buildPerson(deps, dsoId, {
      firstName: 'Ana',
      email: 'ana.lopez@brightsmiles.example',
      jobRole: 'hygienist',
      practiceIds: [practiceId],
    });
    await buildPerson(deps, dsoId, {
      firstName: 'Ben',
      email: 'ben.okafor@brightsmiles.example',
      jobRole: 'front_desk',
      practiceIds: [practiceId, otherPracticeId],
    });
    // Not in the audience: another office, and someone on leave.
    await buildPerson(deps, dsoId, { firstName: 'Cy', practiceIds: [otherPracticeId] });
    await buildPerson(deps, dsoId, { firstName: 'Di', practiceIds: [practiceId], status: 'leave' });

    const created = await api('POST', '/compliance/campaigns', admin, {
      title: 'Annual policy acknowledgement 2026',
      policyVersionIds: [versionId],
      audience: { practiceIds: [practiceId] },
      dueDate: '2026-11-30',
    });
    expect(created.statusCode).toBe(201);
    const campaign = created.json();
    expect(campaign).toMatchObject({
      total: 2,
      acknowledged: 0,
      percent: 0,
      status: 'open',
      delivery: { sent: 2, notSent: 0, problem: null },
      policies: [{ title: 'Acceptable Use Policy', version: 1 }],
    });

    const mails = [await nextMail(), await nextMail()];
    expect(mails.map((mail) => mail.envelopeTo[0]).sort()).toEqual([
      'ana.lopez@brightsmiles.example',
      'ben.okafor@brightsmiles.example',
    ]);
    const anaMail = mails.find((mail) => mail.to === ana.email) as ReceivedMail;
    expect(anaMail.from).toBe(mailFrom);
    expect(anaMail.subject).toBe('Please read and acknowledge: Annual policy acknowledgement 2026');
    expect(anaMail.text).toContain('Hello Ana,');
    expect(anaMail.text).toContain('- Acceptable Use Policy (version 1)');
    expect(anaMail.text).toContain('by 2026-11-30');

    for (const mail of mails) {
      const token = tokenIn(mail);
      tokens.push(token);
      const lookup = await publicPost('/attestations/lookup', { token });
      expect(lookup.statusCode).toBe(200);
      expect(lookup.json()).toMatchObject({
        dsoName: 'Bright Smiles Dental Group',
        campaignTitle: 'Annual policy acknowledgement 2026',
        status: 'pending',
        acknowledgedAt: null,
      });
      expect(lookup.json().policies[0].body).toContain('Bright Smiles Dental Group');
      const done = await publicPost('/attestations/acknowledge', { token });
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({
        status: 'acknowledged',
        acknowledgedAt: '2026-11-02T15:00:00.000Z',
      });
    }
    expect(
      (await publicPost('/attestations/lookup', { token: tokens[0] as string })).json().firstName,
    ).toMatch(/^(Ana|Ben)$/);

    const detail = (await api('GET', `/compliance/campaigns/${campaign.id}`, admin)).json();
    expect(detail).toMatchObject({ total: 2, acknowledged: 2, percent: 100, overdue: false });
    expect(detail.practices).toEqual([
      { practiceId, name: 'Bright Smiles Austin', total: 2, acknowledged: 2, percent: 100 },
    ]);
    expect(detail.people.map((p: { method: string }) => p.method)).toEqual(['link', 'link']);
    const list = (await api('GET', '/compliance/campaigns', admin)).json();
    expect(list.items.find((c: { id: string }) => c.id === campaign.id)).toMatchObject({ percent: 100 });

    const stored = await get()
      .handle.db.selectFrom('attestations')
      .select(['ip', 'userAgent', 'tokenHash'])
      .where('campaignId', '=', campaign.id)
      .execute();
    expect(stored.map((row) => [row.ip, row.userAgent])).toEqual([
      ['203.0.113.9', 'Mobile Safari test'],
      ['203.0.113.9', 'Mobile Safari test'],
    ]);
    // Only hashes are stored, and neither the tokens nor the links reach the logs.
    expect(stored.map((row) => row.tokenHash)).not.toContain(tokens[0]);
    expect(capturedLogs.join('')).not.toContain(tokens[0]);
    expect(capturedLogs.join('')).not.toContain(tokens[1]);
  });

  it('acknowledges once: a second acknowledgement keeps the first record', async () => {
    const again = await publicPost('/attestations/acknowledge', { token: tokens[0] as string });
    expect(again.statusCode).toBe(200);
    expect(again.json().acknowledgedAt).toBe('2026-11-02T15:00:00.000Z');
    const events = await get()
      .handle.db.selectFrom('auditEvents')
      .select('action')
      .where('dsoId', '=', dsoId)
      .where('action', '=', 'attestations.acknowledge')
      .execute();
    expect(events).toHaveLength(2);
  });

  it('refuses unknown tokens and closed campaigns clearly', async () => {
    const unknown = await publicPost('/attestations/lookup', { token: 'x'.repeat(43) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
    expect(unknown.json().error.message).toContain('not valid');

    await buildPerson(testDeps(get().handle), dsoId, { firstName: 'Eve', practiceIds: [otherPracticeId] });
    const created = await api('POST', '/compliance/campaigns', admin, {
      title: 'Dallas refresher',
      policyVersionIds: [versionId],
      audience: { practiceIds: [otherPracticeId], jobRoles: ['hygienist'] },
      dueDate: '2026-12-15',
    });
    expect(created.json().total).toBe(2);
    const token = tokenIn(await nextMail());
    await nextMail();
    const closed = await api('POST', `/compliance/campaigns/${created.json().id}/close`, admin);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    const late = await publicPost('/attestations/acknowledge', { token });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.message).toContain('closed');
    expect((await api('POST', `/compliance/campaigns/${created.json().id}/close`, admin)).statusCode).toBe(
      409,
    );
    expect((await api('POST', `/compliance/campaigns/${created.json().id}/remind`, admin)).statusCode).toBe(
      409,
    );
  });

  it('validates the campaign and names what is wrong', async () => {
    const foreignPractice = (
      await buildPractice(testDeps(get().handle), (await buildDso(testDeps(get().handle))).id)
    ).id;
    const bad = await api('POST', '/compliance/campaigns', admin, {
      title: 'Bad',
      policyVersionIds: [draftVersionId, '01900000-0000-7000-8000-000000000009'],
      audience: { practiceIds: [foreignPractice] },
      dueDate: '2026-11-02',
    });
    expect(bad.statusCode).toBe(400);
    const issues = bad.json().error.issues as { path: (string | number)[]; code: string; message: string }[];
    expect(issues.map((issue) => issue.code)).toEqual([
      'not_future',
      'not_approved',
      'not_found',
      'not_found',
    ]);
    expect(issues[1]?.message).toContain(draftVersionId);
    expect(issues[2]?.message).toContain('01900000-0000-7000-8000-000000000009');
    expect(issues[3]?.path).toEqual(['body', 'audience', 'practiceIds', 0]);

    const nobody = await api('POST', '/compliance/campaigns', admin, {
      title: 'Nobody',
      policyVersionIds: [versionId],
      audience: { practiceIds: [practiceId], jobRoles: ['executive'] },
      dueDate: '2026-12-01',
    });
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().error.message).toContain('audience');
  });

  it('keeps a practice manager to campaigns of their own practices', async () => {
    const manager = await authAs(get().handle, dsoId, 'practice_manager', [otherPracticeId]);
    const outside = await api('POST', '/compliance/campaigns', manager, {
      title: 'Austin by Dallas',
      policyVersionIds: [versionId],
      audience: { practiceIds: [practiceId] },
      dueDate: '2026-12-01',
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('not found');
    const own = await api('POST', '/compliance/campaigns', manager, {
      title: 'Dallas front desk',
      policyVersionIds: [versionId],
      dueDate: '2026-12-01',
    });
    expect(own.statusCode).toBe(201);
    expect(own.json().audience.practiceIds).toEqual([otherPracticeId]);
    for (let i = 0; i < own.json().total; i++) await nextMail();
    const seen = (await api('GET', '/compliance/campaigns', manager))
      .json()
      .items.map((c: { title: string }) => c.title);
    expect(seen).toContain('Dallas front desk');
    expect(seen).not.toContain('Annual policy acknowledgement 2026');
  });

  it('creates the campaign without mail and says how many emails could not be sent', async () => {
    const created = await api(
      'POST',
      '/compliance/campaigns',
      admin,
      {
        title: 'No mail here',
        policyVersionIds: [versionId],
        audience: { practiceIds: [practiceId] },
        dueDate: '2026-12-01',
      },
      quietApp,
    );
    expect(created.statusCode).toBe(201);
    expect(created.json().delivery).toMatchObject({ sent: 0, notSent: 2 });
    expect(created.json().delivery.problem).toContain('ENAMEL_SMTP_URL');
    const remind = await api(
      'POST',
      `/compliance/campaigns/${created.json().id}/remind`,
      admin,
      undefined,
      quietApp,
    );
    expect(remind.statusCode).toBe(503);
    expect(remind.json().error.code).toBe('MAIL_NOT_CONFIGURED');
    await api('POST', `/compliance/campaigns/${created.json().id}/close`, admin);
  });

  it('lets a signed-in staff member see and acknowledge their own attestations', async () => {
    const deps = testDeps(get().handle);
    await buildPerson(deps, dsoId, {
      firstName: 'Fay',
      email: 'fay.nguyen@brightsmiles.example',
      practiceIds: [practiceId],
    });
    const created = await api('POST', '/compliance/campaigns', admin, {
      title: 'Fay only',
      policyVersionIds: [versionId],
      audience: { practiceIds: [practiceId], jobRoles: ['hygienist'] },
      dueDate: '2026-12-01',
    });
    for (let i = 0; i < created.json().total; i++) await nextMail();
    const now = '2026-11-02T15:00:00.000Z';
    const userId = '01900000-0000-7000-8000-0000000000fa';
    await get()
      .handle.db.insertInto('users')
      .values({
        id: userId,
        dsoId,
        personId: null,
        email: 'fay.nguyen@brightsmiles.example',
        displayName: 'Fay Nguyen',
        role: 'staff',
        status: 'active',
        passwordHash: null,
        passwordChangedAt: null,
        mfaSecret: null,
        mfaEnabledAt: now,
        mfaLastStep: null,
        recoveryCodes: '[]',
        expiresAt: null,
        lastSignInAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .execute();
    const { createIdentity, sessionCookie } = await import('../../src/modules/identity/identity.service.ts');
    const { openSecretBox } = await import('../../src/platform/crypto/index.ts');
    const { testMasterKey } = await import('../harness/app.ts');
    const secrets = await openSecretBox({
      db: get().handle.db,
      config: loadConfig({ ENAMEL_MASTER_KEY: testMasterKey }),
    });
    const identity = createIdentity(deps, { idleMinutes: 15, maxHours: 12, publicUrl }, secrets);
    const user = await get()
      .handle.db.selectFrom('users')
      .selectAll()
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    const { token, session } = await identity.openSession(user, 'test', true, null);
    const fay = { cookie: `${sessionCookie}=${token}`, 'x-csrf-token': session.csrfToken };

    const mine = await api('GET', '/me/attestations', fay);
    expect(mine.statusCode).toBe(200);
    const item = mine.json().items.find((i: { campaignTitle: string }) => i.campaignTitle === 'Fay only');
    expect(item).toMatchObject({ status: 'pending', overdue: false });
    expect(item.policies[0].title).toBe('Acceptable Use Policy');
    const done = await api('POST', `/me/attestations/${item.id}/acknowledge`, fay);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'acknowledged', method: 'session' });
    // Another person's attestation is not found.
    const other = (await api('GET', `/compliance/campaigns/${created.json().id}`, admin))
      .json()
      .people.find((p: { firstName: string }) => p.firstName !== 'Fay');
    expect((await api('POST', `/me/attestations/${other.attestationId}/acknowledge`, fay)).statusCode).toBe(
      404,
    );
  });

  describe('reminders', () => {
    let campaignId: string;
    let firstToken: string;
    const clock = fixedClock('2026-11-02T15:00:00.000Z');
    const deps = (): ServiceDeps => ({
      db: get().handle.db,
      clock,
      log: createLogger('info', captureStream()),
    });
    const remind = () => sendAttestationReminders(deps(), mailer, publicUrl);

    beforeAll(async () => {
      // Close the earlier campaigns so only this one has pending people.
      for (const c of (await api('GET', '/compliance/campaigns?status=open', admin)).json().items) {
        await api('POST', `/compliance/campaigns/${c.id}/close`, admin);
      }
      const created = await api('POST', '/compliance/campaigns', admin, {
        title: 'Reminder run',
        policyVersionIds: [versionId],
        audience: { practiceIds: [practiceId], jobRoles: ['front_desk'] },
        dueDate: '2026-11-20',
      });
      expect(created.json().total).toBe(1);
      campaignId = created.json().id;
      firstToken = tokenIn(await nextMail());
    });

    it('reminds 7 days and 1 day before the due date, then weekly, once a day at most, with a fresh link', async () => {
      const runs: [string, number][] = [];
      for (const day of [
        '2026-11-12',
        '2026-11-13',
        '2026-11-13',
        '2026-11-18',
        '2026-11-19',
        '2026-11-19',
        '2026-11-20',
        '2026-11-21',
        '2026-11-27',
        '2026-11-28',
      ]) {
        clock.set(`${day}T08:00:00.000Z`);
        runs.push([day, (await remind()).sent]);
      }
      expect(runs).toEqual([
        ['2026-11-12', 0],
        ['2026-11-13', 1],
        ['2026-11-13', 0],
        ['2026-11-18', 0],
        ['2026-11-19', 1],
        ['2026-11-19', 0],
        ['2026-11-20', 0],
        ['2026-11-21', 1],
        ['2026-11-27', 0],
        ['2026-11-28', 1],
      ]);
      const reminders = [await nextMail(), await nextMail(), await nextMail(), await nextMail()];
      expect(reminders.map((mail) => mail.subject)).toEqual([
        'Reminder: please acknowledge Reminder run',
        'Reminder: please acknowledge Reminder run',
        'Overdue: please acknowledge Reminder run',
        'Overdue: please acknowledge Reminder run',
      ]);
      const fresh = reminders.map(tokenIn);
      expect(new Set([firstToken, ...fresh]).size).toBe(5);
      // Only the newest link works: the older tokens' hashes were replaced.
      expect((await publicPost('/attestations/lookup', { token: firstToken })).statusCode).toBe(400);
      expect((await publicPost('/attestations/lookup', { token: fresh[2] as string })).statusCode).toBe(400);
      const latest = await publicPost('/attestations/lookup', { token: fresh[3] as string });
      expect(latest.json()).toMatchObject({ status: 'pending', firstName: 'Ben' });
      const row = (await api('GET', `/compliance/campaigns/${campaignId}`, admin)).json().people[0];
      expect(row).toMatchObject({ remindersSent: 4, lastRemindedAt: '2026-11-28T08:00:00.000Z' });
    });

    it('sends a reminder now on request, skipping people reminded today', async () => {
      const now = await api('POST', `/compliance/campaigns/${campaignId}/remind`, admin);
      expect(now.statusCode).toBe(200);
      expect(now.json()).toMatchObject({ sent: 1, skipped: 0 });
      const token = tokenIn(await nextMail());
      expect((await publicPost('/attestations/acknowledge', { token })).json().status).toBe('acknowledged');
      clock.set('2026-12-05T08:00:00.000Z');
      expect((await remind()).sent).toBe(0);
    });

    it('lets a missing mail server surface when something is due', async () => {
      await api('POST', '/compliance/campaigns', admin, {
        title: 'Due soon, no mail',
        policyVersionIds: [versionId],
        audience: { practiceIds: [otherPracticeId], jobRoles: ['front_desk'] },
        dueDate: '2026-11-05',
      });
      await nextMail();
      clock.set('2026-11-04T08:00:00.000Z');
      const { createUnconfiguredMailer } = await import('../../src/platform/mail/index.ts');
      await expect(
        sendAttestationReminders(deps(), createUnconfiguredMailer(), publicUrl),
      ).rejects.toMatchObject({
        code: 'MAIL_NOT_CONFIGURED',
      });
    });
  });
});
