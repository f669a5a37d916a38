import type { Kysely } from 'kysely';

// WebAuthn passkeys (docs: README, sign-in): the public keys of a user's authenticators, and the short-lived,
// single-use challenges of registrations and sign-ins in flight.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('passkeys')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('userId', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('credentialId', 'text', (col) => col.notNull().unique())
    .addColumn('publicKey', 'text', (col) => col.notNull())
    .addColumn('counter', 'bigint', (col) => col.notNull())
    .addColumn('transports', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('lastUsedAt', 'text')
    .execute();
  await db.schema.createIndex('passkeys_user').on('passkeys').columns(['userId']).execute();

  await db.schema
    .createTable('webauthnChallenges')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('userId', 'text', (col) => col.references('users.id').onDelete('cascade'))
    .addColumn('challenge', 'text', (col) => col.notNull().unique())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('expiresAt', 'text', (col) => col.notNull())
    .addColumn('usedAt', 'text')
    .execute();
  await db.schema
    .createIndex('webauthnChallenges_expires')
    .on('webauthnChallenges')
    .columns(['expiresAt'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['webauthnChallenges', 'passkeys']) {
    await db.schema.dropTable(table).execute();
  }
}
