import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../errors.ts';
import type { DatabaseHandle } from './database.ts';
import { assertKnownSchema, knownMigrations } from './migrate.ts';

export interface BackupInfo {
  readonly file: string;
  readonly bytes: number;
  readonly schema: string | null;
}

function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  const table = sqlite
    .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
    .get();
  if (!table) return [];
  return (sqlite.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/**
 * Writes a consistent copy of the SQLite database to `file` with SQLite's online backup API, so the server
 * keeps serving while it runs. PostgreSQL installations use pg_dump instead (README).
 */
export async function backupSqlite(
  handle: DatabaseHandle,
  file: string,
  onProgress?: (done: number, total: number) => void,
): Promise<BackupInfo> {
  if (!handle.sqlite) {
    throw new AppError(
      'BACKUP_INVALID',
      'enamel backup copies the embedded SQLite database; on PostgreSQL use pg_dump (see README).',
    );
  }
  const target = path.resolve(file);
  if (fs.existsSync(target))
    throw new AppError('BACKUP_INVALID', `"${file}" already exists; choose a new file name.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  await handle.sqlite.backup(target, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.(totalPages - remainingPages, totalPages);
      return 200;
    },
  });
  const copy = new BetterSqlite3(target, { readonly: true });
  try {
    return { file: target, bytes: fs.statSync(target).size, schema: appliedMigrations(copy).at(-1) ?? null };
  } finally {
    copy.close();
  }
}

/** Checks that `file` is an intact Enamel database of a schema this build knows; answers its schema version. */
export function inspectBackup(file: string): { schema: string } {
  if (!fs.existsSync(file)) throw new AppError('BACKUP_INVALID', `Backup "${file}" does not exist.`);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AppError('BACKUP_INVALID', `"${file}" is not an Enamel backup: ${(error as Error).message}.`);
  }
  try {
    let applied: string[];
    let integrity: unknown;
    try {
      integrity = sqlite.pragma('quick_check', { simple: true });
      applied = appliedMigrations(sqlite);
    } catch (error) {
      throw new AppError('BACKUP_INVALID', `"${file}" is not an Enamel backup: ${(error as Error).message}.`);
    }
    if (integrity !== 'ok')
      throw new AppError('BACKUP_INVALID', `"${file}" is damaged: ${String(integrity)}.`);
    if (applied.length === 0)
      throw new AppError('BACKUP_INVALID', `"${file}" is not an Enamel backup: it has no schema history.`);
    assertKnownSchema(applied, `Backup "${path.basename(file)}"`);
    return { schema: applied.at(-1) as string };
  } finally {
    sqlite.close();
  }
}

/**
 * Replaces the database file with the backup. The server must be stopped: the copy is written beside the
 * database and renamed over it, so a crash midway leaves the old database intact.
 */
export function restoreSqlite(
  backupFile: string,
  databaseFile: string,
): { schema: string; newerMigrations: number } {
  const { schema } = inspectBackup(backupFile);
  const staging = `${databaseFile}.restoring`;
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  fs.copyFileSync(backupFile, staging);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${databaseFile}${suffix}`, { force: true });
  fs.renameSync(staging, databaseFile);
  return { schema, newerMigrations: knownMigrations.filter((name) => name > schema).length };
}
