import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { simulationMessageId, startSender } from '../../src/modules/phishing/sending/index.ts';
import { listBuiltinTemplates, renderTemplate } from '../../src/modules/phishing/templates/index.ts';
import { clickUrl, pixelUrl } from '../../src/modules/phishing/tracking/urls.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { ServiceDeps } from '../../src/platform/context.ts';
import { openSecretBox, type SecretBox } from '../../src/platform/crypto/index.ts';
import { createLogger } from '../../src/platform/log.ts';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { captureStream, testMasterKey } from '../harness/app.ts';
import { describeEachDialect } from '../harness/db.ts';
import {
  type CampaignFixture,
  insertCampaign,
  insertProfile,
  parseMail,
  type SmtpSink,
  startSmtpSink,
} from './sender-fixtures.ts';

const trackingUrl = 'https://track.example.net';
const templates = listBuiltinTemplates().slice(0, 3);
const templateIds = templates.map((t) => t.id);
const minute = 60_000;
type Recipient = CampaignFixture['messages'][number];

describeEachDialect('phishing sender', (get) => {
  const clock = fixedClock('2026-11-02T15:00:00.000Z');
  let deps: ServiceDeps;
  let secrets: SecretBox;
  let sink: SmtpSink & { hold: boolean };
  let dsoId: string;
  let practiceId: string;
  let profileId: string;
  const due = '2026-11-02T14:00:00.000Z';

  const sender = () =>
    startSender({ deps, config: { trackingUrl }, secrets, intervalMs: 3_600_000, batchSize: 100 });
  const drain = async (run: () => Promise<number>) => {
    while ((await run()) > 0) {
      // Rounds until nothing is due.
    }
  };
  const message = (id: string) =>
    get().handle.db.selectFrom('phishingMessages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const campaign = (id: string) =>
    get()
      .handle.db.selectFrom('phishingCampaigns')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const events = (campaignId: string, type: string) =>
    get()
      .handle.db.selectFrom('phishingEvents')
      .selectAll()
      .where('campaignId', '=', campaignId)
      .where('type', '=', type)
      .execute();

  beforeAll(async () => {
    const base = testDeps(get().handle);
    deps = { db: base.db, clock, log: createLogger('info', captureStream()) };
    secrets = await openSecretBox({ db: deps.db, config: loadConfig({ ENAMEL_MASTER_KEY: testMasterKey }) });
    dsoId = (await buildDso(base)).id;
    practiceId = (await buildPractice(base, dsoId, { name: 'Bright Smiles Austin' })).id;
    sink = await startSmtpSink();
    profileId = await insertProfile(deps.db, secrets, dsoId, sink.url);
  });
  afterAll(async () => sink.close());

  it('sends a 200-recipient campaign: one email each, simulation header, its template, its own link', async () => {
    sink.mails.length = 0;
    const fixture = await insertCampaign(deps.db, {
      dsoId,
      profileId,
      templateIds,
      recipients: 200,
      scheduledAt: due,
      practiceId,
    });
    const run = sender();
    expect(await run.runOnce()).toBe(100);
    expect((await campaign(fixture.id)).status).toBe('sending');
    await drain(run.runOnce);
    await run.stop();

    expect(sink.mails).toHaveLength(200);
    const byRecipient = new Map(sink.mails.map((mail) => [mail.envelopeTo, mail]));
    expect(byRecipient.size).toBe(200);
    for (const [n, expected] of fixture.messages.entries()) {
      const mail = byRecipient.get(expected.email);
      expect(mail, expected.email).toBeDefined();
      const { email, header } = await parseMail(mail?.raw ?? '');
      const template = templates.find((t) => t.id === expected.templateId);
      if (!template) throw new Error('template');
      const rendered = renderTemplate(template, {
        firstName: `First${n}`,
        lastName: `Last${n}`,
        email: expected.email,
        practiceName: 'Bright Smiles Austin',
        clickUrl: clickUrl(trackingUrl, expected.token),
        pixelUrl: pixelUrl(trackingUrl, expected.token),
      });
      expect(email.subject).toBe(rendered.subject);
      expect(email.from?.address).toBe(rendered.senderAddress);
      expect(email.html).toContain(clickUrl(trackingUrl, expected.token));
      expect(header('x-enamel-simulation')).toBe('true');
      expect(header('x-campaign-source')).toBe('enamel-test');
      const row = await message(expected.id);
      expect(row).toMatchObject({
        state: 'sent',
        attempts: 1,
        leaseUntil: null,
        sentAt: clock.now().toISOString(),
      });
      expect(header('message-id')).toBe(row.smtpMessageId);
      expect(row.smtpMessageId).toBe(
        simulationMessageId(expected.token, rendered.senderAddress.split('@')[1] ?? ''),
      );
    }
    expect(await events(fixture.id, 'email_sent')).toHaveLength(200);
    expect(await campaign(fixture.id)).toMatchObject({
      status: 'completed',
      completedAt: clock.now().toISOString(),
    });
  });

  it('retries a 4xx with back-off (1, 2, 4 ... minutes) and gives up after 8 attempts', async () => {
    sink.mails.length = 0;
    const fixture = await insertCampaign(deps.db, {
      dsoId,
      profileId,
      templateIds,
      recipients: 2,
      scheduledAt: clock.now().toISOString(),
    });
    const [flaky, hopeless] = fixture.messages as [Recipient, Recipient];
    let flakyFailures = 2;
    sink.reply = (to) => {
      if (to === hopeless.email) return { code: 451, message: 'Mailbox busy, try later' };
      if (to === flaky.email && flakyFailures > 0) {
        flakyFailures -= 1;
        return { code: 452, message: 'Insufficient system storage' };
      }
      return undefined;
    };
    const run = sender();
    const start = clock.now().getTime();
    expect(await run.runOnce()).toBe(2);
    expect(await message(flaky.id)).toMatchObject({
      state: 'scheduled',
      attempts: 1,
      scheduledAt: new Date(start + minute).toISOString(),
    });
    expect((await message(flaky.id)).lastError).toContain('Insufficient system storage');
    expect(await run.runOnce()).toBe(0);
    clock.advance(minute);
    expect(await run.runOnce()).toBe(2);
    expect((await message(hopeless.id)).scheduledAt).toBe(new Date(start + 3 * minute).toISOString());
    clock.advance(2 * minute);
    await run.runOnce();
    expect(await message(flaky.id)).toMatchObject({ state: 'sent', attempts: 3 });
    for (let attempt = 3; attempt < 8; attempt += 1) {
      expect((await message(hopeless.id)).state).toBe('scheduled');
      clock.advance(2 ** (attempt - 1) * minute);
      expect(await run.runOnce()).toBe(1);
    }
    const given = await message(hopeless.id);
    expect(given).toMatchObject({ state: 'error', attempts: 8 });
    expect(given.lastError).toContain('Gave up after 8 attempts');
    expect(given.lastError).toContain('Mailbox busy');
    expect(await events(fixture.id, 'error_sending')).toHaveLength(1);
    expect((await campaign(fixture.id)).status).toBe('completed');
    await run.stop();
    sink.reply = () => undefined;
  });

  it('marks a 5xx as an error at once with the server’s answer', async () => {
    const fixture = await insertCampaign(deps.db, {
      dsoId,
      profileId,
      templateIds,
      recipients: 3,
      scheduledAt: clock.now().toISOString(),
    });
    const refused = fixture.messages[1] as { id: string; email: string };
    sink.reply = (to) => (to === refused.email ? { code: 550, message: 'No such user here' } : undefined);
    const run = sender();
    await drain(run.runOnce);
    await run.stop();
    sink.reply = () => undefined;
    const row = await message(refused.id);
    expect(row).toMatchObject({ state: 'error', attempts: 1 });
    expect(row.lastError).toMatch(/^550 .*No such user here/);
    const errors = await events(fixture.id, 'error_sending');
    expect(errors).toHaveLength(1);
    expect(JSON.parse(errors[0]?.detail ?? '{}')).toMatchObject({ responseCode: 550 });
    expect(await events(fixture.id, 'email_sent')).toHaveLength(2);
  });

  it('sends nothing for a paused or cancelled campaign', async () => {
    sink.mails.length = 0;
    const paused = await insertCampaign(deps.db, {
      dsoId,
      profileId,
      templateIds,
      recipients: 5,
      scheduledAt: due,
      status: 'paused',
    });
    await insertCampaign(deps.db, {
      dsoId,
      profileId,
      templateIds,
      recipients: 5,
      scheduledAt: due,
      status: 'cancelled',
    });
    const run = sender();
    expect(await run.runOnce()).toBe(0);
    expect(sink.mails).toHaveLength(0);
    await deps.db
      .updateTable('phishingCampaigns')
      .set({ status: 'sending' })
      .where('id', '=', paused.id)
      .execute();
    await drain(run.runOnce);
    await run.stop();
    expect(sink.mails).toHaveLength(5);
  });

  it('never gives one message to two senders running at once', async () => {
    sink.mails.length = 0;
    await insertCampaign(deps.db, { dsoId, profileId, templateIds, recipients: 120, scheduledAt: due });
    const first = startSender({
      deps,
      config: { trackingUrl },
      secrets,
      intervalMs: 3_600_000,
      batchSize: 25,
    });
    const second = startSender({
      deps,
      config: { trackingUrl },
      secrets,
      intervalMs: 3_600_000,
      batchSize: 25,
    });
    await Promise.all([drain(first.runOnce), drain(second.runOnce)]);
    await Promise.all([first.stop(), second.stop()]);
    expect(sink.mails).toHaveLength(120);
    expect(new Set(sink.mails.map((m) => m.envelopeTo)).size).toBe(120);
  });

  it('takes over a stale claim once its lease ran out, and does not resend one the recipient already opened', async () => {
    sink.mails.length = 0;
    const fixture = await insertCampaign(deps.db, {
      dsoId,
      profileId,
      templateIds,
      recipients: 3,
      scheduledAt: clock.now().toISOString(),
      status: 'sending',
    });
    const [lost, opened, fresh] = fixture.messages as [Recipient, Recipient, Recipient];
    const leaseUntil = new Date(clock.now().getTime() + 5 * minute).toISOString();
    await deps.db
      .updateTable('phishingMessages')
      .set({ state: 'sending', leaseUntil, attempts: 1 })
      .where('id', 'in', [lost.id, opened.id])
      .execute();
    await deps.db
      .updateTable('phishingMessages')
      .set({ openedAt: clock.now().toISOString() })
      .where('id', '=', opened.id)
      .execute();
    const run = sender();
    expect(await run.runOnce()).toBe(1);
    expect((await message(lost.id)).state).toBe('sending');
    clock.advance(6 * minute);
    expect(await run.runOnce()).toBe(2);
    await run.stop();
    expect(sink.mails.map((m) => m.envelopeTo).sort()).toEqual(
      [lost.email, fixture.messages[2]?.email].sort(),
    );
    expect(await message(lost.id)).toMatchObject({ state: 'sent', attempts: 2 });
    expect(await message(opened.id)).toMatchObject({ state: 'sent' });
    expect((await message(fresh.id)).state).toBe('sent');
    expect((await campaign(fixture.id)).status).toBe('completed');
  });

  it('signs with DKIM when the profile has a key', async () => {
    sink.mails.length = 0;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const dkimProfile = await insertProfile(deps.db, secrets, dsoId, sink.url, {
      dkim: {
        domain: 'sim.smile.example',
        selector: 'enamel1',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    });
    const fixture = await insertCampaign(deps.db, {
      dsoId,
      profileId: dkimProfile,
      templateIds,
      recipients: 1,
      scheduledAt: clock.now().toISOString(),
    });
    const run = sender();
    await drain(run.runOnce);
    await run.stop();
    expect(sink.mails).toHaveLength(1);
    const { header } = await parseMail(sink.mails[0]?.raw ?? '');
    const signature = header('dkim-signature') ?? '';
    expect(signature).toMatch(/\bd=sim\.smile\.example\b/);
    expect(signature).toMatch(/\bs=enamel1\b/);
    expect(signature).toMatch(/\bb=[A-Za-z0-9+/=\s]{100,}/);
    const token = fixture.messages[0]?.token ?? '';
    expect(header('message-id')).toBe(simulationMessageId(token, 'sim.smile.example'));
  });
});
