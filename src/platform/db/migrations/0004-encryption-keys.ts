import { type Kysely, sql } from 'kysely';

// Data keys for secrets at rest (docs/encryption.md), each wrapped under the master key. Dialect-neutral columns.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('encryptionKeys')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('wrappedKey', 'text', (col) => col.notNull())
    .addColumn('kekFingerprint', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('retiredAt', 'text')
    .execute();
  // At most one active data key: two rotations at once make the second fail instead of leaving two.
  await db.schema
    .createIndex('encryptionKeys_one_active')
    .on('encryptionKeys')
    .column('status')
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('encryptionKeys').execute();
}
