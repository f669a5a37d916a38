import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.ts';
import { createDatabase } from '../../src/platform/db/database.ts';
import { knownMigrations } from '../../src/platform/db/migrate.ts';
import { cli } from '../harness/cli.ts';
import { describeEachDialect, openTestDatabase } from '../harness/db.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('enamel CLI usage', () => {
  const env = { ENAMEL_DATA_DIR: path.join(tmp, 'usage') };

  it('prints help with every command and exits 0', async () => {
    const result = await cli(['--help'], env);
    expect(result.code).toBe(0);
    for (const command of ['serve', 'migrate', 'demo', 'import', 'backup', 'restore', 'config']) {
      expect(result.stdout).toContain(command);
    }
    expect((await cli(['import', 'people', '--help'], env)).stdout).toContain('--dry-run');
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['frobnicate'], env)).code).toBe(2);
    const missing = await cli(['import', 'people'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'file'");
  });

  it('config check names a bad variable and its expected form, exit 1', async () => {
    const result = await cli(['config', 'check'], { ...env, PORT: 'eighty', TZ_UNUSED: 'x' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('CONFIG_INVALID');
    expect(result.stderr).toContain('PORT must be a port number 0-65535, got "eighty"');
    const ok = await cli(['config', 'check', '--json'], { ...env, DATABASE_URL: 'postgres://u:secret@h/db' });
    expect(ok.code).toBe(0);
    expect(ok.stdout).not.toContain('secret');
    expect(JSON.parse(ok.stdout).config.port).toBe(8080);
  });

  it('a missing file is a clear failure, exit 1', async () => {
    const result = await cli(['import', 'people', path.join(tmp, 'nope.csv')], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot read');
  });
});

describeEachDialect('enamel migrate and import', (get) => {
  let env: Record<string, string | undefined>;
  beforeAll(() => {
    const dir = path.join(tmp, `data-${get().dialect}-${Date.now()}`);
    env = { ENAMEL_DATA_DIR: dir, DATABASE_URL: get().url };
  });

  it('migrate applies, and --status lists applied migrations as JSON', async () => {
    const first = await cli(['migrate', '--json'], env);
    expect(first.code).toBe(0);
    const result = await cli(['migrate', '--status', '--json'], env);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.dialect).toBe(get().dialect);
    expect(status.migrations[0]).toMatchObject({ name: '0001-organisation', appliedAt: expect.any(String) });
    expect((await cli(['migrate'], env)).stdout).toContain('up to date');
  });

  it('imports people from a file: dry run, errors by line, then for real', async () => {
    const dso = await cli(['demo', '--practices', '2', '--seed', '3', '--json'], env);
    expect(dso.code).toBe(0);
    const dsoId: string = JSON.parse(dso.stdout).dso.id;
    const handle = createDatabase(loadConfig(env));
    const practices = await handle.db
      .selectFrom('practices')
      .select('name')
      .where('dsoId', '=', dsoId)
      .execute();
    await handle.close();
    const practice = practices[0]?.name as string;
    const file = path.join(tmp, `people-${get().dialect}.csv`);
    fs.writeFileSync(
      file,
      `email,firstName,lastName,jobRole,practices\nq1@cli.example,Q,One,it,"${practice}"\nbad,Q,Two,it,"${practice}"\n`,
    );
    const bad = await cli(['import', 'people', file, '--dso', dsoId], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('IMPORT_INVALID');
    expect(bad.stderr).toContain('line 3, column email: invalid_email');

    fs.writeFileSync(
      file,
      `email,firstName,lastName,jobRole,practices\nq1@cli.example,Q,One,it,"${practice}"\nq2@cli.example,Q,Two,it,"${practice}"\n`,
    );
    const dry = await cli(['import', 'people', file, '--dso', dsoId, '--dry-run'], env);
    expect(dry.stdout).toBe(
      'Dry run: would import 2 rows: 2 to create, 0 to update, 0 to terminate, 0 unchanged.\n',
    );
    const real = await cli(['import', 'people', file, '--dso', dsoId, '--json'], env);
    expect(JSON.parse(real.stdout)).toEqual({
      dryRun: false,
      rows: 2,
      summary: { create: 2, update: 0, terminate: 0, unchanged: 0 },
    });
  });
});

describe('enamel backup and restore (SQLite)', () => {
  const dir = path.join(tmp, 'backup-data');
  const env = { ENAMEL_DATA_DIR: dir };
  const backup = path.join(tmp, 'enamel-backup.db');

  it('backs up while the database is open, restores it, and refuses a newer schema', async () => {
    expect((await cli(['demo', '--practices', '3', '--seed', '1'], env)).code).toBe(0);
    const live = new BetterSqlite3(path.join(dir, 'enamel.db'));
    const count = () => (live.prepare('select count(*) n from people').get() as { n: number }).n;
    const before = count();
    const result = await cli(['backup', backup, '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).schema).toBe(knownMigrations.at(-1));
    live.prepare('delete from practiceMemberships').run();
    live.prepare('delete from people').run();
    expect(count()).toBe(0);
    live.close();

    expect((await cli(['backup', backup], env)).stderr).toContain('already exists');

    const restored = await cli(['restore', backup], env);
    expect(restored.code).toBe(0);
    const reopened = new BetterSqlite3(path.join(dir, 'enamel.db'), { readonly: true });
    expect((reopened.prepare('select count(*) n from people').get() as { n: number }).n).toBe(before);
    reopened.close();

    const newer = path.join(tmp, 'newer.db');
    fs.copyFileSync(backup, newer);
    const tamper = new BetterSqlite3(newer);
    tamper
      .prepare("insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01')")
      .run();
    tamper.close();
    const refused = await cli(['restore', newer], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('BACKUP_NEWER_SCHEMA');
    expect(refused.stderr).toContain('9999-from-the-future');

    const junk = path.join(tmp, 'junk.db');
    fs.writeFileSync(junk, 'this is not a database');
    const notDb = await cli(['restore', junk], env);
    expect(notDb.code).toBe(1);
    expect(notDb.stderr).toContain('BACKUP_INVALID');
  });

  it('explains that PostgreSQL uses pg_dump', async () => {
    const db = await openTestDatabase('sqlite');
    const result = await cli(['restore', backup], {
      ENAMEL_DATA_DIR: dir,
      DATABASE_URL: 'postgres://x@127.0.0.1:1/x',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('pg_restore');
    await db.drop();
  });
});
