import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createDatabase, type DatabaseHandle, type Dialect } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { configuredDialects } from './postgres.global.ts';

export interface TestDatabase {
  readonly dialect: Dialect;
  /** The database URL for PostgreSQL (child processes use it), undefined for SQLite. */
  readonly url: string | undefined;
  readonly handle: DatabaseHandle;
}

/** Creates a fresh, migrated database of the dialect: an in-memory SQLite or a new PostgreSQL database. */
export async function openTestDatabase(
  dialect: Dialect,
  sqliteFile = ':memory:',
): Promise<TestDatabase & { drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const handle = createDatabase({ dataDir: '.', sqliteFile });
    await migrateToLatest(handle.db);
    return { dialect, url: undefined, handle, drop: () => handle.close() };
  }
  const adminUrl = inject('postgresUrl');
  if (!adminUrl) throw new Error('PostgreSQL was requested but no server was started (DIALECTS).');
  const name = `enamel_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const handle = createDatabase({ dataDir: '.', databaseUrl: url });
  await migrateToLatest(handle.db);
  return {
    dialect,
    url,
    handle,
    drop: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/**
 * Runs the same test bodies on every configured dialect (`DIALECTS=sqlite,postgres`), each against its own
 * fresh database. `get()` returns the database inside tests.
 */
export function describeEachDialect(name: string, body: (get: () => TestDatabase) => void): void {
  for (const dialect of configuredDialects() as Dialect[]) {
    describe(`${name} [${dialect}]`, () => {
      let current: (TestDatabase & { drop(): Promise<void> }) | undefined;
      beforeAll(async () => {
        current = await openTestDatabase(dialect);
      });
      afterAll(async () => {
        await current?.drop();
      });
      body(() => {
        if (!current) throw new Error('database not open yet');
        return current;
      });
    });
  }
}
