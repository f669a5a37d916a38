import type { Selectable } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import type { PhishingMessageTable } from '../../../platform/db/schema.ts';

export type MessageRow = Selectable<PhishingMessageTable>;

/** Campaign states whose messages are sent; `paused`, `cancelled`, `draft` and `completed` are not. */
export const sendableStatuses = ['scheduled', 'sending'] as const;

/**
 * Claims due messages in ONE conditional UPDATE: `scheduled` → `sending` with a lease, attempts + 1. The outer
 * `state = 'scheduled'` is checked again on each row as it is written, so when two senders pick the same rows
 * (PostgreSQL re-reads a row another transaction just changed; SQLite has one writer) only one gets each row.
 */
export function claimDue(db: Db, now: string, leaseUntil: string, limit: number): Promise<MessageRow[]> {
  return db
    .updateTable('phishingMessages')
    .set((eb) => ({ state: 'sending', leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('state', '=', 'scheduled')
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('phishingMessages as m')
        .innerJoin('phishingCampaigns as c', 'c.id', 'm.campaignId')
        .select('m.id')
        .where('m.state', '=', 'scheduled')
        .where('m.scheduledAt', '<=', now)
        .where('c.status', 'in', sendableStatuses)
        .orderBy('m.scheduledAt')
        .orderBy('m.id')
        .limit(limit),
    )
    .returningAll()
    .execute();
}

/** Claims `sending` messages whose lease ran out (their sender stopped), the same way as `claimDue`. */
export function claimStale(db: Db, now: string, leaseUntil: string, limit: number): Promise<MessageRow[]> {
  return db
    .updateTable('phishingMessages')
    .set((eb) => ({ leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where('state', '=', 'sending')
    .where('leaseUntil', '<', now)
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('phishingMessages as m')
        .innerJoin('phishingCampaigns as c', 'c.id', 'm.campaignId')
        .select('m.id')
        .where('m.state', '=', 'sending')
        .where('m.leaseUntil', '<', now)
        .where('c.status', 'in', sendableStatuses)
        .orderBy('m.leaseUntil')
        .limit(limit),
    )
    .returningAll()
    .execute();
}

/** Stale claims of paused or cancelled campaigns go back to where the campaign's state says. */
export async function releaseStaleOfStoppedCampaigns(db: Db, now: string): Promise<void> {
  for (const [status, state] of [
    ['cancelled', 'cancelled'],
    ['paused', 'scheduled'],
  ] as const) {
    await db
      .updateTable('phishingMessages')
      .set({ state, leaseUntil: null })
      .where('state', '=', 'sending')
      .where('leaseUntil', '<', now)
      .where('campaignId', 'in', (eb) =>
        eb.selectFrom('phishingCampaigns').select('id').where('status', '=', status),
      )
      .execute();
  }
}

/** Whether this sender still holds the message: nobody re-claimed it since (the lease is the fencing token). */
const heldBy = (message: MessageRow) => ({ id: message.id, leaseUntil: message.leaseUntil });

export async function markSent(
  db: Db,
  message: MessageRow,
  values: { sentAt: string; smtpMessageId: string },
): Promise<boolean> {
  const held = heldBy(message);
  const result = await db
    .updateTable('phishingMessages')
    .set({ state: 'sent', sentAt: values.sentAt, smtpMessageId: values.smtpMessageId, leaseUntil: null })
    .where('id', '=', held.id)
    .where('state', '=', 'sending')
    .where('leaseUntil', '=', held.leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function reschedule(
  db: Db,
  message: MessageRow,
  values: { scheduledAt: string; lastError: string | null; attempts?: number },
): Promise<boolean> {
  const held = heldBy(message);
  const result = await db
    .updateTable('phishingMessages')
    .set({
      state: 'scheduled',
      scheduledAt: values.scheduledAt,
      lastError: values.lastError,
      leaseUntil: null,
      ...(values.attempts === undefined ? {} : { attempts: values.attempts }),
    })
    .where('id', '=', held.id)
    .where('state', '=', 'sending')
    .where('leaseUntil', '=', held.leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function markError(db: Db, message: MessageRow, lastError: string): Promise<boolean> {
  const held = heldBy(message);
  const result = await db
    .updateTable('phishingMessages')
    .set({ state: 'error', lastError, leaseUntil: null })
    .where('id', '=', held.id)
    .where('state', '=', 'sending')
    .where('leaseUntil', '=', held.leaseUntil)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findCampaigns(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('phishingCampaigns')
    .select(['id', 'dsoId', 'status', 'sendingProfileId'])
    .where('id', 'in', ids)
    .execute();
}

export function findProfileRows(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('sendingProfiles').selectAll().where('id', 'in', ids).execute();
}

export async function practiceNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('practices').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** `scheduled` → `sending` once its first message went out; true when this call changed it. */
export async function markCampaignSending(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('phishingCampaigns')
    .set({ status: 'sending', updatedAt: at })
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** `completed` when no message is left to send; true when this call changed it. */
export async function completeCampaignIfDone(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('phishingCampaigns')
    .set({ status: 'completed', completedAt: at, updatedAt: at })
    .where('id', '=', id)
    .where('status', 'in', sendableStatuses)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('phishingMessages')
            .select('id')
            .where('campaignId', '=', id)
            .where('state', 'in', ['scheduled', 'sending']),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
