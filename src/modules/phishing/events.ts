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

/** The message's summary column each person-made event sets the first time it happens. */
const firstColumn = {
  email_opened: 'openedAt',
  clicked_link: 'clickedAt',
  submitted_data: 'submittedAt',
  email_reported: 'reportedAt',
} as const;

const chunk = 200;

/**
 * Records events and keeps each message's summary in step, in the caller's transaction: the first open, click,
 * submission and report of a person set `openedAt` ... `reportedAt` (a click or a submission also counts as an
 * open, since images are often blocked); automated events only count `automatedClicks`.
 */
export async function recordPhishingEvents(
  db: Kysely<Database>,
  events: readonly PhishingEventInput[],
): Promise<void> {
  for (let start = 0; start < events.length; start += chunk) {
    const rows = events.slice(start, start + chunk).map((event) => ({
      id: newId(),
      dsoId: event.dsoId,
      campaignId: event.campaignId,
      messageId: event.messageId,
      type: event.type,
      occurredAt: event.occurredAt,
      automated: event.automated ? 1 : 0,
      ip: event.ip ?? null,
      userAgent:
        event.userAgent === undefined || event.userAgent === null ? null : event.userAgent.slice(0, 400),
      detail: JSON.stringify(event.detail ?? {}),
    }));
    await db.insertInto('phishingEvents').values(rows).execute();
  }
  for (const event of events) {
    if (event.automated) {
      await db
        .updateTable('phishingMessages')
        .set((eb) => ({ automatedClicks: eb('automatedClicks', '+', 1) }))
        .where('id', '=', event.messageId)
        .execute();
      continue;
    }
    if (!(event.type in firstColumn)) continue;
    const column = firstColumn[event.type as keyof typeof firstColumn];
    const columns: (typeof firstColumn)[keyof typeof firstColumn][] =
      column === 'clickedAt' || column === 'submittedAt' ? [column, 'openedAt'] : [column];
    if (column === 'submittedAt') columns.push('clickedAt');
    for (const name of columns) {
      await db
        .updateTable('phishingMessages')
        .set({ [name]: event.occurredAt })
        .where('id', '=', event.messageId)
        .where(name, 'is', null)
        .execute();
    }
  }
}
