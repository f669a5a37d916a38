import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';
import { dkimKeyColumn, smtpUrlColumn } from '../../src/modules/phishing/sending/profile-secrets.ts';
import { defaultSimulationHeader } from '../../src/modules/phishing/sending/sending.schema.ts';
import { newTrackingToken } from '../../src/modules/phishing/tracking/urls.ts';
import type { SecretBox } from '../../src/platform/crypto/index.ts';
import type { Database } from '../../src/platform/db/schema.ts';
import { newId } from '../../src/platform/ids.ts';

/** A sending profile row written straight to the database (the API has its own tests). */
export async function insertProfile(
  db: Kysely<Database>,
  secrets: SecretBox,
  dsoId: string,
  smtpUrl: string,
  overrides: {
    maxConnections?: number;
    dkim?: { domain: string; selector: string; privateKey: string };
  } = {},
): Promise<string> {
  const id = newId();
  const dkim = overrides.dkim;
  await db
    .insertInto('sendingProfiles')
    .values({
      id,
      dsoId,
      name: `Profile ${id.slice(-6)}`,
      smtpUrl: await secrets.encrypt(smtpUrl, smtpUrlColumn.aad({ id })),
      maxConnections: overrides.maxConnections ?? 5,
      dkimDomain: dkim?.domain ?? null,
      dkimSelector: dkim?.selector ?? null,
      dkimPrivateKey: dkim ? await secrets.encrypt(dkim.privateKey, dkimKeyColumn.aad({ id })) : null,
      headers: JSON.stringify([{ name: 'X-Campaign-Source', value: 'enamel-test' }]),
      simulationHeaderName: defaultSimulationHeader.name,
      simulationHeaderValue: defaultSimulationHeader.value,
      createdAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
    })
    .execute();
  return id;
}

export interface CampaignFixture {
  readonly id: string;
  readonly messages: { id: string; email: string; token: string; templateId: string }[];
}

/** A campaign and its recipients' messages, all due at `scheduledAt`, templates assigned in turn. */
export async function insertCampaign(
  db: Kysely<Database>,
  options: {
    dsoId: string;
    profileId: string | null;
    templateIds: readonly string[];
    recipients: number;
    scheduledAt: string;
    status?: string;
    practiceId?: string | null;
    domain?: string;
  },
): Promise<CampaignFixture> {
  const id = newId();
  await db
    .insertInto('phishingCampaigns')
    .values({
      id,
      dsoId: options.dsoId,
      name: `Campaign ${id.slice(-6)}`,
      status: options.status ?? 'scheduled',
      templateIds: JSON.stringify(options.templateIds),
      landingPageId: null,
      sendingProfileId: options.profileId,
      audience: '{}',
      launchAt: options.scheduledAt,
      sendBy: null,
      businessHours: JSON.stringify({ start: '00:00', end: '23:59', days: [1, 2, 3, 4, 5, 6, 7] }),
      recipients: options.recipients,
      createdBy: 'test',
      createdAt: options.scheduledAt,
      updatedAt: options.scheduledAt,
      completedAt: null,
    })
    .execute();
  const messages: CampaignFixture['messages'] = [];
  const rows = [];
  for (let n = 0; n < options.recipients; n += 1) {
    const message = {
      id: newId(),
      email: `person${String(n).padStart(5, '0')}@${options.domain ?? 'smile.example'}`,
      token: newTrackingToken(),
      templateId: options.templateIds[n % options.templateIds.length] as string,
    };
    messages.push(message);
    rows.push({
      ...message,
      dsoId: options.dsoId,
      campaignId: id,
      personId: null,
      practiceId: options.practiceId ?? null,
      firstName: `First${n}`,
      lastName: `Last${n}`,
      jobRole: 'hygienist',
      sharedMailbox: 0,
      state: 'scheduled',
      scheduledAt: options.scheduledAt,
      attempts: 0,
      leaseUntil: null,
      sentAt: null,
      smtpMessageId: null,
      lastError: null,
      openedAt: null,
      clickedAt: null,
      submittedAt: null,
      reportedAt: null,
      automatedClicks: 0,
    });
  }
  for (let start = 0; start < rows.length; start += 200) {
    await db
      .insertInto('phishingMessages')
      .values(rows.slice(start, start + 200))
      .execute();
  }
  return { id, messages };
}

export interface SinkMail {
  readonly envelopeTo: string;
  readonly raw: string;
}

export interface SmtpSink {
  readonly url: string;
  readonly mails: SinkMail[];
  /** Connection errors the server saw (a killed client resets its connections). */
  readonly errors: Error[];
  /** Decides the reply to each message by its recipient: undefined accepts, else the error to answer. */
  reply: (recipient: string) => { code: number; message: string } | undefined;
  /** Called with each accepted message (after it is counted), before the 250 reply goes out. */
  onAccepted: (count: number) => void;
  close(): Promise<void>;
}

/**
 * A real SMTP server that keeps the raw message of every accepted delivery (by envelope recipient) and can answer
 * chosen recipients with a 4xx or 5xx reply, or hold a message's reply (`hold`) so a delivery stays in flight.
 */
export async function startSmtpSink(
  options: { dataDelayMs?: number; keep?: boolean } = {},
): Promise<SmtpSink & { hold: boolean }> {
  const held: (() => void)[] = [];
  const sink: SmtpSink & { hold: boolean } = {
    url: '',
    mails: [],
    errors: [],
    hold: false,
    reply: () => undefined,
    onAccepted: () => {},
    close: async () => {},
  };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (options.keep !== false) chunks.push(chunk);
      });
      stream.on('end', () => {
        const recipient = session.envelope.rcptTo[0]?.address ?? '';
        const finish = () => {
          const refusal = sink.reply(recipient);
          if (refusal) {
            const error = new Error(refusal.message) as Error & { responseCode: number };
            error.responseCode = refusal.code;
            callback(error);
            return;
          }
          sink.mails.push({ envelopeTo: recipient, raw: Buffer.concat(chunks).toString('utf8') });
          sink.onAccepted(sink.mails.length);
          callback();
        };
        const go = () => (sink.hold ? held.push(finish) : finish());
        if (options.dataDelayMs) setTimeout(go, options.dataDelayMs);
        else go();
      });
    },
  });
  // A client killed mid-delivery resets its connection; the sink notes it and goes on serving.
  server.on('error', (error) => sink.errors.push(error));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The parsed headers and text of a raw message. */
export async function parseMail(raw: string) {
  const email = await PostalMime.parse(raw);
  const header = (name: string) =>
    email.headers.find((h) => h.key.toLowerCase() === name.toLowerCase())?.value ?? undefined;
  return { email, header };
}
