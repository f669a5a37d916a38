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

/** Who acts, for the audit trail: a signed-in user, an API token, the local operator, a CLI run or Enamel itself. */
export interface Actor {
  readonly type: 'user' | 'token' | 'operator' | 'cli' | 'system';
  readonly id: string | null;
  /** A label safe to show and store (a user's email, a token's name); never a secret. */
  readonly label: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
}

/** The tenant a use case acts in, and who acts (absent only in tests and internal jobs). */
export interface Scope {
  readonly dsoId: string;
  readonly actor?: Actor;
  /** The practices a practice manager may act in; absent or null means every practice of the DSO. */
  readonly practiceIds?: readonly string[] | null;
}

/** Whether the scope reaches this practice. */
export function inPracticeScope(scope: Scope, practiceId: string): boolean {
  return !scope.practiceIds || scope.practiceIds.includes(practiceId);
}

export const cliActor: Actor = { type: 'cli', id: null, label: 'enamel CLI', ip: null, userAgent: null };
export const systemActor: Actor = { type: 'system', id: null, label: 'Enamel', ip: null, userAgent: null };
