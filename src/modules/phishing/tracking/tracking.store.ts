import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.ts';
import { newId } from '../../../platform/ids.ts';

/** What the tracking server needs to know about the message behind a token. */
export interface TrackedMessage {
  readonly messageId: string;
  readonly dsoId: string;
  readonly campaignId: string;
  readonly templateId: string;
  readonly firstName: string;
  readonly sentAt: string | null;
  readonly landingPageId: string | null;
}

export async function findMessageByToken(
  db: Kysely<Database>,
  token: string,
): Promise<TrackedMessage | undefined> {
  return db
    .selectFrom('phishingMessages as m')
    .innerJoin('phishingCampaigns as c', 'c.id', 'm.campaignId')
    .select([
      'm.id as messageId',
      'm.dsoId',
      'm.campaignId',
      'm.templateId',
      'm.firstName',
      'm.sentAt',
      'c.landingPageId',
    ])
    .where('m.token', '=', token)
    .executeTakeFirst();
}

/** The message's most recent automated clicks, newest first, with what decided them. */
export async function recentAutomatedClicks(db: Kysely<Database>, messageId: string, limit = 20) {
  return db
    .selectFrom('phishingEvents')
    .select(['id', 'occurredAt', 'ip', 'userAgent', 'detail'])
    .where('messageId', '=', messageId)
    .where('type', '=', 'clicked_link')
    .where('automated', '=', 1)
    .orderBy('occurredAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Turns a provisionally automated click into the person's: the event is replaced by a person's event with a
 * new id (readers that follow events by id, such as webhooks, then see it), the message's automated count
 * drops by one, and its first click and open move to this click when it came earlier.
 */
export async function markClickAsPerson(
  db: Kysely<Database>,
  click: { readonly eventId: string; readonly messageId: string; readonly detail: string },
): Promise<void> {
  const old = await db
    .deleteFrom('phishingEvents')
    .where('id', '=', click.eventId)
    .returningAll()
    .executeTakeFirst();
  if (!old) return;
  await db
    .insertInto('phishingEvents')
    .values({ ...old, id: newId(), automated: 0, detail: click.detail })
    .execute();
  await db
    .updateTable('phishingMessages')
    .set((eb) => ({ automatedClicks: eb('automatedClicks', '-', 1) }))
    .where('id', '=', click.messageId)
    .where('automatedClicks', '>', 0)
    .execute();
  for (const column of ['clickedAt', 'openedAt'] as const) {
    await db
      .updateTable('phishingMessages')
      .set({ [column]: old.occurredAt })
      .where('id', '=', click.messageId)
      .where((eb) => eb.or([eb(column, 'is', null), eb(column, '>', old.occurredAt)]))
      .execute();
  }
}
