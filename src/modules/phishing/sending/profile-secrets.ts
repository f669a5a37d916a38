import type { Selectable } from 'kysely';
import nodemailer from 'nodemailer';
import { registerEncryptedColumn, type SecretBox } from '../../../platform/crypto/index.ts';
import type { SendingProfileTable } from '../../../platform/db/schema.ts';
import { SmtpUrl } from '../../../platform/mail/index.ts';
import type { HeaderInput } from './sending.schema.ts';

/** Secrets at rest (docs/encryption.md): the SMTP URL carries the password, and the DKIM signing key. */
export const smtpUrlColumn = registerEncryptedColumn({ table: 'sendingProfiles', column: 'smtpUrl' });
export const dkimKeyColumn = registerEncryptedColumn({ table: 'sendingProfiles', column: 'dkimPrivateKey' });

export type SendingProfileRow = Selectable<SendingProfileTable>;

/** A profile with its secrets opened, for sending only: never presented, never logged. */
export interface OpenedProfile {
  readonly id: string;
  readonly updatedAt: string;
  readonly url: SmtpUrl;
  readonly maxConnections: number;
  readonly dkim: { readonly domain: string; readonly selector: string; readonly privateKey: string } | null;
  readonly headers: readonly HeaderInput[];
  readonly simulationHeader: HeaderInput;
}

export function parseHeaders(column: string): HeaderInput[] {
  const value: unknown = JSON.parse(column);
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    const { name, value: headerValue } = (item ?? {}) as Record<string, unknown>;
    return typeof name === 'string' && typeof headerValue === 'string' ? [{ name, value: headerValue }] : [];
  });
}

export async function openProfile(secrets: SecretBox, row: SendingProfileRow): Promise<OpenedProfile> {
  const text = await secrets.decrypt(row.smtpUrl, smtpUrlColumn.aad({ id: row.id }));
  const url = SmtpUrl.parse(text);
  // Only validated URLs are stored; a value that no longer parses means the row was edited by hand.
  if (!url) throw new Error(`The stored SMTP URL of sending profile "${row.id}" is not an smtp:// URL.`);
  const dkim =
    row.dkimDomain && row.dkimSelector && row.dkimPrivateKey
      ? {
          domain: row.dkimDomain,
          selector: row.dkimSelector,
          privateKey: await secrets.decrypt(row.dkimPrivateKey, dkimKeyColumn.aad({ id: row.id })),
        }
      : null;
  return {
    id: row.id,
    updatedAt: row.updatedAt,
    url,
    maxConnections: row.maxConnections,
    dkim,
    headers: parseHeaders(row.headers),
    simulationHeader: { name: row.simulationHeaderName, value: row.simulationHeaderValue },
  };
}

/** What the sender and the test email use of a nodemailer transport. */
export interface ProfileTransport {
  sendMail(message: {
    from: { name: string; address: string };
    to: string;
    subject: string;
    text: string;
    html?: string;
    messageId?: string;
    headers?: Record<string, string>;
  }): Promise<{ messageId: string; response: string; accepted: unknown[]; rejected: unknown[] }>;
  close(): void;
}

/** Per-message timeouts stay well inside the sender's lease, so a slow server never outlives a claim. */
export const smtpTimeouts = { connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 45_000 };

/**
 * A nodemailer transport for the profile: pooled for campaigns, a single connection for a test email.
 * Pooled transports never requeue a message whose connection dropped: the sender decides about retries, so a
 * message the server may already hold is never sent again behind its back.
 */
export function createProfileTransport(profile: OpenedProfile, pooled: boolean): ProfileTransport {
  const credentials = profile.url.credentials();
  const common = {
    host: profile.url.host,
    port: profile.url.port,
    secure: profile.url.isImplicitTls,
    ...(credentials ? { auth: credentials } : {}),
    ...smtpTimeouts,
    disableFileAccess: true,
    disableUrlAccess: true,
    ...(profile.dkim
      ? {
          dkim: {
            domainName: profile.dkim.domain,
            keySelector: profile.dkim.selector,
            privateKey: profile.dkim.privateKey,
          },
        }
      : {}),
  };
  if (!pooled) return nodemailer.createTransport(common);
  return nodemailer.createTransport({
    ...common,
    pool: true,
    maxConnections: profile.maxConnections,
    maxMessages: 500,
    maxRequeues: 0,
  });
}

/** The profile's headers plus the simulation header, as nodemailer takes them. */
export function profileHeaders(profile: OpenedProfile): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of profile.headers) headers[header.name] = header.value;
  headers[profile.simulationHeader.name] = profile.simulationHeader.value;
  return headers;
}
