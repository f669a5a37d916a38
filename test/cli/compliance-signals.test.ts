import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.ts';
import { createDatabase } from '../../src/platform/db/database.ts';
import { cli } from '../harness/cli.ts';
import { describeEachDialect } from '../harness/db.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-signals-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describeEachDialect('enamel compliance signals', (get) => {
  let env: Record<string, string | undefined>;
  let dsoId: string;
  let practice: string;

  beforeAll(async () => {
    env = { ENAMEL_DATA_DIR: path.join(tmp, `data-${get().dialect}`), DATABASE_URL: get().url };
    const demo = await cli(['demo', '--practices', '2', '--seed', '5', '--json'], env);
    expect(demo.code).toBe(0);
    dsoId = JSON.parse(demo.stdout).dso.id;
    const handle = createDatabase(loadConfig(env));
    const row = await handle.db
      .selectFrom('practices')
      .select('name')
      .where('dsoId', '=', dsoId)
      .orderBy('name')
      .executeTakeFirstOrThrow();
    await handle.close();
    practice = row.name;
  });

  it('imports a CSV all or nothing, then lists the latest values and states', async () => {
    const file = path.join(tmp, `signals-${get().dialect}.csv`);
    const observed = new Date(Date.now() - 86_400_000).toISOString();
    fs.writeFileSync(
      file,
      `signal,practice,value,observedAt\nedr-coverage,,97,${observed}\nedr-coverage,Nowhere Dental,50,${observed}\n`,
    );
    const bad = await cli(['compliance', 'signals', 'import', file, '--dso', dsoId], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('IMPORT_INVALID');
    expect(bad.stderr).toContain(
      'line 3, column practice: not_found: practice "Nowhere Dental" was not found',
    );

    fs.writeFileSync(
      file,
      `signal,practice,value,observedAt\nedr-coverage,,97,${observed}\nedr-coverage,"${practice}",80,${observed}\n`,
    );
    const good = await cli(['compliance', 'signals', 'import', file, '--dso', dsoId], env);
    expect([good.code, good.stdout]).toEqual([0, 'Imported 2 signal reading(s).\n']);

    const json = await cli(['compliance', 'signals', 'list', '--json', '--dso', dsoId], env);
    expect(json.code).toBe(0);
    const edr = JSON.parse(json.stdout).items.find((s: { id: string }) => s.id === 'edr-coverage');
    expect(edr).toMatchObject({ value: 80, state: 'fail', controlIds: ['edr-endpoints'] });
    expect(edr.readings).toHaveLength(2);

    const text = await cli(['compliance', 'signals', 'list', '--dso', dsoId], env);
    expect(text.stdout.split('\n')[0]).toMatch(/^SIGNAL\s+VALUE\s+STATE\s+OBSERVED\s+THRESHOLDS$/);
    expect(text.stdout).toMatch(/edr-coverage\s+80%\s+fail\s+.*warn < 98, fail < 90, max age 14d/);
    // One line per signal definition, whatever else the demo data recorded.
    expect(text.stdout.trim().split('\n')).toHaveLength(8);
  });

  it('names a file it cannot read', async () => {
    const result = await cli(['compliance', 'signals', 'import', path.join(tmp, 'nope.csv')], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot read');
  });
});
