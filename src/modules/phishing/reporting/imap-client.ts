import { ImapFlow } from 'imapflow';

/** Where and how to sign in to a report mailbox; the password is already decrypted. */
export interface MailboxSettings {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly username: string;
  readonly password: string;
}

/** What the poller needs of an IMAP connection; the real one is imapflow, tests inject their own. */
export interface ReportMailboxClient {
  /** Selects the folder read-only and answers its UIDVALIDITY and message count. */
  open(folder: string): Promise<{ uidValidity: string; exists: number }>;
  /** UIDs above `lastUid`, ascending. */
  uidsAfter(lastUid: number): Promise<number[]>;
  /** The raw message of a UID (undefined when it vanished meanwhile). */
  download(uid: number): Promise<Buffer | undefined>;
  close(): Promise<void>;
}

export type MailboxConnector = (settings: MailboxSettings) => Promise<ReportMailboxClient>;

/** imapflow over TLS (or STARTTLS on 143); mail is only read, never moved, flagged or deleted. */
export const connectImap: MailboxConnector = async (settings) => {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.username, pass: settings.password },
    logger: false,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
  });
  // A dropped connection also rejects the command in progress, which the poller records as lastError;
  // without a listener the same error would crash the process as an unhandled 'error' event.
  client.on('error', () => {});
  await client.connect();
  return {
    async open(folder) {
      const mailbox = await client.mailboxOpen(folder, { readOnly: true });
      return { uidValidity: mailbox.uidValidity.toString(), exists: mailbox.exists };
    },
    async uidsAfter(lastUid) {
      const found = await client.search({ uid: `${lastUid + 1}:*` }, { uid: true });
      // `n:*` always matches the newest message, even below n (RFC 3501 section 6.4.8).
      return (Array.isArray(found) ? found : []).filter((uid) => uid > lastUid).sort((a, b) => a - b);
    },
    async download(uid) {
      const message = await client.fetchOne(String(uid), { source: true }, { uid: true });
      return message !== false && message?.source ? Buffer.from(message.source) : undefined;
    },
    async close() {
      await client.logout();
    },
  };
};
