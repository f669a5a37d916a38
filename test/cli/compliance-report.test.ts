import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { cli } from '../harness/cli.ts';
import { describeEachDialect } from '../harness/db.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-report-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}

describeEachDialect('enamel compliance report', (get) => {
  let env: Record<string, string | undefined>;
  let dir: string;

  beforeAll(async () => {
    dir = path.join(tmp, `${get().dialect}-${Date.now()}`);
    fs.mkdirSync(dir, { recursive: true });
    // The CLI opens the same database: the PostgreSQL test database by URL, or a SQLite file in the data dir.
    env = { ENAMEL_DATA_DIR: dir, DATABASE_URL: get().url };
    if (get().dialect === 'sqlite') {
      const { createDatabase } = await import('../../src/platform/db/database.ts');
      const { loadConfig } = await import('../../src/platform/config.ts');
      const { migrateToLatest } = await import('../../src/platform/db/migrate.ts');
      const handle = createDatabase(loadConfig(env));
      await migrateToLatest(handle.db);
      const deps = testDeps(handle);
      const dso = await buildDso(deps, { name: 'Lakeside Dental Group' });
      await buildPractice(deps, dso.id, { name: 'Lakeside Main Street' });
      await handle.close();
    } else {
      const deps = testDeps(get().handle);
      const dso = await buildDso(deps, { name: 'Lakeside Dental Group' });
      await buildPractice(deps, dso.id, { name: 'Lakeside Main Street' });
    }
  });

  it('writes the PDF report and says what it wrote', async () => {
    const out = path.join(dir, 'risk-analysis.pdf');
    const result = await cli(['compliance', 'report', '--format', 'pdf', '--out', out], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Wrote ${out} (pdf,`);
    expect(result.stdout).toContain('1 practice(s)');
    expect(result.stdout).toContain('not yet signed off');
    const bytes = fs.readFileSync(out);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(bytes);
    expect(text).toContain('Lakeside Dental Group');
    expect(text).toContain('HIPAA Security Risk Analysis');
    expect(text).toContain('Lakeside Main Street');
  });

  it('writes the CSV report, with --json', async () => {
    const out = path.join(dir, 'risk-analysis.csv');
    const result = await cli(['compliance', 'report', '--format', 'csv', '--out', out, '--json'], env);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ file: out, format: 'csv', dso: 'Lakeside Dental Group', practices: 1 });
    const csv = fs.readFileSync(out, 'utf8');
    expect(csv.startsWith('section,id,name,practice,region,area,score')).toBe(true);
    expect(csv).toContain('practice-score,');
    expect(csv).toContain('Lakeside Main Street');
  });

  it('a bad format is a usage error naming the option, exit 2', async () => {
    const result = await cli(['compliance', 'report', '--format', 'docx', '--out', path.join(dir, 'x')], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("option '--format <format>' argument 'docx' is invalid");
    expect(result.stderr).toContain('pdf, csv');
  });

  it('an unwritable path fails naming the path, exit 1, before any work', async () => {
    const out = path.join(dir, 'missing-folder', 'report.pdf');
    const result = await cli(['compliance', 'report', '--format', 'pdf', '--out', out], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Cannot write "${out}": ENOENT`);
    expect(fs.existsSync(out)).toBe(false);
  });
});
