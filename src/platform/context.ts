import type { Kysely } from 'kysely';
import type { Clock } from './clock.ts';
import type { Database } from './db/schema.ts';
import type { Logger } from './log.ts';

/** What every service needs: the database, the clock and a logger. Built once by the app or the CLI. */
export interface ServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly log: Logger;
}

/** The tenant a use case acts in. */
export interface Scope {
  readonly dsoId: string;
}
