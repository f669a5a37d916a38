import type { Kysely } from 'kysely';

// Dialect-neutral column types only (text, integer), so one migration serves SQLite and PostgreSQL.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dsos')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('dataVersion', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('legalName', 'text')
    .addColumn('domains', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('hqAddress', 'text')
    .addColumn('settings', 'text', (col) => col.notNull().defaultTo('{}'))
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('regions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .addUniqueConstraint('regions_dso_name', ['dsoId', 'name'])
    .execute();

  await db.schema
    .createTable('practices')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('regionId', 'text', (col) => col.references('regions.id').onDelete('set null'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('nameKey', 'text', (col) => col.notNull())
    .addColumn('legalEntity', 'text')
    .addColumn('addressLine1', 'text')
    .addColumn('addressLine2', 'text')
    .addColumn('city', 'text')
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('postalCode', 'text')
    .addColumn('timeZone', 'text', (col) => col.notNull())
    .addColumn('phone', 'text')
    .addColumn('chairs', 'integer')
    .addColumn('activePatients', 'integer')
    .addColumn('npi', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .addUniqueConstraint('practices_dso_name', ['dsoId', 'nameKey'])
    .execute();
  await db.schema.createIndex('practices_dso_state').on('practices').columns(['dsoId', 'state']).execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('firstName', 'text', (col) => col.notNull())
    .addColumn('lastName', 'text', (col) => col.notNull())
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('jobRole', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('hireDate', 'text')
    .addColumn('terminationDate', 'text')
    .addColumn('tags', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('searchText', 'text', (col) => col.notNull())
    .addColumn('sortName', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .addUniqueConstraint('people_dso_email', ['dsoId', 'email'])
    .execute();
  await db.schema.createIndex('people_dso_name').on('people').columns(['dsoId', 'sortName', 'id']).execute();

  await db.schema
    .createTable('practiceMemberships')
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('personId', 'text', (col) => col.notNull().references('people.id').onDelete('cascade'))
    .addColumn('practiceId', 'text', (col) => col.notNull().references('practices.id').onDelete('cascade'))
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('practiceMemberships_pk', ['personId', 'practiceId'])
    .execute();
  await db.schema
    .createIndex('practiceMemberships_practice')
    .on('practiceMemberships')
    .columns(['practiceId', 'personId'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['practiceMemberships', 'people', 'practices', 'regions', 'dsos']) {
    await db.schema.dropTable(table).execute();
  }
}
