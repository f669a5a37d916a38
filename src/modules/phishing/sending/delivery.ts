import { createHash } from 'node:crypto';

/**
 * The Message-ID of a simulation email, derived from its tracking token (RFC 5322 3.6.4): every attempt to send
 * the same message carries the same id, so a copy sent again after a crash is recognisably the same message
 * (mail stores that drop a second delivery with a known Message-ID drop it). A one-way hash of the token, so the
 * header does not carry the token itself.
 */
export function simulationMessageId(token: string, domain: string): string {
  const digest = createHash('sha256').update(`enamel-simulation:${token}`).digest('hex').slice(0, 40);
  return `<${digest}@${domain}>`;
}

/** The domain of an address, or `localhost` when it has none (the Message-ID still needs a right-hand side). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = at === -1 ? '' : address.slice(at + 1).trim();
  return /^[A-Za-z0-9.-]+$/.test(domain) ? domain.toLowerCase() : 'localhost';
}

/** What a failed delivery means for the message. */
export interface DeliveryFailure {
  /** `retry`: a 4xx reply or no reply (connection, timeout, TLS, login); `permanent`: a 5xx reply. */
  readonly kind: 'retry' | 'permanent';
  readonly responseCode: number | null;
  /** The server's answer, or what went wrong on the way; bounded, one line. */
  readonly response: string;
}

const maxErrorLength = 1000;

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim().slice(0, maxErrorLength);
}

/**
 * Sorts a nodemailer error (RFC 5321 4.2.1: 4yz is transient, 5yz permanent). A failed login or TLS handshake
 * is a problem of the profile, not of the recipient: it is retried like a 4xx, so fixing the profile lets the
 * campaign go on instead of marking every recipient as an error.
 */
export function classifyFailure(error: unknown): DeliveryFailure {
  const details = (typeof error === 'object' && error !== null ? error : {}) as {
    code?: unknown;
    responseCode?: unknown;
    response?: unknown;
    message?: unknown;
  };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : null;
  const code = typeof details.code === 'string' ? details.code : undefined;
  const answer =
    typeof details.response === 'string' && details.response !== ''
      ? details.response
      : typeof details.message === 'string'
        ? details.message
        : String(error);
  const response = oneLine(code && responseCode === null ? `${code}: ${answer}` : answer);
  const profileProblem = code === 'EAUTH' || code === 'ENOAUTH' || code === 'ETLS' || code === 'ECONFIG';
  const permanent = responseCode !== null && responseCode >= 500 && responseCode < 600 && !profileProblem;
  return { kind: permanent ? 'permanent' : 'retry', responseCode, response };
}

/** Attempts before a message that keeps failing with 4xx is given up as an error. */
export const maxAttempts = 8;

/** Back-off after the n-th failed attempt (n from 1): 1, 2, 4 ... 128 minutes. */
export function retryDelayMs(attempt: number): number {
  return 60_000 * 2 ** Math.max(0, attempt - 1);
}
