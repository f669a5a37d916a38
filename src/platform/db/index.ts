import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** A database or an open transaction: every store function takes one first. */
export type Db = Kysely<Database> | Transaction<Database>;

/** Whether a driver error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

export type { Database };
