import { createUnconfiguredMailer, type Mailer } from './mailer.ts';
import { createSmtpMailer } from './smtp-mailer.ts';
import type { SmtpUrl } from './smtp-url.ts';

export { createUnconfiguredMailer, type Mailer, type MailMessage, mailNotConfigured } from './mailer.ts';
export { createSmtpMailer, type SmtpSettings } from './smtp-mailer.ts';
export { SmtpUrl } from './smtp-url.ts';

/** The mailer the configuration asks for: SMTP when ENAMEL_SMTP_URL is set, else one that refuses. */
export function createMailer(config: { smtpUrl: SmtpUrl | undefined; mailFrom: string | undefined }): Mailer {
  if (config.smtpUrl === undefined || config.mailFrom === undefined) return createUnconfiguredMailer();
  return createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom });
}
