import { beforeAll, expect, it } from 'vitest';
import { verifyChain } from '../../src/modules/audit/audit.service.ts';
import { record } from '../../src/modules/audit/index.ts';
import { createPractice } from '../../src/modules/org/org.service.ts';
import { cliActor, type ServiceDeps } from '../../src/platform/context.ts';
import { buildDso, testDeps } from '../factories/org.ts';
import { describeEachDialect } from '../harness/db.ts';

describeEachDialect('audit chain in the database', (get) => {
  let deps: ServiceDeps;
  beforeAll(() => {
    deps = testDeps(get().handle);
  });

  const seqs = async (chainKey: string) =>
    (
      await get()
        .handle.db.selectFrom('auditEvents')
        .select('seq')
        .where('chainKey', '=', chainKey)
        .orderBy('seq')
        .execute()
    ).map((row) => Number(row.seq));

  it('50 parallel writes produce a gap-free, valid chain', async () => {
    const dsoId = (await buildDso(deps)).id;
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createPractice(
          deps,
          { dsoId, actor: cliActor },
          { name: `Parallel ${i}`, state: 'TX', timeZone: 'America/Chicago' },
        ),
      ),
    );
    expect(await seqs(dsoId)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const result = await verifyChain(deps, dsoId, undefined, 7);
    expect(result).toMatchObject({ ok: true, entries: 50, headSeq: 50 });
  });

  it('commits an entry with the caller transaction, and discards it when the transaction fails', async () => {
    const dsoId = (await buildDso(deps)).id;
    const entry = {
      dsoId,
      actor: cliActor,
      action: 'tests.run',
      resourceType: 'test',
      resourceId: null,
      occurredAt: '2026-11-02T15:00:00.000Z',
    };
    await expect(
      deps.db.transaction().execute(async (trx) => {
        await record(trx, entry);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await seqs(dsoId)).toEqual([]);
    await deps.db.transaction().execute((trx) => record(trx, entry));
    const second = await record(deps.db, entry);
    expect(second.seq).toBe(2);
    expect(await seqs(dsoId)).toEqual([1, 2]);
    expect(await verifyChain(deps, dsoId)).toMatchObject({ ok: true, entries: 2, headHash: second.hash });
  });

  it('refuses values where field names belong, and non-numeric detail', async () => {
    const base = {
      dsoId: null,
      actor: cliActor,
      action: 'tests.run',
      resourceType: 'test',
      resourceId: null,
      occurredAt: '2026-11-02T15:00:00.000Z',
    };
    await expect(record(deps.db, { ...base, changedFields: ['pat@example.com'] })).rejects.toThrow(
      /field names only/,
    );
    await expect(record(deps.db, { ...base, detail: { email: 'x' as unknown as number } })).rejects.toThrow(
      /numbers only/,
    );
    await expect(record(deps.db, { ...base, action: 'Run Tests' })).rejects.toThrow(/malformed/);
  });
});
