import type { Kysely } from 'kysely';

// The audit trail (45 CFR 164.312(b)). Dialect-neutral columns only. No foreign key to dsos: entries are never
// deleted, so nothing may cascade into them (164.316(b)(2) six-year retention).

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auditEvents')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('chainKey', 'text', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('dsoId', 'text')
    .addColumn('occurredAt', 'text', (col) => col.notNull())
    .addColumn('actorType', 'text', (col) => col.notNull())
    .addColumn('actorId', 'text')
    .addColumn('actorLabel', 'text', (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('userAgent', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('resourceType', 'text', (col) => col.notNull())
    .addColumn('resourceId', 'text')
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('changedFields', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('detail', 'text')
    .addColumn('prevHash', 'text', (col) => col.notNull())
    .addColumn('hash', 'text', (col) => col.notNull())
    .addUniqueConstraint('auditEvents_chain_seq', ['chainKey', 'seq'])
    .execute();

  // One head row per chain, updated in the same transaction as each append: appends serialize on it.
  await db.schema
    .createTable('auditChains')
    .addColumn('chainKey', 'text', (col) => col.primaryKey())
    .addColumn('lastSeq', 'integer', (col) => col.notNull())
    .addColumn('lastHash', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('auditChains').execute();
  await db.schema.dropTable('auditEvents').execute();
}
