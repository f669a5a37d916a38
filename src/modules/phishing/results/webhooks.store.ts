import { sql } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import type { WebhookDeliveryTable, WebhookTable } from '../../../platform/db/schema.ts';

export function listWebhooks(db: Db, dsoId: string) {
  return db.selectFrom('webhooks').selectAll().where('dsoId', '=', dsoId).orderBy('name').execute();
}

export function findWebhook(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertWebhook(db: Db, row: WebhookTable): Promise<void> {
  await db.insertInto('webhooks').values(row).execute();
}

export async function updateWebhook(
  db: Db,
  dsoId: string,
  id: string,
  changes: Partial<WebhookTable>,
): Promise<void> {
  await db.updateTable('webhooks').set(changes).where('dsoId', '=', dsoId).where('id', '=', id).execute();
}

/** Deletes the webhook and its outbox (pending deliveries are never sent). */
export async function deleteWebhook(db: Db, dsoId: string, id: string): Promise<number> {
  await db.deleteFrom('webhookDeliveries').where('dsoId', '=', dsoId).where('webhookId', '=', id).execute();
  const result = await db
    .deleteFrom('webhooks')
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Per webhook: deliveries by state, the latest error and the latest delivery time. */
export function deliveryCounts(db: Db, dsoId: string) {
  return db
    .selectFrom('webhookDeliveries')
    .select([
      'webhookId',
      sql<unknown>`sum(case when "state" = 'pending' then 1 else 0 end)`.as('pending'),
      sql<unknown>`sum(case when "state" = 'delivered' then 1 else 0 end)`.as('delivered'),
      sql<unknown>`sum(case when "state" = 'failed' then 1 else 0 end)`.as('failed'),
      sql<string | null>`max("deliveredAt")`.as('lastDeliveredAt'),
    ])
    .where('dsoId', '=', dsoId)
    .groupBy('webhookId')
    .execute();
}

export async function lastErrors(db: Db, dsoId: string) {
  const rows = await db
    .selectFrom('webhookDeliveries')
    .select(['webhookId', 'lastError', 'createdAt', 'id'])
    .where('dsoId', '=', dsoId)
    .where('lastError', 'is not', null)
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  const latest = new Map<string, string>();
  for (const row of rows) if (!latest.has(row.webhookId)) latest.set(row.webhookId, row.lastError ?? '');
  return latest;
}

// Dispatcher ------------------------------------------------------------------------------------------

export function activeWebhooks(db: Db) {
  return db.selectFrom('webhooks').selectAll().where('active', '=', 1).orderBy('id').execute();
}

/** Events of the DSO after `afterId` of the given types made by people (not scanners), oldest first. */
export function eventsAfter(db: Db, dsoId: string, afterId: string, types: readonly string[], limit: number) {
  return db
    .selectFrom('phishingEvents as e')
    .innerJoin('phishingMessages as m', 'm.id', 'e.messageId')
    .innerJoin('phishingCampaigns as c', 'c.id', 'e.campaignId')
    .select([
      'e.id as id',
      'e.type as type',
      'e.occurredAt as occurredAt',
      'c.id as campaignId',
      'c.name as campaignName',
      'm.personId as personId',
      'm.email as email',
      'm.practiceId as practiceId',
      'm.jobRole as jobRole',
      'm.templateId as templateId',
    ])
    .where('e.dsoId', '=', dsoId)
    .where('e.id', '>', afterId)
    .where('e.automated', '=', 0)
    .where('e.type', 'in', [...types])
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

export async function maxEventId(db: Db, dsoId: string, afterId: string): Promise<string | null> {
  const row = await db
    .selectFrom('phishingEvents')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('dsoId', '=', dsoId)
    .where('id', '>', afterId)
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function enqueueDeliveries(db: Db, rows: readonly WebhookDeliveryTable[]): Promise<number> {
  if (rows.length === 0) return 0;
  const result = await db
    .insertInto('webhookDeliveries')
    .values([...rows])
    .onConflict((oc) => oc.columns(['webhookId', 'eventId']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export function dueDeliveries(db: Db, now: string, limit: number) {
  return db
    .selectFrom('webhookDeliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhookId')
    .select([
      'd.id as id',
      'd.event as event',
      'd.payload as payload',
      'd.attempts as attempts',
      'w.id as webhookId',
      'w.url as url',
      'w.secret as secret',
    ])
    .where('d.state', '=', 'pending')
    .where('d.nextAttemptAt', '<=', now)
    .where('w.active', '=', 1)
    .orderBy('d.nextAttemptAt')
    .orderBy('d.id')
    .limit(limit)
    .execute();
}

export async function updateDelivery(db: Db, id: string, changes: Partial<WebhookDeliveryTable>) {
  await db.updateTable('webhookDeliveries').set(changes).where('id', '=', id).execute();
}
