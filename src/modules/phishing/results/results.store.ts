import { type ExpressionBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../../platform/db/index.ts';
import { afterCursor, type Cursor } from '../../../platform/db/pagination.ts';
import type { Database, PhishingMessageTable } from '../../../platform/db/schema.ts';

type Messages = ExpressionBuilder<Database, 'phishingMessages'>;

/** Which recipients a query covers: a campaign (or all of a DSO's), a practice scope, a practice. */
export interface MessageFilter {
  readonly dsoId: string;
  readonly campaignId?: string;
  /** Null: every practice of the DSO; a list: only these (a practice manager's). */
  readonly practiceIds: readonly string[] | null;
  readonly practiceId?: string | undefined;
}

/** Raw sums of one group; numbers arrive as strings or bigints from PostgreSQL. */
export interface StatSums {
  recipients: unknown;
  sent: unknown;
  errors: unknown;
  opened: unknown;
  clicked: unknown;
  submitted: unknown;
  reported: unknown;
  failed: unknown;
  missed: unknown;
  automatedRecipients: unknown;
  automatedEvents: unknown;
}

// A person fails by clicking or submitting; an open alone is not a failure (docs/phishing/results.md).
const failedSql = sql`("clickedAt" is not null or "submittedAt" is not null)`;

/** The aggregate columns of `StatSums`, computed by the database (no row is loaded). */
const statColumns = [
  sql<unknown>`count(*)`.as('recipients'),
  sql<unknown>`sum(case when "sentAt" is not null then 1 else 0 end)`.as('sent'),
  sql<unknown>`sum(case when "state" = 'error' then 1 else 0 end)`.as('errors'),
  sql<unknown>`sum(case when "openedAt" is not null then 1 else 0 end)`.as('opened'),
  sql<unknown>`sum(case when "clickedAt" is not null then 1 else 0 end)`.as('clicked'),
  sql<unknown>`sum(case when "submittedAt" is not null then 1 else 0 end)`.as('submitted'),
  sql<unknown>`sum(case when "reportedAt" is not null then 1 else 0 end)`.as('reported'),
  sql<unknown>`sum(case when ${failedSql} then 1 else 0 end)`.as('failed'),
  sql<unknown>`sum(case when "sentAt" is not null and not ${failedSql} and "reportedAt" is null then 1 else 0 end)`.as(
    'missed',
  ),
  sql<unknown>`sum(case when "automatedClicks" > 0 then 1 else 0 end)`.as('automatedRecipients'),
  sql<unknown>`sum("automatedClicks")`.as('automatedEvents'),
] as const;

function scoped<O>(
  query: SelectQueryBuilder<Database, 'phishingMessages', O>,
  filter: MessageFilter,
): SelectQueryBuilder<Database, 'phishingMessages', O> {
  // With a campaign (whose DSO the service checked first), only its id is filtered: a dsoId condition would
  // lead SQLite to the (dsoId, personId) index and a scan of every message of the DSO.
  let q =
    filter.campaignId === undefined
      ? query.where('phishingMessages.dsoId', '=', filter.dsoId)
      : query.where('phishingMessages.campaignId', '=', filter.campaignId);
  if (filter.practiceIds !== null) {
    // A practice manager with no practice sees nothing; `in ()` is not valid SQL.
    q =
      filter.practiceIds.length === 0
        ? q.where(sql<boolean>`1 = 0`)
        : q.where('phishingMessages.practiceId', 'in', [...filter.practiceIds]);
  }
  if (filter.practiceId !== undefined) q = q.where('phishingMessages.practiceId', '=', filter.practiceId);
  return q;
}

export function findCampaign(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('phishingCampaigns')
    .select(['id', 'name', 'status', 'launchAt', 'completedAt', 'createdAt', 'updatedAt'])
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * One scan of the campaign's messages grouped by practice, job role and shared mailbox: at most
 * practices x roles x 2 rows, which the service adds up into totals and breakdowns.
 */
export function statsByGroup(db: Db, filter: MessageFilter) {
  return scoped(db.selectFrom('phishingMessages').select([...statColumns]), filter)
    .select([
      'practiceId',
      'jobRole',
      'sharedMailbox',
      sql<string | null>`min("sentAt")`.as('firstSentAt'),
      sql<string | null>`min("reportedAt")`.as('firstReportAt'),
    ])
    .groupBy(['practiceId', 'jobRole', 'sharedMailbox'])
    .execute();
}

export function practiceNames(db: Db, dsoId: string) {
  return db.selectFrom('practices').select(['id', 'name']).where('dsoId', '=', dsoId).execute();
}

export type MessageRow = Pick<
  PhishingMessageTable,
  | 'id'
  | 'campaignId'
  | 'personId'
  | 'practiceId'
  | 'email'
  | 'firstName'
  | 'lastName'
  | 'jobRole'
  | 'sharedMailbox'
  | 'templateId'
  | 'state'
  | 'sentAt'
  | 'openedAt'
  | 'clickedAt'
  | 'submittedAt'
  | 'reportedAt'
  | 'automatedClicks'
  | 'lastError'
>;

const messageColumns = [
  'id',
  'campaignId',
  'personId',
  'practiceId',
  'email',
  'firstName',
  'lastName',
  'jobRole',
  'sharedMailbox',
  'templateId',
  'state',
  'sentAt',
  'openedAt',
  'clickedAt',
  'submittedAt',
  'reportedAt',
  'automatedClicks',
  'lastError',
] as const;

export type RecipientStatus = 'failed' | 'reported' | 'missed' | 'error' | 'automated';

function statusCondition(eb: Messages, status: RecipientStatus) {
  switch (status) {
    case 'failed':
      return eb.or([eb('clickedAt', 'is not', null), eb('submittedAt', 'is not', null)]);
    case 'reported':
      return eb('reportedAt', 'is not', null);
    case 'missed':
      return eb.and([
        eb('sentAt', 'is not', null),
        eb('clickedAt', 'is', null),
        eb('submittedAt', 'is', null),
        eb('reportedAt', 'is', null),
      ]);
    case 'error':
      return eb('state', '=', 'error');
    case 'automated':
      return eb('automatedClicks', '>', 0);
  }
}

export interface RecipientPageInput {
  readonly status?: RecipientStatus | undefined;
  readonly q?: string | undefined;
  readonly limit: number;
  readonly cursor?: Cursor | undefined;
}

/** One page of recipients by email (then id), one row more than `limit` to tell whether more follow. */
export function recipientPage(db: Db, filter: MessageFilter, input: RecipientPageInput) {
  let query = scoped(db.selectFrom('phishingMessages').select([...messageColumns]), filter);
  const { status, q, cursor } = input;
  if (status !== undefined) query = query.where((eb) => statusCondition(eb, status));
  if (q !== undefined && q !== '') {
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        sql<boolean>`lower("email") like ${pattern} escape '\\'`,
        sql<boolean>`lower("firstName" || ' ' || "lastName") like ${pattern} escape '\\'`,
      ]),
    );
  }
  if (cursor !== undefined) {
    query = query.where((eb) => afterCursor(eb, sql.ref('email'), 'phishingMessages.id', false, cursor));
  }
  return query
    .orderBy('email')
    .orderBy('id')
    .limit(input.limit + 1)
    .execute();
}

export function findMessage(db: Db, filter: MessageFilter, id: string) {
  return scoped(db.selectFrom('phishingMessages').select([...messageColumns]), filter)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function messageEvents(db: Db, dsoId: string, messageId: string) {
  return db
    .selectFrom('phishingEvents')
    .select(['id', 'type', 'occurredAt', 'automated', 'ip', 'userAgent', 'detail'])
    .where('dsoId', '=', dsoId)
    .where('messageId', '=', messageId)
    .orderBy('occurredAt')
    .orderBy('id')
    .execute();
}

/** People (by person id, else email) who failed in at least `threshold` campaigns. Shared mailboxes apart. */
export function repeatOffenders(db: Db, filter: MessageFilter, threshold: number) {
  const key = sql<string>`coalesce("personId", lower("email"))`;
  return scoped(db.selectFrom('phishingMessages'), filter)
    .where('sharedMailbox', '=', 0)
    .select([
      key.as('personKey'),
      sql<string | null>`max("personId")`.as('personId'),
      sql<string>`max("email")`.as('email'),
      sql<string>`max("firstName")`.as('firstName'),
      sql<string>`max("lastName")`.as('lastName'),
      sql<string | null>`max("practiceId")`.as('practiceId'),
      sql<string>`max("jobRole")`.as('jobRole'),
      sql<unknown>`count(distinct case when ${failedSql} then "campaignId" end)`.as('failures'),
      sql<unknown>`count(distinct "campaignId")`.as('campaigns'),
      sql<string | null>`max(coalesce("clickedAt", "submittedAt"))`.as('lastFailedAt'),
    ])
    .groupBy(key)
    .having(sql<unknown>`count(distinct case when ${failedSql} then "campaignId" end)`, '>=', threshold)
    .orderBy(sql`count(distinct case when ${failedSql} then "campaignId" end)`, 'desc')
    .orderBy(sql`max("email")`)
    .limit(1000)
    .execute();
}

/** Each campaign's sent, failed and reported counts (grouped by campaign; names come from `campaignsByIds`). */
export function campaignTrendCounts(db: Db, filter: MessageFilter) {
  return scoped(db.selectFrom('phishingMessages'), filter)
    .select([
      'campaignId',
      sql<unknown>`sum(case when "sentAt" is not null then 1 else 0 end)`.as('sent'),
      sql<unknown>`sum(case when ${failedSql} then 1 else 0 end)`.as('failed'),
      sql<unknown>`sum(case when "reportedAt" is not null then 1 else 0 end)`.as('reported'),
    ])
    .groupBy('campaignId')
    .execute();
}

/** The DSO's launched campaigns (not draft or scheduled), by launch time. */
export function launchedCampaigns(db: Db, dsoId: string) {
  return db
    .selectFrom('phishingCampaigns')
    .select(['id', 'name', 'status', 'launchAt'])
    .where('dsoId', '=', dsoId)
    .where('status', 'not in', ['draft', 'scheduled'])
    .orderBy('launchAt')
    .orderBy('id')
    .execute();
}

/** The DSO's sent, failed and reported counts of emails sent in [from, to]. */
export function windowTotals(db: Db, dsoId: string, from: string, to: string) {
  return db
    .selectFrom('phishingMessages')
    .select([
      sql<unknown>`count(*)`.as('sent'),
      sql<unknown>`sum(case when ${failedSql} then 1 else 0 end)`.as('failed'),
      sql<unknown>`sum(case when "reportedAt" is not null then 1 else 0 end)`.as('reported'),
    ])
    .where('dsoId', '=', dsoId)
    .where('sentAt', 'is not', null)
    .where('sentAt', '>=', from)
    .where('sentAt', '<=', to)
    .executeTakeFirstOrThrow();
}

/** DSOs that sent a simulation in [from, to] (the dispatcher publishes their signals). */
export async function dsosWithSends(db: Db, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('phishingMessages')
    .select('dsoId')
    .distinct()
    .where('sentAt', '>=', from)
    .where('sentAt', '<=', to)
    .execute();
  return rows.map((row) => row.dsoId);
}

/** Messages of a campaign in email order, one batch after `afterId` (the CSV streams them). */
export function messageBatch(db: Db, filter: MessageFilter, after: Cursor | undefined, size: number) {
  let query = scoped(db.selectFrom('phishingMessages').select([...messageColumns]), filter);
  if (after !== undefined) {
    query = query.where((eb) => afterCursor(eb, sql.ref('email'), 'phishingMessages.id', false, after));
  }
  return query.orderBy('email').orderBy('id').limit(size).execute();
}

/** The newest event id of the installation: one index lookup; it changes whenever any event is recorded. */
export async function newestEventId(db: Db): Promise<string> {
  const row = await db
    .selectFrom('phishingEvents')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return row?.id ?? '';
}
