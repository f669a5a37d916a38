import { type Kysely, sql } from 'kysely';
import { type EncryptedColumn, registerEncryptedColumn } from '../../src/platform/crypto/index.ts';
import type { Database } from '../../src/platform/db/schema.ts';

/** A table made by the test (nothing in the product stores secrets yet), registered as encrypted. */
export const vaultTable = 'testVault';
export const vaultColumn: EncryptedColumn = registerEncryptedColumn({ table: vaultTable, column: 'secret' });

export async function createVault(db: Kysely<Database>): Promise<void> {
  await sql`create table if not exists ${sql.table(vaultTable)} (
    ${sql.ref('id')} text primary key, ${sql.ref('secret')} text)`.execute(db);
  await sql`delete from ${sql.table(vaultTable)}`.execute(db);
}

export async function insertVault(db: Kysely<Database>, id: string, secret: string | null): Promise<void> {
  await sql`insert into ${sql.table(vaultTable)} (${sql.ref('id')}, ${sql.ref('secret')}) values (${id}, ${secret})`.execute(
    db,
  );
}

export async function readVault(db: Kysely<Database>): Promise<{ id: string; secret: string | null }[]> {
  const result = await sql<{ id: string; secret: string | null }>`
    select ${sql.ref('id')}, ${sql.ref('secret')} from ${sql.table(vaultTable)} order by ${sql.ref('id')}`.execute(
    db,
  );
  return result.rows;
}

/** A recognisable plaintext per row, so outputs can be searched for it. */
export const plaintextFor = (i: number) => `smtp-password-${i}-Xq7!zP`;
export const rowId = (i: number) => `row-${String(i).padStart(3, '0')}`;
