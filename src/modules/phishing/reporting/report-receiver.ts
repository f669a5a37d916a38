import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Config } from '../../../platform/config.ts';
import type { ServiceDeps } from '../../../platform/context.ts';
import { isAppError } from '../../../platform/errors.ts';
import type { Mailer } from '../../../platform/mail/index.ts';
import { maxReportBytes } from './reporting.schema.ts';
import { ingestReport } from './reporting.service.ts';

export interface ReportReceiver {
  /** host:port it listens on. */
  readonly address: string;
  stop(): Promise<void>;
}

type SmtpError = Error & { responseCode: number };

function smtpError(responseCode: number, message: string): SmtpError {
  // One line: a reply text must not break the SMTP exchange (RFC 5321 section 4.2).
  return Object.assign(new Error(message.replace(/\s+/g, ' ').slice(0, 400)), { responseCode });
}

function readStream(stream: SMTPServerDataStream): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit, the rest is read and dropped so the reply can still be sent.
      if (size <= maxReportBytes) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () =>
      resolve(stream.sizeExceeded || size > maxReportBytes ? undefined : Buffer.concat(chunks)),
    );
  });
}

function envelopeOf(session: SMTPServerSession): string[] {
  const from = session.envelope.mailFrom ? [session.envelope.mailFrom.address] : [];
  return [...from, ...session.envelope.rcptTo.map((rcpt) => rcpt.address)];
}

async function tlsOptions(config: Config): Promise<{ key: Buffer; cert: Buffer } | undefined> {
  if (!config.tls) return undefined;
  return { key: await readFile(config.tls.key), cert: await readFile(config.tls.cert) };
}

/**
 * The built-in SMTP receiver of reported emails on `config.reportSmtp`: it accepts mail for any recipient (the
 * mail gateway or the report-button mailbox forwards to it), up to 25 MB, without authentication, so it must
 * listen on an internal interface. STARTTLS is offered when Enamel has a TLS certificate. It answers 250 only
 * once the report is committed; 550 when no DSO matches or the message is unreadable, 552 past the size limit.
 */
export async function startReportReceiver(options: {
  deps: ServiceDeps;
  config: Config;
  mailer: Mailer;
}): Promise<ReportReceiver> {
  const { deps, config, mailer } = options;
  const intake = { ...deps, mailer, trackingUrl: config.trackingUrl };
  const tls = await tlsOptions(config);
  const server = new SMTPServer({
    logger: false,
    banner: 'Enamel reported-email receiver',
    size: maxReportBytes,
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ?? {}),
    onData(stream, session, callback) {
      readStream(stream)
        .then(async (raw) => {
          if (raw === undefined) {
            callback(smtpError(552, `Reported emails are limited to ${maxReportBytes / 1024 / 1024} MB.`));
            return;
          }
          const result = await ingestReport(intake, {
            source: 'smtp',
            raw,
            envelopeAddresses: envelopeOf(session),
          });
          callback(null, result.message);
        })
        .catch((error: unknown) => {
          if (isAppError(error)) {
            callback(smtpError(error.code === 'BODY_TOO_LARGE' ? 552 : 550, error.message));
            return;
          }
          deps.log.error({ err: error }, 'a reported email could not be stored');
          callback(smtpError(451, 'The report could not be stored right now; please try again later.'));
        });
    },
  });
  server.on('error', (error) => deps.log.error({ err: error }, 'reported-email receiver error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.reportSmtp.port, config.reportSmtp.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.server.address() as AddressInfo;
  deps.log.info({ address, port }, 'reported-email SMTP receiver is listening');
  return {
    address: `${address}:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
