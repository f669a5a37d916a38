import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { buildApp } from './app.ts';
import type { CliIo } from './cli/io.ts';
import { startReminderScheduler } from './modules/compliance/compliance.scheduler.ts';
import { startPhishingServices } from './modules/phishing/phishing.services.ts';
import { systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { loadConfig } from './platform/config.ts';
import { lazySecretBox, openSecretBox } from './platform/crypto/index.ts';
import { createDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { defaultWebDir, hasWebBuild } from './platform/http/web.ts';
import { createLogger, type Logger } from './platform/log.ts';
import { createMailer } from './platform/mail/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the web app when its production build is missing, so `npm start` works on a fresh clone. */
export function ensureWebBuild(log: Logger): void {
  if (hasWebBuild(defaultWebDir)) return;
  log.info('building the web app (first start)');
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (result.status !== 0) log.error('the web app could not be built; the API still runs');
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly address: string;
  /** Stops accepting, drains in-flight requests, closes the database. */
  close(): Promise<void>;
}

/** Starts Enamel: migrate, build the web app if missing, listen. */
export async function startServer(config: Config, log: Logger): Promise<RunningServer> {
  const database = createDatabase(config);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) log.info({ applied }, 'migrations applied');
  if (config.webDir === undefined) ensureWebBuild(log);
  const deps = { db: database.db, clock: systemClock, log };
  // One key ring for the HTTP app and the background services, opened on first use.
  const secrets = lazySecretBox(() => openSecretBox({ db: database.db, config, clock: systemClock }));
  const app = await buildApp({
    config,
    database,
    logger: log,
    webDir: config.webDir ?? defaultWebDir,
    secrets,
  });
  const address = await app.listen({ port: config.port, host: config.host });
  const mailer = createMailer(config);
  const reminders = startReminderScheduler(deps, mailer, config.publicUrl, config.reminderIntervalMinutes);
  const phishing = await startPhishingServices({ deps, config, secrets, mailer }).catch(
    async (error: unknown) => {
      await app.close();
      await reminders.stop();
      await mailer.close();
      await database.close();
      throw error;
    },
  );
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await app.close();
      await phishing.stop();
      await reminders.stop();
      await mailer.close();
      await database.close();
    })();
    return closing;
  };
  return { app, address, close };
}

/** `enamel serve`: runs until SIGTERM or SIGINT, then shuts down gracefully within the configured timeout. */
export async function serve(io: CliIo): Promise<void> {
  const config = loadConfig(io.env);
  const log = createLogger(config.logLevel, io.stdout as DestinationStream);
  const server = await startServer(config, log);
  log.info(
    { address: server.address, dialect: config.databaseUrl ? 'postgres' : 'sqlite' },
    'Enamel is listening',
  );
  await new Promise<void>((resolve, reject) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'shutting down: no new connections, draining requests');
      const timer = setTimeout(
        () => reject(new Error(`shutdown took longer than ${config.shutdownTimeoutMs} ms`)),
        config.shutdownTimeoutMs,
      );
      timer.unref();
      server.close().then(() => {
        clearTimeout(timer);
        log.info('stopped');
        resolve();
      }, reject);
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
