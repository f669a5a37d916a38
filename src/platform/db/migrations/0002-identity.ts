import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('personId', 'text', (col) => col.references('people.id').onDelete('set null'))
    .addColumn('email', 'text', (col) => col.notNull().unique())
    .addColumn('displayName', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('passwordHash', 'text')
    .addColumn('passwordChangedAt', 'text')
    .addColumn('mfaSecret', 'text')
    .addColumn('mfaEnabledAt', 'text')
    .addColumn('mfaLastStep', 'integer')
    .addColumn('recoveryCodes', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('expiresAt', 'text')
    .addColumn('lastSignInAt', 'text')
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('users_dso').on('users').columns(['dsoId', 'email']).execute();

  await db.schema
    .createTable('userPractices')
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('userId', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('practiceId', 'text', (col) => col.notNull().references('practices.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('userPractices_pk', ['userId', 'practiceId'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('userId', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('csrfToken', 'text', (col) => col.notNull())
    .addColumn('mfaPassed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('method', 'text', (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('userAgent', 'text')
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('lastSeenAt', 'text', (col) => col.notNull())
    .addColumn('expiresAt', 'text', (col) => col.notNull())
    .addColumn('revokedAt', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').columns(['userId', 'revokedAt']).execute();

  await db.schema
    .createTable('apiTokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('tokenHash', 'text', (col) => col.notNull().unique())
    .addColumn('scopes', 'text', (col) => col.notNull())
    .addColumn('createdBy', 'text')
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('expiresAt', 'text', (col) => col.notNull())
    .addColumn('lastUsedAt', 'text')
    .addColumn('revokedAt', 'text')
    .execute();

  await db.schema
    .createTable('oneTimeTokens')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('userId', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('expiresAt', 'text', (col) => col.notNull())
    .addColumn('usedAt', 'text')
    .execute();

  await db.schema
    .createTable('signInThrottles')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('failures', 'integer', (col) => col.notNull())
    .addColumn('lockedUntil', 'text')
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'signInThrottles',
    'oneTimeTokens',
    'apiTokens',
    'sessions',
    'userPractices',
    'users',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
