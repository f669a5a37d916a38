import nodemailer, { type SendMailOptions } from 'nodemailer';
import { createDso } from '../../src/modules/org/org.service.ts';
import { clickUrl, newTrackingToken, pixelUrl } from '../../src/modules/phishing/tracking/urls.ts';
import type { ServiceDeps } from '../../src/platform/context.ts';
import type { DatabaseHandle } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';

export const trackingUrl = 'https://secure-login.example.net';

export async function buildDsoWithDomain(deps: ServiceDeps, domain: string) {
  return createDso(deps, { name: `DSO ${domain}`, domains: [domain] });
}

export interface SimulationMessage {
  readonly id: string;
  readonly token: string;
  readonly email: string;
}

/** A sent campaign with one message per address, as the sender leaves it (rows written directly). */
export async function buildSentSimulation(
  handle: DatabaseHandle,
  dsoId: string,
  emails: readonly string[],
  now = '2026-11-02T14:00:00.000Z',
): Promise<{ campaignId: string; messages: SimulationMessage[] }> {
  const campaignId = newId();
  await handle.db
    .insertInto('phishingCampaigns')
    .values({
      id: campaignId,
      dsoId,
      name: 'November payer lure',
      status: 'sending',
      templateIds: JSON.stringify(['builtin:payer-eob']),
      landingPageId: null,
      sendingProfileId: null,
      audience: '{}',
      launchAt: now,
      sendBy: null,
      businessHours: JSON.stringify({ start: '08:00', end: '17:00', days: [1, 2, 3, 4, 5] }),
      recipients: emails.length,
      createdBy: 'test',
      createdAt: now,
      updatedAt: now,
      completedAt: null,
    })
    .execute();
  const messages = emails.map((email) => ({ id: newId(), token: newTrackingToken(), email }));
  await handle.db
    .insertInto('phishingMessages')
    .values(
      messages.map((message, index) => ({
        id: message.id,
        dsoId,
        campaignId,
        personId: null,
        practiceId: null,
        email: message.email,
        firstName: `Pat${index}`,
        lastName: 'Smith',
        jobRole: 'front_desk',
        sharedMailbox: 0,
        templateId: 'builtin:payer-eob',
        token: message.token,
        state: 'sent',
        scheduledAt: now,
        attempts: 1,
        leaseUntil: null,
        sentAt: now,
        smtpMessageId: null,
        lastError: null,
        openedAt: null,
        clickedAt: null,
        submittedAt: null,
        reportedAt: null,
        automatedClicks: 0,
      })),
    )
    .execute();
  return { campaignId, messages };
}

/** Microsoft Safe Links' rewriting of a link (nam02 region), as Outlook shows it. */
export function safeLink(url: string): string {
  return `https://nam02.safelinks.protection.outlook.com/?url=${encodeURIComponent(url)}&data=05%7C02%7C&reserved=0`;
}

/** Proofpoint URL Defense v3's rewriting of a link. */
export function urlDefenseV3(url: string): string {
  return `https://urldefense.com/v3/__${url}__;!!G2kpM7uM-TzIFchu!kT9z$`;
}

/** A simulation email as the recipient's mailbox holds it, built by nodemailer (quoted-printable HTML). */
export async function simulationEmail(
  to: string,
  token: string,
  rewrite: (url: string) => string = (url) => url,
): Promise<Buffer> {
  const link = rewrite(clickUrl(trackingUrl, token));
  const html =
    `<p>Dear ${to},</p><p>Your patient's Explanation of Benefits is ready. ` +
    `<a href="${link}">Review the EOB</a> before Friday to avoid a claim denial.</p>` +
    `<img src="${pixelUrl(trackingUrl, token)}" width="1" height="1" alt="">`;
  return compose({
    from: 'Delta Claims <claims@deltadental-eob.example>',
    to,
    subject: 'Action required: EOB for claim 88213',
    html,
    text: 'Your patient’s Explanation of Benefits is ready. Review it before Friday.',
  });
}

export function compose(options: SendMailOptions): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'crlf' });
  return transport.sendMail(options).then((info) => info.message as Buffer);
}

/** Microsoft's report format: the original attached, uncompressed, subject prefixed with "3|" (phishing). */
export function reportWithAttachment(
  reporter: string,
  reportTo: string,
  original: { filename: string; content: Buffer; contentType: string },
  subject = '3|Phishing: Action required: EOB for claim 88213',
): SendMailOptions {
  return {
    from: reporter,
    to: reportTo,
    subject,
    text: 'This message was reported as phishing.',
    attachments: [original],
  };
}
