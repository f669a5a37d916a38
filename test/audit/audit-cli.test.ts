import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/platform/config.ts';
import type { ServiceDeps } from '../../src/platform/context.ts';
import { createDatabase, type DatabaseHandle } from '../../src/platform/db/database.ts';
import { buildDso, buildPractice, testDeps } from '../factories/org.ts';
import { cli } from '../harness/cli.ts';
import { describeEachDialect } from '../harness/db.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'enamel-audit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describeEachDialect('enamel audit verify and anchor', (get) => {
  let env: Record<string, string | undefined>;
  let handle: DatabaseHandle;
  let deps: ServiceDeps;

  /** A DSO with a practice created and updated `updates` times: 1 + updates entries in its chain. */
  async function dsoWithEntries(updates: number): Promise<string> {
    const dsoId = (await buildDso(deps)).id;
    const practice = await buildPractice(deps, dsoId, { phone: '(972) 555-0100' });
    const { updatePractice } = await import('../../src/modules/org/org.service.ts');
    for (let i = 0; i < updates; i++) await updatePractice(deps, { dsoId }, practice.id, { chairs: i + 1 });
    return dsoId;
  }

  const entry = (dsoId: string, seq: number) =>
    handle.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('chainKey', '=', dsoId)
      .where('seq', '=', seq)
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    env = { ENAMEL_DATA_DIR: path.join(tmp, `data-${get().dialect}`), DATABASE_URL: get().url };
    expect((await cli(['migrate'], env)).code).toBe(0);
    handle = createDatabase(loadConfig(env));
    deps = testDeps(handle);
  });
  afterAll(async () => handle.close());

  it('reports every chain as ok with its entry count and head', async () => {
    const dsoId = await dsoWithEntries(2);
    const head = await entry(dsoId, 3);
    const result = await cli(['audit', 'verify'], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`chain ${dsoId}: ok 3 entries, head ${head.hash}\n`);
    expect(result.stdout).toMatch(/chain platform: ok \d+ entries, head [0-9a-f]{64}\n/);
    const json = await cli(['audit', 'verify', '--dso', dsoId, '--json'], env);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: true,
      chains: [{ chainKey: dsoId, result: { ok: true, entries: 3, headSeq: 3, headHash: head.hash } }],
    });
  });

  it('names the first changed entry and exits 1', async () => {
    const dsoId = await dsoWithEntries(4);
    const target = await entry(dsoId, 3);
    await handle.db
      .updateTable('auditEvents')
      .set({ changedFields: '["status"]' })
      .where('id', '=', target.id)
      .execute();
    const result = await cli(['audit', 'verify'], env);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `chain ${dsoId}: BROKEN at entry ${target.id} (seq 3, ${target.occurredAt}, practices.update): hash mismatch`,
    );
    expect(result.stderr).toContain('error AUDIT_CHAIN_BROKEN: 1 of');
    expect(result.stderr).toContain(target.id);
    // Other chains are still reported as ok.
    expect(result.stdout).toMatch(/chain platform: ok/);
  });

  it('catches removed last entries through an anchor exported before, and through the chain head', async () => {
    const dsoId = await dsoWithEntries(5);
    const file = path.join(tmp, `anchor-${get().dialect}.json`);
    const written = await cli(['audit', 'anchor', '--dso', dsoId, '--out', file], env);
    expect(written.code).toBe(0);
    expect(written.stdout).toBe(`Wrote the anchor of 1 chain(s) to ${file}.\n`);
    const anchor = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(anchor).toMatchObject({ kind: 'enamel-audit-anchor', chains: [{ chainKey: dsoId, seq: 6 }] });
    expect((await cli(['audit', 'anchor', '--out', file], env)).stderr).toContain('already exists');
    expect((await cli(['audit', 'verify', '--dso', dsoId, '--anchor', file], env)).code).toBe(0);

    // A naive removal leaves the chain-head row ahead of the entries.
    await handle.db.deleteFrom('auditEvents').where('chainKey', '=', dsoId).where('seq', '>', 4).execute();
    const naive = await cli(['audit', 'verify', '--dso', dsoId], env);
    expect(naive.code).toBe(1);
    expect(naive.stdout).toContain(
      'entries missing: the chain ends at seq 4, but the chain head records seq 6',
    );

    // An attacker who also rewinds the head leaves a consistent chain: only the anchor tells.
    const last = await entry(dsoId, 4);
    await handle.db
      .updateTable('auditChains')
      .set({ lastSeq: 4, lastHash: last.hash })
      .where('chainKey', '=', dsoId)
      .execute();
    const alone = await cli(['audit', 'verify', '--dso', dsoId], env);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toBe(`chain ${dsoId}: ok 4 entries, head ${last.hash}\n`);
    const anchored = await cli(['audit', 'verify', '--dso', dsoId, '--anchor', file], env);
    expect(anchored.code).toBe(1);
    expect(anchored.stdout).toContain(
      `entries missing: the chain ends at seq 4, but the anchor of ${anchor.chains[0].time} records seq 6`,
    );
    expect(anchored.stdout).toContain('2 entries are gone (seq 5-6)');
    expect(anchored.stderr).toContain('AUDIT_CHAIN_BROKEN');
  });

  it('refuses an anchor file that is not an anchor', async () => {
    const file = path.join(tmp, `not-anchor-${get().dialect}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({ kind: 'enamel-audit-anchor', version: 1, createdAt: 'x', chains: [{}] }),
    );
    const result = await cli(['audit', 'verify', '--anchor', file], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error AUDIT_ANCHOR_INVALID');
    expect(result.stderr).toContain('chains.0.chainKey');
    const missing = await cli(['audit', 'verify', '--anchor', path.join(tmp, 'nope.json')], env);
    expect(missing.stderr).toContain('Cannot read');
  });
});
