import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { text } from '../../../platform/http/schemas.ts';
import { SmtpUrl } from '../../../platform/mail/index.ts';

/** The header every simulation carries unless the profile names another (docs/phishing/sending.md). */
export const defaultSimulationHeader = { name: 'X-Enamel-Simulation', value: 'true' } as const;

export const defaultMaxConnections = 5;

/**
 * Headers a profile may not set: the ones each message sets itself (RFC 5322 3.6) and the ones the transport
 * writes (MIME structure, DKIM). Compared in lower case.
 */
export const reservedHeaders: ReadonlySet<string> = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'message-id',
  'date',
  'sender',
  'return-path',
  'dkim-signature',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

// RFC 5322 2.2: a field name is printable US-ASCII except the colon.
const headerNamePattern = /^[!-9;-~]+$/;
// Folding and line breaks belong to the transport; a value is one line of printable text.
const headerValuePattern = /^[^\r\n\0]*$/;

const headerName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(76, 'must be at most 76 characters')
  .regex(headerNamePattern, 'must be printable ASCII without spaces or a colon')
  .refine((name) => !reservedHeaders.has(name.toLowerCase()), {
    message: 'is set by Enamel for each message and cannot be overridden',
  });

const headerValue = z
  .string()
  .max(900, 'must be at most 900 characters')
  .regex(headerValuePattern, 'must be a single line');

export const headerInput = z.strictObject({ name: headerName, value: headerValue });
export type HeaderInput = z.infer<typeof headerInput>;

const headersInput = z
  .array(headerInput)
  .max(20, 'must hold at most 20 headers')
  .superRefine((headers, context) => {
    const seen = new Set<string>();
    headers.forEach((header, index) => {
      const key = header.name.toLowerCase();
      if (seen.has(key)) {
        context.addIssue({ code: 'custom', path: [index, 'name'], message: `repeats "${header.name}"` });
      }
      seen.add(key);
    });
  });

const simulationHeaderInput = z.strictObject({
  name: headerName,
  value: headerValue.trim().min(1, 'must not be empty'),
});

const smtpUrlInput = z
  .string()
  .trim()
  .max(2000, 'must be at most 2000 characters')
  .refine((value) => SmtpUrl.parse(value) !== undefined, {
    message: 'must be smtp://[user:password@]host[:port] (STARTTLS) or smtps://... (TLS)',
  });

const hostnamePattern = /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** Whether the text is a PEM private key Node can load (RSA or Ed25519 for DKIM). */
export function isPrivateKeyPem(pem: string): boolean {
  if (!pem.includes('-----BEGIN')) return false;
  try {
    const key = createPrivateKey(pem);
    return key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'ed25519';
  } catch {
    // A key that does not parse is answered as a validation issue by the caller.
    return false;
  }
}

const privateKeyInput = z
  .string()
  .trim()
  .max(16_000, 'must be at most 16000 characters')
  .refine(isPrivateKeyPem, { message: 'must be an RSA or Ed25519 private key in PEM form' });

const dkimFields = {
  domain: z.string().trim().toLowerCase().regex(hostnamePattern, 'must be a domain name'),
  selector: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]([A-Za-z0-9._-]{0,62})$/, 'must be a DNS label such as "enamel2026"'),
};

export const createSendingProfileInput = z.strictObject({
  name: text(200),
  smtpUrl: smtpUrlInput,
  maxConnections: z.number().int().min(1).max(50).default(defaultMaxConnections),
  dkim: z
    .strictObject({ ...dkimFields, privateKey: privateKeyInput })
    .nullable()
    .default(null),
  headers: headersInput.default([]),
  simulationHeader: simulationHeaderInput.default({ ...defaultSimulationHeader }),
});
export type CreateSendingProfileInput = z.infer<typeof createSendingProfileInput>;

/** Omitted fields keep their value; `dkim.privateKey` may be omitted to keep the stored key. */
export const updateSendingProfileInput = z.strictObject({
  name: text(200).optional(),
  smtpUrl: smtpUrlInput.optional(),
  maxConnections: z.number().int().min(1).max(50).optional(),
  dkim: z
    .strictObject({ ...dkimFields, privateKey: privateKeyInput.optional() })
    .nullable()
    .optional(),
  headers: headersInput.optional(),
  simulationHeader: simulationHeaderInput.optional(),
});
export type UpdateSendingProfileInput = z.infer<typeof updateSendingProfileInput>;

export const testEmailInput = z.strictObject({
  to: z.email('must be an email address').max(320),
  from: z.email('must be an email address').max(320).optional(),
});
export type TestEmailInput = z.infer<typeof testEmailInput>;

const header = z.object({ name: z.string(), value: z.string() });

export const sendingProfileView = z.object({
  id: z.string(),
  name: z.string(),
  smtp: z.object({
    /** The URL with its credentials masked, e.g. `smtps://***@mail.example.com`. */
    display: z.string(),
    host: z.string(),
    port: z.number(),
    security: z.enum(['tls', 'starttls']),
    auth: z.enum(['set', 'not set']),
  }),
  maxConnections: z.number(),
  dkim: z.object({ domain: z.string(), selector: z.string(), privateKey: z.literal('set') }).nullable(),
  headers: z.array(header),
  simulationHeader: header,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SendingProfileView = z.infer<typeof sendingProfileView>;

export const sendingProfileList = z.object({ items: z.array(sendingProfileView) });

export const testEmailResult = z.object({
  accepted: z.boolean(),
  /** The SMTP server's reply, such as "250 2.0.0 Ok: queued as 4F2A1", or the error. */
  response: z.string(),
  responseCode: z.number().nullable(),
  messageId: z.string().nullable(),
});
export type TestEmailResult = z.infer<typeof testEmailResult>;
