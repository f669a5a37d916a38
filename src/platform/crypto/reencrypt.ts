import { type Kysely, sql } from 'kysely';
import type { Db } from '../db/index.ts';
import type { Database } from '../db/schema.ts';
import { isAppError } from '../errors.ts';
import type { EncryptedColumn } from './registry.ts';
import { ciphertextPrefix, keyIdLength, type SecretBox } from './secret-box.ts';

type RowId = string | number;

// Every query here names its table and columns through sql.table/sql.ref (quoted identifiers checked at
// registration), so they work on any registered table in both dialects.
const col = (c: EncryptedColumn) => sql.ref(c.column);
const encrypted = (c: EncryptedColumn) =>
  sql`substr(${col(c)}, 1, ${sql.lit(ciphertextPrefix.length)}) = ${ciphertextPrefix}`;
// Literal positions, so PostgreSQL sees the same expression in select and group by.
const keyIdOf = (c: EncryptedColumn) =>
  sql`substr(${col(c)}, ${sql.lit(ciphertextPrefix.length + 1)}, ${sql.lit(keyIdLength)})`;
const notUnder = (c: EncryptedColumn, keyId: string) => sql`${keyIdOf(c)} <> ${keyId}`;

/** How many values of the column each data key encrypts. */
export async function countByKey(db: Db, c: EncryptedColumn): Promise<Map<string, number>> {
  const result = await sql<{ keyId: string; values: string | number }>`
    select ${keyIdOf(c)} as ${sql.id('keyId')}, count(*) as ${sql.id('values')}
    from ${sql.table(c.table)} where ${encrypted(c)} group by ${keyIdOf(c)}`.execute(db);
  return new Map(result.rows.map((row) => [row.keyId, Number(row.values)]));
}

/** How many values of the column are encrypted under a key other than `keyId`. */
export async function countNotUnder(db: Db, c: EncryptedColumn, keyId: string): Promise<number> {
  const result = await sql<{ values: string | number }>`
    select count(*) as ${sql.id('values')} from ${sql.table(c.table)}
    where ${encrypted(c)} and ${notUnder(c, keyId)}`.execute(db);
  return Number(result.rows[0]?.values ?? 0);
}

function selectBatch(db: Db, c: EncryptedColumn, keyId: string, after: RowId | undefined, limit: number) {
  const from = after === undefined ? sql`` : sql`and ${sql.ref(c.idColumn)} > ${after}`;
  return sql<{ rowId: RowId; value: string }>`
    select ${sql.ref(c.idColumn)} as ${sql.id('rowId')}, ${col(c)} as ${sql.id('value')}
    from ${sql.table(c.table)}
    where ${encrypted(c)} and ${notUnder(c, keyId)} ${from}
    order by ${sql.ref(c.idColumn)} limit ${limit}`.execute(db);
}

export interface ColumnPass {
  readonly reencrypted: number;
  /** Row ids whose value does not decrypt (changed, moved, or its key is gone). */
  readonly failed: readonly RowId[];
}

/**
 * Re-encrypts, in batches, every value of the column not under the active key `keyId`. Decryption happens
 * outside the transaction; each batch then commits its updates in its own short transaction, each one
 * conditional on the value being unchanged, so a concurrent write is never overwritten.
 */
export async function reencryptColumn(
  db: Kysely<Database>,
  box: SecretBox,
  c: EncryptedColumn,
  keyId: string,
  batchSize: number,
  onBatch: (reencrypted: number) => void,
): Promise<ColumnPass> {
  let after: RowId | undefined;
  let reencrypted = 0;
  const failed: RowId[] = [];
  for (;;) {
    const { rows } = await selectBatch(db, c, keyId, after, batchSize);
    const last = rows.at(-1);
    if (!last) break;
    const updates: { id: RowId; from: string; to: string }[] = [];
    for (const row of rows) {
      const aad = c.aad({ id: row.rowId });
      try {
        updates.push({
          id: row.rowId,
          from: row.value,
          to: await box.encrypt(await box.decrypt(row.value, aad), aad),
        });
      } catch (error) {
        if (!isAppError(error) || error.code !== 'SECRET_DECRYPT_FAILED') throw error;
        failed.push(row.rowId);
      }
    }
    const done = await db.transaction().execute(async (trx) => {
      let changed = 0;
      for (const update of updates) {
        const result = await sql`update ${sql.table(c.table)} set ${col(c)} = ${update.to}
          where ${sql.ref(c.idColumn)} = ${update.id} and ${col(c)} = ${update.from}`.execute(trx);
        changed += Number(result.numAffectedRows ?? 0n);
      }
      return changed;
    });
    reencrypted += done;
    onBatch(done + (rows.length - updates.length));
    after = last.rowId;
  }
  return { reencrypted, failed };
}
