import type { DestinationStream } from 'pino';
import { systemClock } from '../platform/clock.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { createDatabase, type DatabaseHandle } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import { createLogger, type Logger } from '../platform/log.ts';
import type { CliIo } from './io.ts';

export interface Runtime {
  readonly config: Config;
  readonly database: DatabaseHandle;
  readonly deps: ServiceDeps;
  readonly log: Logger;
}

/** Opens the configured database, migrated, for a command; `use` runs with it and the database is closed after. */
export async function withRuntime<T>(
  io: CliIo,
  use: (runtime: Runtime) => Promise<T>,
  migrate = true,
): Promise<T> {
  const config = loadConfig(io.env);
  // Commands log to stderr so stdout stays machine-readable.
  const log = createLogger(io.env.LOG_LEVEL ? config.logLevel : 'warn', io.stderr as DestinationStream);
  const database = createDatabase(config);
  try {
    if (migrate) await migrateToLatest(database.db);
    return await use({ config, database, deps: { db: database.db, clock: systemClock, log }, log });
  } finally {
    await database.close();
  }
}
