import { AppError } from '../errors.ts';

/** One email: plain text always, HTML optionally. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

/** Sends email. Without an SMTP server it exists all the same and refuses every message. */
export interface Mailer {
  /** False when ENAMEL_SMTP_URL is not set: `send` then throws MAIL_NOT_CONFIGURED. */
  readonly isConfigured: boolean;
  /** Resolves once the SMTP server accepted the message; throws MAIL_SEND_FAILED otherwise. */
  send(message: MailMessage): Promise<void>;
  /** Waits for messages being sent, then closes the pooled connections. */
  close(): Promise<void>;
}

export function mailNotConfigured(): AppError {
  return new AppError(
    'MAIL_NOT_CONFIGURED',
    'Enamel cannot send email: set ENAMEL_SMTP_URL and ENAMEL_MAIL_FROM (see docs/mail.md).',
  );
}

/** The mailer of an installation without SMTP. */
export function createUnconfiguredMailer(): Mailer {
  return {
    isConfigured: false,
    send: async () => {
      throw mailNotConfigured();
    },
    close: async () => {},
  };
}
