import type { Kysely } from 'kysely';
import type { DestinationStream } from 'pino';
import { systemClock } from '../platform/clock.ts';
import { type Config, loadConfig } from '../platform/config.ts';
import type { ServiceDeps } from '../platform/context.ts';
import { createDatabase, type DatabaseHandle } from '../platform/db/database.ts';
import { migrateToLatest } from '../platform/db/migrate.ts';
import type { Database } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { isUuid } from '../platform/ids.ts';
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

/** The DSO a command acts on: the one named, or the only one; several without a choice is an error. */
export async function resolveCliDso(db: Kysely<Database>, requested: string | undefined): Promise<string> {
  if (requested !== undefined) {
    const found = isUuid(requested)
      ? await db.selectFrom('dsos').select('id').where('id', '=', requested).executeTakeFirst()
      : undefined;
    if (!found) throw new AppError('NOT_FOUND', `DSO "${requested}" was not found.`);
    return found.id;
  }
  const rows = await db.selectFrom('dsos').select(['id', 'name']).orderBy('name').limit(20).execute();
  if (rows.length === 1) return (rows[0] as { id: string }).id;
  if (rows.length === 0) {
    throw new AppError(
      'DSO_NOT_CONFIGURED',
      'No DSO exists yet: run `enamel admin create` (or `enamel demo`) first.',
    );
  }
  const list = rows.map((row) => `${row.id} (${row.name})`).join(', ');
  throw new AppError('DSO_NOT_CONFIGURED', `Several DSOs exist: choose one with --dso. They are: ${list}.`);
}
