import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  ingestReport,
  type ReportReceiver,
  startReportReceiver,
} from '../../src/modules/phishing/reporting/index.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { ServiceDeps } from '../../src/platform/context.ts';
import {
  createSmtpMailer,
  createUnconfiguredMailer,
  type Mailer,
  SmtpUrl,
} from '../../src/platform/mail/index.ts';
import { testDeps } from '../factories/org.ts';
import { capturedLogs, testMasterKey } from '../harness/app.ts';
import { describeEachDialect } from '../harness/db.ts';
import { type SmtpPeer, startSmtpPeer } from '../mail/smtp-peer.ts';
import { buildOutlookMsg } from './msg-fixture.ts';
import {
  buildDsoWithDomain,
  buildSentSimulation,
  compose,
  reportWithAttachment,
  type SimulationMessage,
  safeLink,
  simulationEmail,
  trackingUrl,
  urlDefenseV3,
} from './report-fixtures.ts';

const now = '2026-11-02T15:00:00.000Z';
const later = '2026-11-03T09:30:00.000Z';

describeEachDialect('report path: the SMTP receiver', (get) => {
  let peer: SmtpPeer;
  let mailer: Mailer;
  let receiver: ReportReceiver;
  let deps: ServiceDeps;
  let dsoId: string;
  let campaignId: string;
  let ana: SimulationMessage;
  let ben: SimulationMessage;
  let cara: SimulationMessage;

  const send = async (options: SendMailOptions) => {
    const [host, port] = receiver.address.split(':');
    const transport = nodemailer.createTransport({
      host,
      port: Number(port),
      secure: false,
      ignoreTLS: true,
    });
    try {
      return await transport.sendMail({ envelope: undefined, ...options });
    } finally {
      transport.close();
    }
  };
  const message = (id: string) =>
    get().handle.db.selectFrom('phishingMessages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = (id: string) =>
    get()
      .handle.db.selectFrom('phishingEvents')
      .selectAll()
      .where('messageId', '=', id)
      .where('type', '=', 'email_reported')
      .execute();
  const reports = (where: { dsoId: string }) =>
    get()
      .handle.db.selectFrom('reportedEmails')
      .select([
        'id',
        'status',
        'simulationMessageId',
        'source',
        'reporterEmail',
        'subject',
        'fromAddress',
        'sha256',
      ])
      .where('dsoId', '=', where.dsoId)
      .orderBy('receivedAt')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    peer = await startSmtpPeer();
    mailer = createSmtpMailer({
      url: SmtpUrl.parse(peer.url) as SmtpUrl,
      from: 'security@brightsmiles.example',
    });
    deps = testDeps(get().handle, now);
    dsoId = (await buildDsoWithDomain(deps, 'brightsmiles.example')).id;
    const simulation = await buildSentSimulation(get().handle, dsoId, [
      'ana@brightsmiles.example',
      'ben@brightsmiles.example',
      'cara@brightsmiles.example',
    ]);
    campaignId = simulation.campaignId;
    [ana, ben, cara] = simulation.messages as [SimulationMessage, SimulationMessage, SimulationMessage];
    const config = loadConfig({ ENAMEL_MASTER_KEY: testMasterKey, ENAMEL_TRACKING_URL: trackingUrl });
    receiver = await startReportReceiver({ deps, config, mailer });
  });
  afterAll(async () => {
    await receiver.stop();
    await mailer.close();
    await peer.close();
  });

  it('a report arriving by SMTP with the original attached is matched to its recipient', async () => {
    const original = await simulationEmail(ana.email, ana.token, safeLink);
    // As it travels: Safe Links' percent encoding inside quoted-printable with soft line breaks.
    expect(original.toString('latin1')).toContain('url=3Dhttps%3A%2F%2Fsecure-login.example.net%2Fl%2F');
    const info = await send(
      reportWithAttachment(ana.email, 'phish-report@reports.brightsmiles.example', {
        filename: 'Action required.eml',
        content: original,
        contentType: 'message/rfc822',
      }),
    );
    expect(info.response).toMatch(/^250 /);
    expect(info.response).toContain('Email Reported');

    expect((await message(ana.id)).reportedAt).toBe(now);
    const recorded = await events(ana.id);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ campaignId, automated: 0, occurredAt: now });
    expect(JSON.parse(recorded[0]?.detail ?? '{}')).toEqual({ source: 'smtp', shape: 'attached-eml' });
    const [row] = await reports({ dsoId });
    expect(row).toMatchObject({
      status: 'simulation',
      simulationMessageId: ana.id,
      source: 'smtp',
      reporterEmail: ana.email,
      subject: 'Action required: EOB for claim 88213',
      fromAddress: 'claims@deltadental-eob.example',
    });
    // Nobody else in the campaign was touched.
    expect((await message(ben.id)).reportedAt).toBeNull();

    const thanks = await peer.message(0);
    expect(thanks.envelopeTo).toEqual([ana.email]);
    expect(thanks.subject).toBe('Well spotted: that was a phishing simulation');
    expect(thanks.text).toContain('Hello Pat0');
    expect(thanks.text).toContain('"Action required: EOB for claim 88213"');
  });

  it('a second report of the same simulation adds an event but keeps the first reportedAt, without a second thank-you', async () => {
    const original = await simulationEmail(ana.email, ana.token);
    const raw = await compose(
      reportWithAttachment(ana.email, 'phish-report@reports.brightsmiles.example', {
        filename: 'again.eml',
        content: original,
        contentType: 'message/rfc822',
      }),
    );
    const result = await ingestReport(
      { ...testDeps(get().handle, later), mailer, trackingUrl },
      { source: 'smtp', raw },
    );
    expect(result).toMatchObject({ outcome: 'simulation', thankYou: 'not_needed' });
    expect((await message(ana.id)).reportedAt).toBe(now);
    expect((await events(ana.id)).map((event) => event.occurredAt)).toEqual([now, later]);
    expect(peer.messages).toHaveLength(1);
  });

  it('reads an Outlook .msg attachment and a link rewritten by Proofpoint URL Defense', async () => {
    const link = urlDefenseV3(`${trackingUrl}/l/${ben.token}`);
    const msg = buildOutlookMsg({
      subject: 'Your Delta Dental portal password expires today',
      senderSmtpAddress: 'it-support@delta-portal.example',
      body: `Keep your access: ${link}`,
      html: `<p>Keep your access: <a href="${link}">sign in</a></p>`,
    });
    const info = await send(
      reportWithAttachment(
        ben.email,
        'phish-report@reports.brightsmiles.example',
        { filename: 'Your portal password.msg', content: msg, contentType: 'application/vnd.ms-outlook' },
        'Phishing: Your Delta Dental portal password expires today',
      ),
    );
    expect(info.response).toMatch(/^250 /);
    expect((await message(ben.id)).reportedAt).toBe(now);
    const row = (await reports({ dsoId })).find((r) => r.simulationMessageId === ben.id);
    expect(row).toMatchObject({
      status: 'simulation',
      subject: 'Your Delta Dental portal password expires today',
      fromAddress: 'it-support@delta-portal.example',
    });
    expect(JSON.parse((await events(ben.id))[0]?.detail ?? '{}').shape).toBe('attached-msg');
    expect((await peer.message(1)).envelopeTo).toEqual([ben.email]);
  });

  it('matches a simulation forwarded inline, through quoted-printable and Safe Links encoding', async () => {
    const link = safeLink(`${trackingUrl}/l/${cara.token}`);
    const info = await send({
      from: cara.email,
      to: 'phish-report@reports.brightsmiles.example',
      subject: 'Fwd: Action required: EOB for claim 88213',
      text:
        'This looks off to me.\n\n---------- Forwarded message ---------\n' +
        'From: Delta Claims <claims@deltadental-eob.example>\nSubject: Action required: EOB for claim 88213\n\n' +
        `Review the EOB: ${link}\n`,
      textEncoding: 'quoted-printable',
    });
    expect(info.response).toMatch(/^250 /);
    expect((await message(cara.id)).reportedAt).toBe(now);
    const row = (await reports({ dsoId })).find((r) => r.simulationMessageId === cara.id);
    expect(row).toMatchObject({ subject: 'Action required: EOB for claim 88213', reporterEmail: cara.email });
  });

  it('sends anything else to the triage queue, stored once per DSO by SHA-256', async () => {
    const phish = await compose({
      from: 'Henry Schein Billing <billing@henryschein-invoices.example>',
      to: 'dana@brightsmiles.example',
      subject: 'Overdue invoice 55120',
      html: '<p>Pay now: <a href="https://henryschein-invoices.example/pay">invoice</a></p>',
    });
    const info = await send(
      reportWithAttachment('dana@brightsmiles.example', 'phish-report@reports.brightsmiles.example', {
        filename: 'invoice.eml',
        content: phish,
        contentType: 'message/rfc822',
      }),
    );
    expect(info.response).toContain('queue');
    const queued = (await reports({ dsoId })).filter((r) => r.status === 'new');
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ subject: 'Overdue invoice 55120', simulationMessageId: null });

    // The same bytes again (a retry, or the same file uploaded) answer the stored row.
    const intake = { ...deps, mailer, trackingUrl };
    const first = await ingestReport(intake, { source: 'smtp', raw: phish });
    const second = await ingestReport(intake, { source: 'smtp', raw: phish });
    expect(first.outcome).toBe('queued');
    expect(second).toMatchObject({ outcome: 'duplicate', thankYou: 'not_needed' });
    expect(second.reportedEmail?.id).toBe(first.reportedEmail?.id);
    expect((await reports({ dsoId })).filter((r) => r.status === 'new')).toHaveLength(2);
  });

  it('refuses a report whose DSO cannot be told, with 550, and stores nothing', async () => {
    const before = await get().handle.db.selectFrom('reportedEmails').select('id').execute();
    const phish = await compose({
      from: 'x@lure.example',
      to: 'someone@elsewhere.example',
      subject: 'Hi',
      text: 'Hi',
    });
    const error = await send(
      reportWithAttachment('someone@elsewhere.example', 'phish-report@reports.example', {
        filename: 'hi.eml',
        content: phish,
        contentType: 'message/rfc822',
      }),
    ).catch((caught: unknown) => caught as { responseCode?: number; response?: string });
    expect(error).toMatchObject({ responseCode: 550 });
    expect((error as { response: string }).response).toContain('No DSO of this Enamel matches this report');
    expect(await get().handle.db.selectFrom('reportedEmails').select('id').execute()).toHaveLength(
      before.length,
    );
  });

  it('refuses a domain two DSOs both claim instead of guessing', async () => {
    await buildDsoWithDomain(deps, 'shared-dental.example');
    await buildDsoWithDomain(deps, 'shared-dental.example');
    const raw = await compose({
      from: 'x@lure.example',
      to: 'eve@shared-dental.example',
      subject: 'Hi',
      text: 'Hi',
    });
    await expect(
      ingestReport({ ...deps, mailer, trackingUrl }, { source: 'smtp', raw }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('never records a report of one DSO on another DSO’s simulation', async () => {
    const other = await buildDsoWithDomain(deps, 'othersmiles.example');
    const { messages } = await buildSentSimulation(get().handle, dsoId, ['finn@brightsmiles.example']);
    const finn = messages[0] as SimulationMessage;
    const raw = await simulationEmail(finn.email, finn.token);
    const result = await ingestReport(
      { ...deps, mailer: createUnconfiguredMailer(), trackingUrl },
      { dsoId: other.id, source: 'api', raw },
    );
    expect(result.outcome).toBe('queued');
    expect((await message(finn.id)).reportedAt).toBeNull();
  });

  it('records the report when outgoing email is off, and says the thank-you was not sent', async () => {
    const { messages } = await buildSentSimulation(get().handle, dsoId, ['gus@brightsmiles.example']);
    const gus = messages[0] as SimulationMessage;
    const logsBefore = capturedLogs.length;
    const result = await ingestReport(
      { ...deps, mailer: createUnconfiguredMailer(), trackingUrl },
      { source: 'imap', raw: await simulationEmail(gus.email, gus.token) },
    );
    expect(result).toMatchObject({ outcome: 'simulation', thankYou: 'not_configured' });
    expect(result.message).toContain('outgoing email is not configured');
    expect((await message(gus.id)).reportedAt).toBe(now);
    expect(capturedLogs.slice(logsBefore).join('')).toContain('no thank-you email was sent');
  });

  it('does not count a "Not junk" report (2|) of a simulation as reported', async () => {
    const { messages } = await buildSentSimulation(get().handle, dsoId, ['hal@brightsmiles.example']);
    const hal = messages[0] as SimulationMessage;
    const raw = await compose(
      reportWithAttachment(
        hal.email,
        'phish-report@reports.brightsmiles.example',
        {
          filename: 'eob.eml',
          content: await simulationEmail(hal.email, hal.token),
          contentType: 'message/rfc822',
        },
        '2|Not junk: Action required: EOB for claim 88213',
      ),
    );
    const result = await ingestReport({ ...deps, mailer, trackingUrl }, { source: 'smtp', raw });
    expect(result).toMatchObject({ outcome: 'simulation', thankYou: 'not_needed' });
    expect((await message(hal.id)).reportedAt).toBeNull();
    expect(await events(hal.id)).toHaveLength(0);
  });

  it('refuses more than 25 MB: 552 over SMTP, BODY_TOO_LARGE in the service', async () => {
    const huge = Buffer.alloc(25 * 1024 * 1024 + 1, 'a');
    await expect(
      ingestReport({ ...deps, mailer, trackingUrl }, { dsoId, source: 'api', raw: huge }),
    ).rejects.toMatchObject({ code: 'BODY_TOO_LARGE', message: expect.stringContaining('at most 25 MB') });
    const error = await send({
      from: 'ana@brightsmiles.example',
      to: 'phish-report@reports.brightsmiles.example',
      subject: 'big',
      text: 'big',
      attachments: [{ filename: 'big.bin', content: huge }],
    }).catch((caught: unknown) => caught as { responseCode?: number });
    expect(error).toMatchObject({ responseCode: 552 });
  });
});
