import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.ts';
import { newId } from '../../../platform/ids.ts';
import type { PhishingEventInput } from '../events.ts';

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

/** The event types that set each summary column of a message the first time a person does them. */
const summaryColumns = {
  openedAt: ['email_opened', 'clicked_link', 'submitted_data'],
  clickedAt: ['clicked_link', 'submitted_data'],
  submittedAt: ['submitted_data'],
  reportedAt: ['email_reported'],
} as const;

const idChunk = 400;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * The same effect as `recordPhishingEvents` (events.ts) for a large batch, with set-based statements: the
 * events are inserted, then each summary column is set once per batch from the earliest person-made event
 * of each message, and automated events add to `automatedClicks` grouped by count. A few statements per
 * batch instead of one to three per event: what lets the tracking server keep up with a campaign's burst.
 */
export async function writeEventsInBulk(
  db: Kysely<Database>,
  events: readonly PhishingEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  for (const part of chunks(events, 200)) {
    await db
      .insertInto('phishingEvents')
      .values(
        part.map((event) => ({
          id: newId(),
          dsoId: event.dsoId,
          campaignId: event.campaignId,
          messageId: event.messageId,
          type: event.type,
          occurredAt: event.occurredAt,
          automated: event.automated ? 1 : 0,
          ip: event.ip ?? null,
          userAgent: event.userAgent == null ? null : event.userAgent.slice(0, 400),
          detail: JSON.stringify(event.detail ?? {}),
        })),
      )
      .execute();
  }
  for (const [column, types] of Object.entries(summaryColumns) as [
    keyof typeof summaryColumns,
    readonly string[],
  ][]) {
    const ids = [
      ...new Set(events.filter((e) => !e.automated && types.includes(e.type)).map((e) => e.messageId)),
    ];
    for (const part of chunks(ids, idChunk)) {
      await db
        .updateTable('phishingMessages')
        .set((eb) => ({
          [column]: eb
            .selectFrom('phishingEvents as e')
            .select((inner) => inner.fn.min('e.occurredAt').as('first'))
            .whereRef('e.messageId', '=', 'phishingMessages.id')
            .where('e.automated', '=', 0)
            .where('e.type', 'in', [...types]),
        }))
        .where('id', 'in', part)
        .where(column, 'is', null)
        .execute();
    }
  }
  const automated = new Map<string, number>();
  for (const event of events) {
    if (event.automated) automated.set(event.messageId, (automated.get(event.messageId) ?? 0) + 1);
  }
  const byCount = new Map<number, string[]>();
  for (const [id, count] of automated) byCount.set(count, [...(byCount.get(count) ?? []), id]);
  for (const [count, ids] of byCount) {
    for (const part of chunks(ids, idChunk)) {
      await db
        .updateTable('phishingMessages')
        .set((eb) => ({ automatedClicks: eb('automatedClicks', '+', count) }))
        .where('id', 'in', part)
        .execute();
    }
  }
}
