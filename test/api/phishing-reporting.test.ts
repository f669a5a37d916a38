import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/modules/identity/identity.roles.ts';
import { isEncrypted } from '../../src/platform/crypto/index.ts';
import { buildPractice, testDeps } from '../factories/org.ts';
import { capturedLogs, createTestApp } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';
import { type SmtpPeer, startSmtpPeer } from '../mail/smtp-peer.ts';
import { startImapPeer } from '../phishing/imap-peer.ts';
import { buildOutlookMsg } from '../phishing/msg-fixture.ts';
import {
  buildDsoWithDomain,
  buildSentSimulation,
  compose,
  reportWithAttachment,
  type SimulationMessage,
  simulationEmail,
  trackingUrl,
} from '../phishing/report-fixtures.ts';

const now = '2026-11-02T15:00:00.000Z';
const mailboxPassword = 'Imap-Pa55word-that-must-never-leak';

describeEachDialect('phishing report path API', (get) => {
  let app: FastifyInstance;
  let peer: SmtpPeer;
  let dsoId: string;
  let practiceId: string;
  let campaignId: string;
  let messages: SimulationMessage[];
  let bearer: Record<string, string>;
  const as = (role: Role = 'security_officer', practices: string[] = []) =>
    authAs(get().handle, dsoId, role, practices);
  const message = (id: string) =>
    get().handle.db.selectFrom('phishingMessages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const post = async (
    url: string,
    headers: Record<string, string>,
    contentType: string,
    payload: Buffer | string,
  ) => app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload });

  beforeAll(async () => {
    peer = await startSmtpPeer();
    ({ app } = await createTestApp(get().handle, {
      ENAMEL_TRACKING_URL: trackingUrl,
      ENAMEL_SMTP_URL: peer.url,
      ENAMEL_MAIL_FROM: 'security@brightsmiles.example',
      ENAMEL_REPORT_SMTP_PORT: '2525',
      ENAMEL_REPORT_SMTP_HOST: '10.0.0.5',
    }));
    const deps = testDeps(get().handle, now);
    dsoId = (await buildDsoWithDomain(deps, 'brightsmiles.example')).id;
    practiceId = (await buildPractice(deps, dsoId)).id;
    const simulation = await buildSentSimulation(get().handle, dsoId, [
      'ana@brightsmiles.example',
      'ben@brightsmiles.example',
    ]);
    campaignId = simulation.campaignId;
    messages = simulation.messages;
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: await as('dso_admin'),
      payload: { name: 'Report button add-in', scopes: ['reports:submit'] },
    });
    expect(token.statusCode).toBe(201);
    bearer = { authorization: `Bearer ${token.json().secret}` };
  });
  afterAll(async () => {
    await app.close();
    await peer.close();
  });

  it('POST /phishing/reports takes a report as message/rfc822 with an API token and records Email Reported', async () => {
    const ana = messages[0] as SimulationMessage;
    const raw = await compose(
      reportWithAttachment(ana.email, 'phish-report@brightsmiles.example', {
        filename: 'eob.eml',
        content: await simulationEmail(ana.email, ana.token),
        contentType: 'message/rfc822',
      }),
    );
    const response = await post('/api/v1/phishing/reports', bearer, 'message/rfc822', raw);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      outcome: 'simulation',
      thankYou: 'sent',
      reportedEmail: { status: 'simulation', source: 'api', simulation: { messageId: ana.id, campaignId } },
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect((await message(ana.id)).reportedAt).toBe(now);
    expect((await peer.message(0)).envelopeTo).toEqual([ana.email]);
  });

  it('POST /phishing/reports takes JSON { token } as GoPhish’s /report?rid= did, only within the DSO', async () => {
    const ben = messages[1] as SimulationMessage;
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/reports',
      headers: bearer,
      payload: { token: ben.token },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ outcome: 'simulation', reportedEmail: null, thankYou: 'sent' });
    expect((await message(ben.id)).reportedAt).toBe(now);

    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/reports',
      headers: bearer,
      payload: { token: 'short' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('token');
    const other = await buildDsoWithDomain(testDeps(get().handle), 'othersmiles.example');
    const { messages: theirs } = await buildSentSimulation(get().handle, other.id, [
      'zoe@othersmiles.example',
    ]);
    const foreign = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/reports',
      headers: bearer,
      payload: { token: (theirs[0] as SimulationMessage).token },
    });
    expect(foreign.statusCode).toBe(404);
    expect((await message((theirs[0] as SimulationMessage).id)).reportedAt).toBeNull();
  });

  it('refuses an API token without reports:submit', async () => {
    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: await as('dso_admin'),
      payload: { name: 'Directory sync', scopes: ['people:read'] },
    });
    const response = await post(
      '/api/v1/phishing/reports',
      { authorization: `Bearer ${token.json().secret}` },
      'message/rfc822',
      'Subject: x\r\n\r\nx',
    );
    expect(response.statusCode).toBe(403);
  });

  it('uploads a .msg for the security team, once per SHA-256, and lists metadata only', async () => {
    const msg = buildOutlookMsg({
      subject: 'Wire the Patterson invoice today',
      senderSmtpAddress: 'ceo@brightsmi1es.example',
      body: 'Pay now via wire to account 000123. Do not call me, I am in surgery.',
    });
    const headers = await as('it_admin');
    const first = await post(
      '/api/v1/phishing/reported-emails/upload',
      headers,
      'application/vnd.ms-outlook',
      msg,
    );
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      outcome: 'queued',
      reportedEmail: { status: 'new', source: 'upload', subject: 'Wire the Patterson invoice today' },
    });
    const again = await post(
      '/api/v1/phishing/reported-emails/upload',
      headers,
      'application/octet-stream',
      msg,
    );
    expect(again.json()).toMatchObject({
      outcome: 'duplicate',
      reportedEmail: { id: first.json().reportedEmail.id },
    });

    const queue = await app.inject({ url: '/api/v1/phishing/reported-emails?status=new', headers });
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items.map((item: { id: string }) => item.id)).toEqual([
      first.json().reportedEmail.id,
    ]);
    expect(queue.body).not.toContain('account 000123');
    const simulations = await app.inject({
      url: '/api/v1/phishing/reported-emails?status=simulation',
      headers,
    });
    expect(simulations.json().items).toEqual([
      expect.objectContaining({
        simulation: { messageId: (messages[0] as SimulationMessage).id, campaignId },
      }),
    ]);
    const paged = await app.inject({ url: '/api/v1/phishing/reported-emails?limit=1', headers });
    expect(paged.json().items).toHaveLength(1);
    const next = await app.inject({
      url: `/api/v1/phishing/reported-emails?limit=1&cursor=${paged.json().nextCursor}`,
      headers,
    });
    expect(next.json().items[0].id).not.toBe(paged.json().items[0].id);

    const one = await app.inject({
      url: `/api/v1/phishing/reported-emails/${first.json().reportedEmail.id}`,
      headers,
    });
    expect(one.json()).toMatchObject({ fromAddress: 'ceo@brightsmi1es.example', size: msg.length });
    expect(one.body).not.toContain('account 000123');
    const missing = await app.inject({
      url: '/api/v1/phishing/reported-emails/01900000-0000-7000-8000-000000000001',
      headers,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('answers 415 to an upload that is not an email body and 413 past 25 MB', async () => {
    const headers = await as('it_admin');
    const json = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/reported-emails/upload',
      headers,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
    const huge = await post(
      '/api/v1/phishing/reported-emails/upload',
      headers,
      'message/rfc822',
      Buffer.alloc(25 * 1024 * 1024 + 10, 'a'),
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toContain('at most 25 MB');
  });

  it('gives the same answers whatever practices a role is limited to; managers and auditors cannot read reports', async () => {
    for (const role of ['practice_manager', 'auditor', 'staff'] as Role[]) {
      const headers = await as(role, role === 'auditor' ? [] : [practiceId]);
      const response = await app.inject({ url: '/api/v1/phishing/reported-emails', headers });
      expect([role, response.statusCode]).toEqual([role, 403]);
    }
    const all = await app.inject({
      url: '/api/v1/phishing/reported-emails',
      headers: await as('security_officer'),
    });
    const limited = await app.inject({
      url: '/api/v1/phishing/reported-emails',
      headers: await as('security_officer', [practiceId]),
    });
    expect(limited.json().items).toEqual(all.json().items);
  });

  it('keeps the report mailbox password write-only and encrypted, and tests the connection', async () => {
    const headers = await as('it_admin');
    const empty = await app.inject({ url: '/api/v1/phishing/report-mailbox', headers });
    expect(empty.json()).toMatchObject({
      configured: false,
      password: 'not set',
      smtpReceiver: { enabled: true, host: '10.0.0.5', port: 2525 },
    });
    const put = (payload: object) =>
      app.inject({ method: 'PUT', url: '/api/v1/phishing/report-mailbox', headers, payload });
    const noPassword = await put({
      host: '127.0.0.1',
      port: 1,
      secure: false,
      username: 'phish@brightsmiles.example',
    });
    expect(noPassword.statusCode).toBe(400);
    expect(noPassword.json().error.message).toContain('password');

    const saved = await put({
      host: '127.0.0.1',
      port: 1,
      secure: false,
      username: 'phish@brightsmiles.example',
      password: mailboxPassword,
      folder: 'Reported',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      configured: true,
      password: 'set',
      folder: 'Reported',
      enabled: true,
    });
    expect(saved.body).not.toContain(mailboxPassword);
    const stored = await get().handle.db.selectFrom('reportMailboxes').selectAll().executeTakeFirstOrThrow();
    expect(isEncrypted(stored.password)).toBe(true);

    const renamed = await put({
      host: '127.0.0.1',
      port: 1,
      secure: false,
      username: 'phish@brightsmiles.example',
      folder: 'Reported',
    });
    expect(renamed.json().password).toBe('set');
    const kept = await get()
      .handle.db.selectFrom('reportMailboxes')
      .select('password')
      .executeTakeFirstOrThrow();
    expect(kept.password).toBe(stored.password);

    const tested = await app.inject({ method: 'POST', url: '/api/v1/phishing/report-mailbox/test', headers });
    expect(tested.statusCode).toBe(200);
    expect(tested.json()).toMatchObject({ ok: false, messages: null });
    expect(tested.json().message).toContain('Could not read "Reported" on 127.0.0.1:1');
    expect(tested.body).not.toContain(mailboxPassword);
    const imap = await startImapPeer(
      { user: 'phish@brightsmiles.example', pass: mailboxPassword },
      'Reported',
    );
    try {
      imap.folder.messages.set(3, Buffer.from('Subject: one\r\n\r\nx\r\n'));
      await put({
        host: '127.0.0.1',
        port: imap.port,
        secure: false,
        username: 'phish@brightsmiles.example',
        folder: 'Reported',
      });
      const working = await app.inject({
        method: 'POST',
        url: '/api/v1/phishing/report-mailbox/test',
        headers,
      });
      expect(working.json()).toMatchObject({ ok: true, messages: 1 });
      expect(working.json().message).toContain('opened "Reported"');
    } finally {
      await imap.close();
    }
    const trail = await get()
      .handle.db.selectFrom('auditEvents')
      .selectAll()
      .where('resourceType', '=', 'reportMailbox')
      .orderBy('seq')
      .execute();
    expect(trail.map((entry) => entry.action)).toEqual([
      'reportMailboxes.create',
      'reportMailboxes.update',
      'reportMailboxes.update',
    ]);
    expect(JSON.stringify(trail)).not.toContain(mailboxPassword);
    expect(capturedLogs.join('')).not.toContain(mailboxPassword);
  });

  it('audits each stored report with counts only', async () => {
    const entries = await get()
      .handle.db.selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'reportedEmails.create')
      .where('dsoId', '=', dsoId)
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(entries)).not.toContain('Patterson');
  });
});
