import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

/** An open database: the Kysely instance plus what backup and shutdown need. */
export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** The SQLite file path, when the dialect is SQLite. */
  readonly file: string | undefined;
  /** The raw SQLite connection, for online backup. */
  readonly sqlite: BetterSqlite3.Database | undefined;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  /** Overrides the SQLite file name (tests use ':memory:'). */
  readonly sqliteFile?: string;
}

export const sqliteFileName = 'enamel.db';

export function openSqlite(file: string): BetterSqlite3.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  // 64 MiB of page cache: a 50,000-person import's changes stay in memory until the commit (a smaller cache
  // spills them to the WAL mid-transaction), and reads of a large DSO stay off the disk.
  sqlite.pragma('cache_size = -65536');
  return sqlite;
}

export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: 'postgres', file: undefined, sqlite: undefined, close: () => db.destroy() };
  }
  const file = options.sqliteFile ?? path.join(options.dataDir, sqliteFileName);
  const sqlite = openSqlite(file);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  return { db, dialect: 'sqlite', file, sqlite, close: () => db.destroy() };
}

/** Statements kept prepared, by SQL text: Kysely's SQLite driver prepares every query it runs afresh. */
const statementCacheSize = 500;

/** DDL may change what a cached `select *` expands to, so it empties the cache. */
const schemaChange = /^\s*(create|alter|drop)\b/i;

/**
 * The SQLite connection as Kysely sees it, with a bounded least-recently-used cache of prepared statements.
 * Rows are read as arrays and turned into objects by a function built once per statement, which is cheaper
 * than better-sqlite3 building each row object itself.
 */
export function cachingStatements(
  sqlite: BetterSqlite3.Database,
  capacity = statementCacheSize,
): SqliteDatabase {
  const cache = new Map<string, CachedStatement>();
  return {
    close() {
      cache.clear();
      sqlite.close();
    },
    prepare(sqlText) {
      const cached = cache.get(sqlText);
      if (cached) {
        cache.delete(sqlText);
        cache.set(sqlText, cached);
        return cached;
      }
      const statement = new CachedStatement(sqlite, sqlText);
      if (schemaChange.test(sqlText)) {
        cache.clear();
        return statement;
      }
      cache.set(sqlText, statement);
      if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}

type RowBuilder = (values: readonly unknown[]) => Record<string, unknown>;

class CachedStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #sqlite: BetterSqlite3.Database;
  readonly #sql: string;
  readonly #statement: BetterSqlite3.Statement<unknown[]>;
  #build: RowBuilder | undefined;
  #width = -1;

  constructor(sqlite: BetterSqlite3.Database, sqlText: string) {
    this.#sqlite = sqlite;
    this.#sql = sqlText;
    this.#statement = sqlite.prepare(sqlText);
    this.reader = this.#statement.reader;
    if (this.reader) this.#statement.raw(true);
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    const rows = this.#statement.all(parameters) as unknown[][];
    const first = rows[0];
    if (first === undefined) return rows;
    // A schema change made by another connection re-prepares the statement, possibly with other columns.
    if (this.#build === undefined || first.length !== this.#width) {
      this.#build = rowBuilder(this.#statement.columns().map((column) => column.name));
      this.#width = first.length;
    }
    const build = this.#build;
    const objects = new Array<Record<string, unknown>>(rows.length);
    for (let i = 0; i < rows.length; i++) objects[i] = build(rows[i] as unknown[]);
    return objects;
  }

  run(parameters: ReadonlyArray<unknown>) {
    return this.#statement.run(parameters);
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    // Streams get a statement of their own: a cached one may be needed again before the stream ends.
    return this.#sqlite.prepare(this.#sql).iterate(parameters);
  }
}

/**
 * Builds row objects the way better-sqlite3 does (a later column of the same name wins), from an object
 * literal compiled once: V8 then creates every row with one hidden class. The names come from SQLite's
 * result columns and are embedded as JSON string literals.
 */
function rowBuilder(names: readonly string[]): RowBuilder {
  if (names.includes('__proto__')) {
    return (values) => Object.fromEntries(names.map((name, i) => [name, values[i]]));
  }
  const fields = names.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
  return new Function('values', `return { ${fields} };`) as RowBuilder;
}
