import { describe, expect, it } from 'vitest';
import {
  type ChainEntry,
  canonicalForm,
  createChainVerifier,
  genesisHash,
  hashEntry,
  type UnhashedEntry,
} from './audit.chain.ts';

function draft(seq: number, prevHash: string, overrides: Partial<UnhashedEntry> = {}): UnhashedEntry {
  return {
    id: `0190000${seq}-0000-7000-8000-000000000000`,
    chainKey: 'dso-1',
    seq,
    dsoId: 'dso-1',
    occurredAt: `2026-11-02T15:00:0${seq % 10}.000Z`,
    actorType: 'user',
    actorId: 'u-1',
    actorLabel: 'officer@example.com',
    ip: '127.0.0.1',
    userAgent: 'test',
    action: 'practices.update',
    resourceType: 'practice',
    resourceId: 'p-1',
    outcome: 'allowed',
    changedFields: ['chairs', 'name'],
    detail: null,
    prevHash,
    ...overrides,
  };
}

/** A valid chain of n entries. */
function chain(n: number): ChainEntry[] {
  const entries: ChainEntry[] = [];
  let prev = genesisHash;
  for (let seq = 1; seq <= n; seq++) {
    const unhashed = draft(seq, prev);
    const entry = { ...unhashed, hash: hashEntry(unhashed) };
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

function verify(entries: readonly ChainEntry[], checkpoints: Parameters<typeof createChainVerifier>[0] = []) {
  const verifier = createChainVerifier(checkpoints);
  for (const entry of entries) if (verifier.push(entry)) break;
  return verifier.finish();
}

describe('canonical form', () => {
  it('is a fixed-order JSON array, stable across runs and key order', () => {
    const a = draft(1, genesisHash, { detail: { update: 2, create: 1 } });
    const b = { ...draft(1, genesisHash), detail: { create: 1, update: 2 } };
    expect(canonicalForm(a)).toBe(canonicalForm(b));
    expect(canonicalForm(a)).toMatchInlineSnapshot(
      `"["enamel-audit-v1","01900001-0000-7000-8000-000000000000","dso-1",1,"dso-1","2026-11-02T15:00:01.000Z","user","u-1","officer@example.com","127.0.0.1","test","practices.update","practice","p-1","allowed",["chairs","name"],[["create",1],["update",2]],"0000000000000000000000000000000000000000000000000000000000000000"]"`,
    );
    expect(hashEntry(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEntry(a)).toBe(hashEntry(b));
  });

  it('changes the hash when any field, the seq or the previous hash changes', () => {
    const base = draft(1, genesisHash);
    const variants: Partial<UnhashedEntry>[] = [
      { seq: 2 },
      { prevHash: 'f'.repeat(64) },
      { actorLabel: 'someone else' },
      { changedFields: ['chairs'] },
      { outcome: 'denied' },
      { ip: null },
      { detail: { create: 1 } },
    ];
    for (const variant of variants) expect(hashEntry({ ...base, ...variant })).not.toBe(hashEntry(base));
  });
});

describe('chain verifier', () => {
  it('accepts a valid chain and reports its head', () => {
    const entries = chain(5);
    expect(verify(entries)).toEqual({
      ok: true,
      entries: 5,
      headSeq: 5,
      headHash: entries[4]?.hash,
    });
    expect(verify([])).toEqual({ ok: true, entries: 0, headSeq: 0, headHash: genesisHash });
  });

  const cases: {
    name: string;
    tamper: (entries: ChainEntry[]) => ChainEntry[];
    reason: string;
    seq: number;
    message: RegExp;
  }[] = [
    {
      name: 'a changed field (hash mismatch)',
      tamper: (e) => e.map((x) => (x.seq === 3 ? { ...x, actorLabel: 'mallory' } : x)),
      reason: 'hash_mismatch',
      seq: 3,
      message: /^hash mismatch: the stored fields hash to [0-9a-f]{64}, but the entry records/,
    },
    {
      name: 'a rewritten entry with a recomputed hash (prevHash mismatch on the next)',
      tamper: (e) =>
        e.map((x) => {
          if (x.seq !== 2) return x;
          const forged = { ...x, changedFields: ['status'] };
          return { ...forged, hash: hashEntry(forged) };
        }),
      reason: 'prev_hash_mismatch',
      seq: 3,
      message: /^prevHash mismatch: the entry links to/,
    },
    {
      name: 'a removed entry (sequence gap)',
      tamper: (e) => e.filter((x) => x.seq !== 2),
      reason: 'sequence_gap',
      seq: 3,
      message: /^sequence gap: expected seq 2, found 3$/,
    },
    {
      name: 'a chain that does not start at seq 1',
      tamper: (e) => e.slice(1),
      reason: 'sequence_gap',
      seq: 2,
      message: /expected seq 1, found 2/,
    },
  ];
  for (const testCase of cases) {
    it(`finds ${testCase.name}, naming the first broken entry`, () => {
      const result = verify(testCase.tamper(chain(5)));
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.break.reason).toBe(testCase.reason);
      expect(result.break.entry?.seq).toBe(testCase.seq);
      expect(result.break.entry?.action).toBe('practices.update');
      expect(result.break.message).toMatch(testCase.message);
      expect(result.entries).toBe(testCase.seq - 1 - (testCase.reason === 'sequence_gap' ? 1 : 0));
    });
  }

  it('reports only the first of several breaks', () => {
    const entries = chain(6).map((x) => (x.seq === 2 || x.seq === 5 ? { ...x, outcome: 'failed' } : x));
    const result = verify(entries);
    expect(!result.ok && result.break.entry?.seq).toBe(2);
  });

  it('detects truncation and a different entry at a checkpoint', () => {
    const entries = chain(6);
    const anchor = { seq: 6, hash: entries[5]?.hash as string, source: 'anchor of 2026-11-02' };
    expect(verify(entries, [anchor]).ok).toBe(true);
    const truncated = verify(entries.slice(0, 4), [anchor]);
    expect(truncated.ok).toBe(false);
    if (truncated.ok) return;
    expect(truncated.break.reason).toBe('entries_missing');
    expect(truncated.break.entry).toBeUndefined();
    expect(truncated.break.message).toContain(
      'the chain ends at seq 4, but the anchor of 2026-11-02 records seq 6',
    );
    expect(truncated.break.message).toContain('2 entries are gone (seq 5-6)');

    const other = verify(entries, [{ ...anchor, hash: 'a'.repeat(64) }]);
    expect(!other.ok && other.break.reason).toBe('checkpoint_mismatch');
    expect(!other.ok && other.break.entry?.seq).toBe(6);
  });
});
