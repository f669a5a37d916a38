import { type Kysely, PostgresAdapter } from 'kysely';

// Phishing simulation with a real report path (docs/phishing.md): custom templates and landing pages, sending
// profiles, campaigns with one row per recipient message (the sending state machine and its result summary),
// tracking events, reported emails (the intake of the triage queue), and signed webhooks with their outbox.

export async function up(db: Kysely<unknown>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';

  await db.schema
    .createTable('phishingTemplates')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('difficulty', 'integer', (col) => col.notNull())
    .addColumn('senderName', 'text', (col) => col.notNull())
    .addColumn('senderAddress', 'text', (col) => col.notNull())
    .addColumn('subject', 'text', (col) => col.notNull())
    .addColumn('html', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('redFlags', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('createdBy', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('phishingTemplates_dso')
    .on('phishingTemplates')
    .columns(['dsoId', 'name'])
    .execute();

  await db.schema
    .createTable('landingPages')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('html', 'text', (col) => col.notNull())
    .addColumn('redirectUrl', 'text')
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('sendingProfiles')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('smtpUrl', 'text', (col) => col.notNull())
    .addColumn('maxConnections', 'integer', (col) => col.notNull())
    .addColumn('dkimDomain', 'text')
    .addColumn('dkimSelector', 'text')
    .addColumn('dkimPrivateKey', 'text')
    .addColumn('headers', 'text', (col) => col.notNull())
    .addColumn('simulationHeaderName', 'text', (col) => col.notNull())
    .addColumn('simulationHeaderValue', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('phishingCampaigns')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('templateIds', 'text', (col) => col.notNull())
    .addColumn('landingPageId', 'text')
    .addColumn('sendingProfileId', 'text', (col) => col.references('sendingProfiles.id'))
    .addColumn('audience', 'text', (col) => col.notNull())
    .addColumn('launchAt', 'text', (col) => col.notNull())
    .addColumn('sendBy', 'text')
    .addColumn('businessHours', 'text', (col) => col.notNull())
    .addColumn('recipients', 'integer', (col) => col.notNull())
    .addColumn('createdBy', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .addColumn('completedAt', 'text')
    .execute();
  await db.schema
    .createIndex('phishingCampaigns_dso')
    .on('phishingCampaigns')
    .columns(['dsoId', 'createdAt'])
    .execute();

  // One row per recipient: the sending state machine (scheduled → sending → sent | error | cancelled) and the
  // summary of what the recipient did, kept in step with phishingEvents.
  await db.schema
    .createTable('phishingMessages')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('campaignId', 'text', (col) =>
      col.notNull().references('phishingCampaigns.id').onDelete('cascade'),
    )
    .addColumn('personId', 'text', (col) => col.references('people.id').onDelete('set null'))
    .addColumn('practiceId', 'text', (col) => col.references('practices.id').onDelete('set null'))
    .addColumn('email', 'text', (col) => col.notNull())
    .addColumn('firstName', 'text', (col) => col.notNull())
    .addColumn('lastName', 'text', (col) => col.notNull())
    .addColumn('jobRole', 'text', (col) => col.notNull())
    .addColumn('sharedMailbox', 'integer', (col) => col.notNull())
    .addColumn('templateId', 'text', (col) => col.notNull())
    .addColumn('token', 'text', (col) => col.notNull().unique())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('scheduledAt', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('leaseUntil', 'text')
    .addColumn('sentAt', 'text')
    .addColumn('smtpMessageId', 'text')
    .addColumn('lastError', 'text')
    .addColumn('openedAt', 'text')
    .addColumn('clickedAt', 'text')
    .addColumn('submittedAt', 'text')
    .addColumn('reportedAt', 'text')
    .addColumn('automatedClicks', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('phishingMessages_due')
    .on('phishingMessages')
    .columns(['state', 'scheduledAt'])
    .execute();
  await db.schema
    .createIndex('phishingMessages_campaign')
    .on('phishingMessages')
    .columns(['campaignId', 'email'])
    .execute();
  await db.schema
    .createIndex('phishingMessages_person')
    .on('phishingMessages')
    .columns(['dsoId', 'personId'])
    .execute();

  // GoPhish's event vocabulary: email_sent, error_sending, email_opened, clicked_link, submitted_data,
  // email_reported; `automated` marks scanner traffic, shown apart and never a person's failure.
  await db.schema
    .createTable('phishingEvents')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('campaignId', 'text', (col) =>
      col.notNull().references('phishingCampaigns.id').onDelete('cascade'),
    )
    .addColumn('messageId', 'text', (col) =>
      col.notNull().references('phishingMessages.id').onDelete('cascade'),
    )
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('occurredAt', 'text', (col) => col.notNull())
    .addColumn('automated', 'integer', (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('userAgent', 'text')
    .addColumn('detail', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('phishingEvents_campaign')
    .on('phishingEvents')
    .columns(['campaignId', 'occurredAt'])
    .execute();
  await db.schema.createIndex('phishingEvents_message').on('phishingEvents').columns(['messageId']).execute();

  // What staff report: stored once per DSO by SHA-256; a report of a simulation is matched to its message.
  await db.schema
    .createTable('reportedEmails')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('raw', binary, (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('reporterEmail', 'text')
    .addColumn('subject', 'text')
    .addColumn('fromAddress', 'text')
    .addColumn('receivedAt', 'text', (col) => col.notNull())
    .addColumn('simulationMessageId', 'text', (col) =>
      col.references('phishingMessages.id').onDelete('set null'),
    )
    .addColumn('status', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('reportedEmails_dso_sha')
    .on('reportedEmails')
    .columns(['dsoId', 'sha256'])
    .unique()
    .execute();

  // The DSO's reporting mailbox read over IMAP (Microsoft 365 or Google report-button mailboxes).
  await db.schema
    .createTable('reportMailboxes')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('host', 'text', (col) => col.notNull())
    .addColumn('port', 'integer', (col) => col.notNull())
    .addColumn('secure', 'integer', (col) => col.notNull())
    .addColumn('username', 'text', (col) => col.notNull())
    .addColumn('password', 'text', (col) => col.notNull())
    .addColumn('folder', 'text', (col) => col.notNull())
    .addColumn('lastUid', 'integer')
    .addColumn('uidValidity', 'text')
    .addColumn('enabled', 'integer', (col) => col.notNull())
    .addColumn('lastPolledAt', 'text')
    .addColumn('lastError', 'text')
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('secret', 'text', (col) => col.notNull())
    .addColumn('events', 'text', (col) => col.notNull())
    .addColumn('active', 'integer', (col) => col.notNull())
    // The id of the last event the dispatcher scanned for this webhook (event ids are time-ordered UUIDv7).
    .addColumn('checkpoint', 'text', (col) => col.notNull())
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('updatedAt', 'text', (col) => col.notNull())
    .execute();

  // The outbox: one delivery per webhook and event, retried with back-off until delivered or given up.
  await db.schema
    .createTable('webhookDeliveries')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('dsoId', 'text', (col) => col.notNull().references('dsos.id').onDelete('cascade'))
    .addColumn('webhookId', 'text', (col) => col.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('eventId', 'text', (col) => col.notNull())
    .addColumn('event', 'text', (col) => col.notNull())
    .addColumn('payload', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) => col.notNull())
    .addColumn('attempts', 'integer', (col) => col.notNull())
    .addColumn('nextAttemptAt', 'text', (col) => col.notNull())
    .addColumn('lastStatus', 'integer')
    .addColumn('lastError', 'text')
    .addColumn('createdAt', 'text', (col) => col.notNull())
    .addColumn('deliveredAt', 'text')
    .execute();
  await db.schema
    .createIndex('webhookDeliveries_due')
    .on('webhookDeliveries')
    .columns(['state', 'nextAttemptAt'])
    .execute();
  await db.schema
    .createIndex('webhookDeliveries_event')
    .on('webhookDeliveries')
    .columns(['webhookId', 'eventId'])
    .unique()
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'webhookDeliveries',
    'webhooks',
    'reportMailboxes',
    'reportedEmails',
    'phishingEvents',
    'phishingMessages',
    'phishingCampaigns',
    'sendingProfiles',
    'landingPages',
    'phishingTemplates',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
