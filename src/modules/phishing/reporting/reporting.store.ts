import type { Kysely, Selectable } from 'kysely';
import type { Database, ReportedEmailTable, ReportMailboxTable } from '../../../platform/db/schema.ts';

type Db = Kysely<Database>;

/** A reported email without its bytes: what lists and detail views read. */
export type ReportedEmailMeta = Omit<Selectable<ReportedEmailTable>, 'raw'>;

const metaColumns = [
  'id',
  'dsoId',
  'sha256',
  'size',
  'source',
  'reporterEmail',
  'subject',
  'fromAddress',
  'receivedAt',
  'simulationMessageId',
  'status',
] as const;

export interface SimulationMessage {
  readonly id: string;
  readonly dsoId: string;
  readonly token: string;
  readonly campaignId: string;
  readonly email: string;
  readonly firstName: string;
  readonly reportedAt: string | null;
}

export async function findMessagesByTokens(db: Db, tokens: readonly string[]): Promise<SimulationMessage[]> {
  if (tokens.length === 0) return [];
  return db
    .selectFrom('phishingMessages')
    .select(['id', 'dsoId', 'token', 'campaignId', 'email', 'firstName', 'reportedAt'])
    .where('token', 'in', tokens)
    .execute();
}

export async function findMessage(db: Db, id: string): Promise<SimulationMessage | undefined> {
  return db
    .selectFrom('phishingMessages')
    .select(['id', 'dsoId', 'token', 'campaignId', 'email', 'firstName', 'reportedAt'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listDsoDomains(db: Db): Promise<{ id: string; domains: string }[]> {
  return db.selectFrom('dsos').select(['id', 'domains']).execute();
}

export async function dsoExists(db: Db, dsoId: string): Promise<boolean> {
  return (await db.selectFrom('dsos').select('id').where('id', '=', dsoId).executeTakeFirst()) !== undefined;
}

export async function findReportBySha(db: Db, dsoId: string, sha256: string) {
  return db
    .selectFrom('reportedEmails')
    .select(metaColumns)
    .where('dsoId', '=', dsoId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
}

export async function insertReport(db: Db, row: ReportedEmailTable): Promise<void> {
  await db.insertInto('reportedEmails').values(row).execute();
}

export async function findReport(db: Db, dsoId: string, id: string) {
  return db
    .selectFrom('reportedEmails')
    .select(metaColumns)
    .where('dsoId', '=', dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Newest first, keyset-paged on (receivedAt, id). */
export async function listReports(
  db: Db,
  dsoId: string,
  filter: {
    status?: string | undefined;
    after?: { receivedAt: string; id: string } | undefined;
    limit: number;
  },
) {
  let query = db
    .selectFrom('reportedEmails')
    .leftJoin('phishingMessages', 'phishingMessages.id', 'reportedEmails.simulationMessageId')
    .select(metaColumns.map((column) => `reportedEmails.${column}` as const))
    .select('phishingMessages.campaignId')
    .where('reportedEmails.dsoId', '=', dsoId);
  if (filter.status !== undefined) query = query.where('reportedEmails.status', '=', filter.status);
  const after = filter.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('reportedEmails.receivedAt', '<', after.receivedAt),
        eb.and([
          eb('reportedEmails.receivedAt', '=', after.receivedAt),
          eb('reportedEmails.id', '<', after.id),
        ]),
      ]),
    );
  }
  return query
    .orderBy('reportedEmails.receivedAt', 'desc')
    .orderBy('reportedEmails.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export async function findMailbox(
  db: Db,
  dsoId: string,
): Promise<Selectable<ReportMailboxTable> | undefined> {
  return db.selectFrom('reportMailboxes').selectAll().where('dsoId', '=', dsoId).executeTakeFirst();
}

export async function listEnabledMailboxes(db: Db): Promise<Selectable<ReportMailboxTable>[]> {
  return db.selectFrom('reportMailboxes').selectAll().where('enabled', '=', 1).orderBy('id').execute();
}

export async function insertMailbox(db: Db, row: ReportMailboxTable): Promise<void> {
  await db.insertInto('reportMailboxes').values(row).execute();
}

export async function updateMailbox(db: Db, id: string, changes: Partial<ReportMailboxTable>): Promise<void> {
  await db.updateTable('reportMailboxes').set(changes).where('id', '=', id).execute();
}
