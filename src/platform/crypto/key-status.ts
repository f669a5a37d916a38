import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { listDataKeys } from './data-keys.ts';
import type { MasterKey } from './master-key.ts';
import { countByKey } from './reencrypt.ts';
import { type EncryptedColumn, encryptedColumns } from './registry.ts';

export interface DataKeyView {
  readonly id: string;
  readonly status: string;
  readonly createdAt: string;
  readonly retiredAt: string | null;
  readonly kekFingerprint: string;
  /** How many values in the registered columns this key encrypts. */
  readonly values: number;
}

export interface KeyStatusView {
  /** Where the master key comes from; null when there is no key file yet and ENAMEL_MASTER_KEY is unset. */
  readonly master: {
    readonly source: 'environment' | 'file';
    readonly file: string | null;
    readonly fingerprint: string;
    /** Whether every data key was wrapped under this master key. */
    readonly opensDataKeys: boolean;
  } | null;
  readonly keys: readonly DataKeyView[];
  readonly columns: readonly string[];
  /** Values that name a data key this database does not hold (they cannot be decrypted). */
  readonly orphanValues: number;
}

/** The data keys and how many values each encrypts; never any key material. */
export async function keyStatus(
  db: Kysely<Database>,
  masterKey: MasterKey | undefined,
  columns: readonly EncryptedColumn[] = encryptedColumns(),
): Promise<KeyStatusView> {
  const rows = await listDataKeys(db);
  const counts = new Map<string, number>();
  for (const c of columns) {
    for (const [keyId, n] of await countByKey(db, c)) counts.set(keyId, (counts.get(keyId) ?? 0) + n);
  }
  const known = new Set(rows.map((row) => row.id));
  const fingerprint = masterKey?.key.fingerprint();
  return {
    master: masterKey
      ? {
          source: masterKey.source.kind,
          file: masterKey.source.kind === 'file' ? masterKey.source.file : null,
          fingerprint: fingerprint as string,
          opensDataKeys: rows.every((row) => row.kekFingerprint === fingerprint),
        }
      : null,
    keys: rows.map((row) => ({
      id: row.id,
      status: row.status,
      createdAt: row.createdAt,
      retiredAt: row.retiredAt,
      kekFingerprint: row.kekFingerprint,
      values: counts.get(row.id) ?? 0,
    })),
    columns: columns.map((c) => `${c.table}.${c.column}`),
    orphanValues: [...counts].filter(([id]) => !known.has(id)).reduce((sum, [, n]) => sum + n, 0),
  };
}
