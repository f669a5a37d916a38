import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { AppError } from '../errors.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export interface MigrationState {
  readonly name: string;
  readonly appliedAt: string | null;
}

function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const result: MigrationResultSet = await createMigrator(db).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration "${failed}" failed: ${String(result.error)}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function migrationStatus(db: Kysely<Database>): Promise<MigrationState[]> {
  const list = await createMigrator(db).getMigrations();
  return list.map((m) => ({ name: m.name, appliedAt: m.executedAt ? m.executedAt.toISOString() : null }));
}

export async function pendingMigrations(db: Kysely<Database>): Promise<string[]> {
  return (await migrationStatus(db)).filter((m) => m.appliedAt === null).map((m) => m.name);
}

/** Names of migrations this build knows, newest last. */
export const knownMigrations: readonly string[] = Object.keys(migrations).sort();

/** Refuses a database whose applied migrations include one this build does not know (a newer schema). */
export function assertKnownSchema(applied: readonly string[], what: string): void {
  const unknown = applied.filter((name) => !knownMigrations.includes(name));
  if (unknown.length > 0) {
    throw new AppError(
      'BACKUP_NEWER_SCHEMA',
      `${what} has schema version "${unknown.sort().at(-1)}", newer than this Enamel knows ("${knownMigrations.at(-1)}"). Upgrade Enamel first.`,
    );
  }
}
