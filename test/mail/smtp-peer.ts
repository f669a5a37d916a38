import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly envelopeTo: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly raw: string;
}

export interface SmtpPeer {
  /** smtp://[user:pass@]127.0.0.1:PORT */
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** SMTP connections accepted so far. */
  connections(): number;
  /** Resolves with the message at `index` (0-based) once it has arrived; rejects after a few seconds. */
  message(index: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** A real SMTP server on a free loopback port that keeps every message it receives, parsed. */
export async function startSmtpPeer(credentials?: { user: string; pass: string }): Promise<SmtpPeer> {
  const messages: ReceivedMail[] = [];
  const waiting = new Set<() => void>();
  let connections = 0;
  const server = new SMTPServer({
    logger: false,
    disabledCommands: credentials ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: credentials === undefined,
    allowInsecureAuth: true,
    onConnect(_session, callback) {
      connections += 1;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === credentials?.user && auth.password === credentials?.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        PostalMime.parse(raw).then(
          (email) => {
            messages.push({
              envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              from: email.from?.address ?? '',
              to: email.to?.map((to) => to.address).join(', ') ?? '',
              subject: email.subject ?? '',
              text: email.text ?? '',
              raw,
            });
            for (const wake of waiting) wake();
            callback();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const auth = credentials
    ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@`
    : '';

  return {
    url: `smtp://${auth}127.0.0.1:${port}`,
    messages,
    connections: () => connections,
    message(index) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages[index];
          if (!found) return;
          waiting.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`No email #${index + 1} arrived (got ${messages.length}).`));
        }, 5000);
        waiting.add(check);
        check();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
