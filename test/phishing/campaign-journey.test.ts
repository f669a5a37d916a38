import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSender } from '../../src/modules/phishing/sending/index.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { openSecretBox } from '../../src/platform/crypto/index.ts';
import { buildDso, buildPerson, buildPractice, testDeps } from '../factories/org.ts';
import { createTestApp, testMasterKey } from '../harness/app.ts';
import { authAs } from '../harness/auth.ts';
import { describeEachDialect } from '../harness/db.ts';
import { type SmtpPeer, startSmtpPeer } from '../mail/smtp-peer.ts';

/**
 * The campaign test, through every part at once: a 200-recipient campaign created over the API, sent by
 * the sender to a real SMTP server, then opened, clicked, submitted and reported over HTTP on the links the
 * emails carry, and counted by the results API. A scanner's click is kept apart.
 */
const recipients = 200;
const created = '2026-11-02T15:00:00.000Z';
// Monday 2 November 2026: 16:00 UTC is inside business hours in every US zone east of the Pacific.
const launch = '2026-11-02T16:00:00.000Z';
const later = '2026-11-02T17:00:00.000Z';
const browser =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

describeEachDialect('a phishing campaign from creation to results', (get) => {
  let peer: SmtpPeer;
  beforeAll(async () => {
    peer = await startSmtpPeer();
  });
  afterAll(async () => peer.close());

  it('sends 200 emails, records what people do over HTTP, and counts it', async () => {
    const handle = get().handle;
    const deps = testDeps(handle, created);
    const dso = await buildDso(deps);
    const practice = await buildPractice(deps, dso.id, { state: 'TX', timeZone: 'America/Chicago' });
    for (let i = 0; i < recipients; i += 1) {
      await buildPerson(deps, dso.id, { practiceIds: [practice.id], email: `person${i}@journey.example` });
    }
    const { app } = await createTestApp(handle, { ENAMEL_TRACKING_URL: 'https://track.example' }, created);
    const admin = await authAs(handle, dso.id);

    const profile = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/sending-profiles',
      headers: admin,
      payload: { name: 'Local relay', smtpUrl: peer.url },
    });
    expect(profile.statusCode, profile.body).toBe(201);
    const campaign = await app.inject({
      method: 'POST',
      url: '/api/v1/phishing/campaigns',
      headers: admin,
      payload: {
        name: 'Autumn payer lures',
        templateIds: ['builtin:payer-eob-claim-portal', 'builtin:it-password-expiry'],
        sendingProfileId: profile.json().id,
        audience: { practiceIds: [practice.id] },
        launchAt: launch,
      },
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const campaignId = campaign.json().id;

    // The sender, at a time after the launch: every message is due.
    const config = loadConfig({
      ENAMEL_MASTER_KEY: testMasterKey,
      ENAMEL_TRACKING_URL: 'https://track.example',
    });
    const secrets = await openSecretBox({ db: handle.db, config });
    const sender = startSender({ deps: testDeps(handle, launch), config, secrets, intervalMs: 60_000 });
    while ((await sender.runOnce()) > 0) {
      // Each round claims up to a batch; the loop ends when nothing is left to claim.
    }
    await sender.stop();
    expect(peer.messages).toHaveLength(recipients);
    const tokens = peer.messages.map((mail) => {
      const match = /https:\/\/track\.example\/l\/([A-Za-z0-9_-]{43})/.exec(mail.raw.replace(/=\r?\n/g, ''));
      expect(match, mail.subject).not.toBeNull();
      return (match as RegExpExecArray)[1] as string;
    });
    expect(new Set(tokens).size).toBe(recipients);

    // What people do, an hour after delivery (the tracking server's clock is the app's).
    const { app: tracking } = await createTestApp(
      handle,
      { ENAMEL_TRACKING_URL: 'https://track.example' },
      later,
    );
    const ua = { 'user-agent': browser };
    for (const token of tokens.slice(0, 100)) {
      expect((await tracking.inject({ url: `/o/${token}.gif`, headers: ua })).statusCode).toBe(200);
    }
    for (const token of tokens.slice(0, 40)) {
      expect((await tracking.inject({ url: `/l/${token}`, headers: ua })).statusCode).toBe(200);
      await tracking.inject({ method: 'POST', url: `/l/${token}/c`, headers: ua });
    }
    for (const token of tokens.slice(0, 10)) {
      const submitted = await tracking.inject({
        method: 'POST',
        url: `/l/${token}`,
        headers: { ...ua, 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'username=pat&password=Molar-Secret-991',
      });
      expect(submitted.statusCode).toBeLessThan(400);
    }
    // A mail scanner follows the link of someone who never clicked.
    await tracking.inject({ url: `/l/${tokens[150]}`, headers: { 'user-agent': 'python-requests/2.31' } });
    for (const token of tokens.slice(30, 60)) {
      const report = await app.inject({
        method: 'POST',
        url: '/api/v1/phishing/reports',
        headers: admin,
        payload: { token },
      });
      expect(report.statusCode, report.body).toBeLessThan(300);
    }
    await tracking.close();

    const results = await app.inject({
      url: `/api/v1/phishing/campaigns/${campaignId}/results`,
      headers: admin,
    });
    expect(results.statusCode, results.body).toBe(200);
    const { stats } = results.json();
    expect(stats).toMatchObject({
      recipients,
      sent: recipients,
      errors: 0,
      clicked: 40,
      submitted: 10,
      reported: 30,
      failed: 40,
      automatedRecipients: 1,
      failRate: 20,
      reportRate: 15,
    });
    // Opened counts the 100 pixels plus nobody else: every clicker also loaded the pixel.
    expect(stats.opened).toBe(100);
    expect(stats.missed).toBe(recipients - 40 - 20);
    const stored = JSON.stringify(await handle.db.selectFrom('phishingEvents').selectAll().execute());
    expect(stored).not.toContain('Molar-Secret-991');
    await app.close();
  });
});
