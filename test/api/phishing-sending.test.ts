import { generateKeyPairSync } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDso, testDeps } from '../factories/org.ts';
import { capturedLogs, createTestApp } from '../harness/app.ts';
import { type AuthHeaders, authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';
import { type SmtpPeer, startSmtpPeer } from '../mail/smtp-peer.ts';
import { insertCampaign } from '../phishing/sender-fixtures.ts';

const password = 'Sm7p-pa55word!';
const dkimKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

describeEachDialect('phishing: sending profiles', (get) => {
  let app: FastifyInstance;
  let dsoId: string;
  let admin: AuthHeaders;
  let auditor: AuthHeaders;
  let peer: SmtpPeer;
  let profileId: string;

  const api = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: AuthHeaders,
    payload?: object,
  ) => app.inject({ method, url: `/api/v1/phishing${url}`, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    ({ app } = await createTestApp(get().handle));
    dsoId = (await buildDso(testDeps(get().handle))).id;
    admin = await authAs(get().handle, dsoId);
    auditor = await authAs(get().handle, dsoId, 'auditor');
    peer = await startSmtpPeer({ user: 'sim-sender', pass: password });
  });
  afterAll(async () => peer.close());

  it('creates a profile with its secrets sealed and answers "set", never the values', async () => {
    const response = await api('POST', '/sending-profiles', admin, {
      name: 'Simulation relay',
      smtpUrl: peer.url,
      maxConnections: 4,
      dkim: { domain: 'Sim.Smile.example', selector: 'enamel1', privateKey: dkimKey },
      headers: [{ name: 'X-Mailer-Route', value: 'simulation' }],
    });
    expect(response.statusCode).toBe(201);
    const profile = response.json();
    profileId = profile.id;
    expect(profile).toMatchObject({
      name: 'Simulation relay',
      maxConnections: 4,
      smtp: { host: '127.0.0.1', security: 'starttls', auth: 'set' },
      dkim: { domain: 'sim.smile.example', selector: 'enamel1', privateKey: 'set' },
      headers: [{ name: 'X-Mailer-Route', value: 'simulation' }],
      simulationHeader: { name: 'X-Enamel-Simulation', value: 'true' },
    });
    expect(profile.smtp.display).toMatch(/^smtp:\/\/\*\*\*@127\.0\.0\.1:\d+$/);
    expect(response.body).not.toContain(password);
    expect(response.body).not.toContain('sim-sender');
    expect(response.body).not.toContain('PRIVATE KEY');

    const row = await get()
      .handle.db.selectFrom('sendingProfiles')
      .selectAll()
      .where('id', '=', profileId)
      .executeTakeFirstOrThrow();
    expect(row.smtpUrl).toMatch(/^enc:v1:/);
    expect(row.dkimPrivateKey).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toContain(password);

    const read = await api('GET', '/sending-profiles', auditor);
    expect(read.statusCode).toBe(200);
    expect(read.json().items.map((p: { id: string }) => p.id)).toContain(profileId);
    expect(read.body).not.toContain(password);
    expect((await api('POST', '/sending-profiles', auditor, {})).statusCode).toBe(403);
  });

  it('refuses a bad URL, header names, overriding From/To/Subject/Message-ID and a key that does not parse', async () => {
    const response = await api('POST', '/sending-profiles', admin, {
      name: 'Broken',
      smtpUrl: 'http://mail.example.com',
      dkim: { domain: 'smile.example', selector: 'enamel1', privateKey: 'not a key' },
      headers: [
        { name: 'From', value: 'ceo@smile.example' },
        { name: 'Bad Header', value: 'x' },
        { name: 'X-Ok', value: 'line\r\nInjected: yes' },
      ],
      simulationHeader: { name: 'Message-ID', value: 'x' },
    });
    expect(response.statusCode).toBe(400);
    const paths = response
      .json()
      .error.issues.map((issue: { path: (string | number)[] }) => issue.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'body.smtpUrl',
        'body.dkim.privateKey',
        'body.headers.0.name',
        'body.headers.1.name',
        'body.headers.2.value',
        'body.simulationHeader.name',
      ]),
    );
    const duplicate = await api('POST', '/sending-profiles', admin, {
      name: 'Twice',
      smtpUrl: 'smtps://mail.example.com',
      headers: [
        { name: 'X-Route', value: 'a' },
        { name: 'x-route', value: 'b' },
      ],
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('repeats');
  });

  it('updates fields and keeps the stored secrets when they are not given again', async () => {
    const renamed = await api('PATCH', `/sending-profiles/${profileId}`, admin, {
      name: 'Simulation relay (M365)',
      dkim: { domain: 'sim.smile.example', selector: 'enamel2' },
      simulationHeader: { name: 'X-Smile-Awareness', value: 'drill-2026' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({
      name: 'Simulation relay (M365)',
      smtp: { auth: 'set' },
      dkim: { selector: 'enamel2', privateKey: 'set' },
      simulationHeader: { name: 'X-Smile-Awareness', value: 'drill-2026' },
    });
  });

  it('sends a test email through the profile and answers the server’s reply', async () => {
    const response = await api('POST', `/sending-profiles/${profileId}/test`, admin, {
      to: 'it.lead@smile.example',
      from: 'security@smile.example',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ accepted: true, responseCode: 250 });
    expect(response.json().response).toMatch(/^250 /);
    const mail = await peer.message(peer.messages.length - 1);
    expect(mail.envelopeTo).toEqual(['it.lead@smile.example']);
    expect(mail.raw).toMatch(/^X-Smile-Awareness: drill-2026$/m);
    expect(mail.raw).toMatch(/^X-Mailer-Route: simulation$/m);
    expect(mail.raw).toMatch(/^DKIM-Signature: .*d=sim\.smile\.example/m);
  });

  it('answers the server’s error when the test email is refused', async () => {
    const wrong = await api('POST', '/sending-profiles', admin, {
      name: 'Wrong password',
      smtpUrl: peer.url.replace(encodeURIComponent(password), 'nope'),
    });
    expect(wrong.statusCode).toBe(201);
    const response = await api('POST', `/sending-profiles/${wrong.json().id}/test`, admin, {
      to: 'it.lead@smile.example',
      from: 'security@smile.example',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ accepted: false, messageId: null });
    expect(response.json().response).toMatch(/Invalid username or password|535/);
    const noFrom = await api('POST', `/sending-profiles/${wrong.json().id}/test`, admin, {
      to: 'it.lead@smile.example',
    });
    expect(noFrom.statusCode).toBe(400);
  });

  it('refuses to delete a profile a campaign still needs, then deletes it once the campaign is finished', async () => {
    const campaign = await insertCampaign(get().handle.db, {
      dsoId,
      profileId,
      templateIds: ['builtin:none'],
      recipients: 0,
      scheduledAt: '2026-11-10T14:00:00.000Z',
    });
    const refused = await api('DELETE', `/sending-profiles/${profileId}`, admin);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('not finished');
    await get()
      .handle.db.updateTable('phishingCampaigns')
      .set({ status: 'completed' })
      .where('id', '=', campaign.id)
      .execute();
    const deleted = await api('DELETE', `/sending-profiles/${profileId}`, admin);
    expect(deleted.statusCode).toBe(204);
    expect((await api('GET', `/sending-profiles/${profileId}`, admin)).statusCode).toBe(404);
    const row = await get()
      .handle.db.selectFrom('phishingCampaigns')
      .select('sendingProfileId')
      .where('id', '=', campaign.id)
      .executeTakeFirstOrThrow();
    expect(row.sendingProfileId).toBeNull();
  });

  it('never writes the SMTP password or the DKIM key to the logs', () => {
    const logs = capturedLogs.join('\n');
    expect(logs).not.toContain(password);
    expect(logs).not.toContain(dkimKey.split('\n')[1]);
  });
});
