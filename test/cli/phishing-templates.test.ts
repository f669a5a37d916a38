import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemplate } from '../../src/modules/phishing/templates/templates.service.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { buildDso, testDeps } from '../factories/org.ts';
import { cli } from '../harness/cli.ts';
import { describeEachDialect } from '../harness/db.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-phishing-templates-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('enamel phishing templates (library only)', () => {
  // No --dso: the built-in library needs no database.
  const env = { ENAMEL_DATA_DIR: path.join(tmp, 'unused') };

  it('lists the built-in lures as JSON with id, name, category and difficulty', async () => {
    const result = await cli(['phishing', 'templates', '--json'], env);
    expect(result.code).toBe(0);
    const items = JSON.parse(result.stdout).items as { id: string; category: string; difficulty: number }[];
    expect(items.length).toBeGreaterThanOrEqual(12);
    expect(items[0]).toMatchObject({ id: expect.stringMatching(/^builtin:/), name: expect.any(String) });
    expect(fs.existsSync(path.join(tmp, 'unused'))).toBe(false);
  });

  it('filters by category and difficulty, and prints a table', async () => {
    const json = await cli(['phishing', 'templates', '--json', '--category', 'it', '--difficulty', '1'], env);
    expect(JSON.parse(json.stdout).items.map((t: { id: string }) => t.id)).toEqual([
      'builtin:it-mailbox-quota',
    ]);
    const table = await cli(['phishing', 'templates', '--category', 'regulator'], env);
    expect(table.code).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+CATEGORY\s+DIFFICULTY\s+NAME$/);
    expect(lines.slice(1).every((line) => line.includes(' regulator '))).toBe(true);
    expect(lines.length).toBe(3);
  });

  it('refuses an unknown category or difficulty, naming the option', async () => {
    const result = await cli(['phishing', 'templates', '--difficulty', '7'], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('VALIDATION_FAILED');
    expect(result.stderr).toContain('--difficulty');
    const category = await cli(['phishing', 'templates', '--category', 'spam'], env);
    expect(category.code).toBe(1);
    expect(category.stderr).toContain('--category');
  });
});

describeEachDialect('enamel phishing templates --dso', (get) => {
  let env: Record<string, string | undefined>;
  let dsoId: string;
  let ownId: string;

  beforeAll(async () => {
    const url = get().url;
    env = url ? { DATABASE_URL: url } : { ENAMEL_DATA_DIR: path.join(tmp, 'sqlite') };
    // SQLite tests use an in-memory database: the CLI needs a file, so the data goes where the CLI will look.
    const handle = url ? get().handle : createDatabase(loadConfig(env));
    if (!url) await migrateToLatest(handle.db);
    const deps = testDeps(handle);
    dsoId = (await buildDso(deps)).id;
    const own = await createTemplate(
      deps,
      { dsoId },
      {
        name: 'Our own payroll lure',
        category: 'finance-hr',
        difficulty: 4,
        senderName: 'Payroll',
        senderAddress: 'payroll@{{practice}}.example',
        subject: 'Pay stub',
        html: '<p><a href="{{link}}">View</a></p>',
        redFlags: [],
      },
    );
    ownId = own.id;
    if (!url) await handle.close();
  });

  it("adds the DSO's own templates to the list", async () => {
    const result = await cli(
      ['phishing', 'templates', '--json', '--dso', dsoId, '--category', 'finance-hr'],
      env,
    );
    expect(result.code).toBe(0);
    const items = JSON.parse(result.stdout).items as { id: string; builtin: boolean }[];
    expect(items.find((t) => t.id === ownId)).toMatchObject({ builtin: false, name: 'Our own payroll lure' });
    expect(items.filter((t) => t.builtin).length).toBeGreaterThanOrEqual(2);
  });
});
