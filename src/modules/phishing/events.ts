import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';

/** GoPhish's event vocabulary, as stored (labels: Email Sent, Error Sending Email, Email Opened, ...). */
export const phishingEventTypes = [
  'email_sent',
  'error_sending',
  'email_opened',
  'clicked_link',
  'submitted_data',
  'email_reported',
] as const;
export type PhishingEventType = (typeof phishingEventTypes)[number];

export const phishingEventLabels: Record<PhishingEventType, string> = {
  email_sent: 'Email Sent',
  error_sending: 'Error Sending Email',
  email_opened: 'Email Opened',
  clicked_link: 'Clicked Link',
  submitted_data: 'Submitted Data',
  email_reported: 'Email Reported',
};

export interface PhishingEventInput {
  readonly dsoId: string;
  readonly campaignId: string;
  readonly messageId: string;
  readonly type: PhishingEventType;
  readonly occurredAt: string;
  /** A mail scanner, not the person: kept apart, never a failure. */
  readonly automated?: boolean;
  readonly ip?: string | null;
  readonly userAgent?: string | null;
  /** Facts about the event; never the values of a submitted form. */
  readonly detail?: Readonly<Record<string, string | number | boolean>>;
}

/** Each summary column of a message, and the person-made events that set it (a click or a submission also
 * counts as an open, since images are often blocked; a submission also counts as a click). */
const summaryColumns = {
  openedAt: ['email_opened', 'clicked_link', 'submitted_data'],
  clickedAt: ['clicked_link', 'submitted_data'],
  submittedAt: ['submitted_data'],
  reportedAt: ['email_reported'],
} as const;

const rowChunk = 200;
const idChunk = 400;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * Records events and keeps each message's summary in step, in the caller's transaction, with set-based
 * statements whatever the batch size: the events are inserted, then each summary column still empty is set to
 * the earliest person-made event of its kinds (`summaryColumns`); automated events only count
 * `automatedClicks`. One call with a batch leaves messages as one call per event would.
 */
export async function recordPhishingEvents(
  db: Kysely<Database>,
  events: readonly PhishingEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  for (const part of chunks(events, rowChunk)) {
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
