import nodemailer from 'nodemailer';
import { AppError } from '../errors.ts';
import type { Mailer, MailMessage } from './mailer.ts';
import type { SmtpUrl } from './smtp-url.ts';

export interface SmtpSettings {
  readonly url: SmtpUrl;
  /** The sender address; shown as "Enamel <address>". */
  readonly from: string;
}

/** Driver errors can quote recipients, so only their code and the SMTP reply code travel on. */
function sendFailed(error: unknown): AppError {
  const details = error as { code?: unknown; responseCode?: unknown };
  const code = typeof details.code === 'string' ? details.code : 'ERROR';
  const reply = typeof details.responseCode === 'number' ? ` ${details.responseCode}` : '';
  return new AppError('MAIL_SEND_FAILED', `The mail server did not accept the message (${code}${reply}).`);
}

/** Sends through one SMTP server over a small pool of reused connections. */
export function createSmtpMailer(settings: SmtpSettings): Mailer {
  const credentials = settings.url.credentials();
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 3,
    host: settings.url.host,
    port: settings.url.port,
    secure: settings.url.isImplicitTls,
    ...(credentials ? { auth: credentials } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const inFlight = new Set<Promise<unknown>>();

  return {
    isConfigured: true,
    async send(message: MailMessage): Promise<void> {
      const sending = transport.sendMail({
        from: { name: 'Enamel', address: settings.from },
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html === undefined ? {} : { html: message.html }),
      });
      inFlight.add(sending);
      try {
        await sending;
      } catch (error) {
        throw sendFailed(error);
      } finally {
        inFlight.delete(sending);
      }
    },
    async close(): Promise<void> {
      await Promise.allSettled([...inFlight]);
      transport.close();
    },
  };
}
