import type { Kysely } from 'kysely';

// Single sign-on (docs/sso.md): a DSO's OpenID Connect providers, the accounts they sign in, and the
// short-lived state of sign-ins in flight.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ssoProviders')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('issuerUrl', 'text', (col) => col.notNull())
    .addColumn('clientId', 'text', (col) => col.notNull())
    .addColumn('clientSecret', 'text', (col) => col.notNull())
    .addColumn('allowedDomains', 'text', (col) => col.notNull())
    .addColumn('groupClaim', 'text', (col) => col.notNull())
    .addColumn('roleMappings', 'text', (col) => col.notNull())
    .addColumn('defaultRole', 'text')
    .addColumn('enforcesMfa', 'integer', (col) => col.notNull())
    .addColumn('enabled', 'integer', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .addUniqueConstraint('ssoProviders_dso_name', ['dsoId', 'name'])
    .execute();

  await db.schema
    .createTable('ssoIdentities')
    .addColumn('providerId', 'text', (col) => col.notNull().references('ssoProviders.id').onDelete('cascade'))
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('userId', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('managesRole', 'integer', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('lastSignInAt', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('ssoIdentities_pk', ['providerId', 'subject'])
    .execute();
  await db.schema.createIndex('ssoIdentities_user').on('ssoIdentities').columns(['userId']).execute();

  await db.schema
    .createTable('ssoLogins')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('providerId', 'text', (col) => col.notNull().references('ssoProviders.id').onDelete('cascade'))
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('nonce', 'text', (col) => col.notNull())
    .addColumn('codeVerifier', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('expiresAt', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('ssoLogins_expires').on('ssoLogins').columns(['expiresAt']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ssoLogins', 'ssoIdentities', 'ssoProviders']) {
    await db.schema.dropTable(table).execute();
  }
}
