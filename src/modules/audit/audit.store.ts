import { CompiledQuery, PostgresAdapter, sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { AuditEventTable } from '../../platform/db/schema.ts';

export type AuditEventRow = AuditEventTable;

export interface AuditFilter {
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly resourceType?: string | undefined;
  readonly resourceId?: string | undefined;
  readonly outcome?: string | undefined;
  /** Inclusive lower bound, ISO-8601 UTC. */
  readonly from?: string | undefined;
  /** Exclusive upper bound, ISO-8601 UTC. */
  readonly to?: string | undefined;
}

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

// Appending -----------------------------------------------------------------------------------------

/** Creates the chain's head row if missing; a concurrent creator waits on the key, then does nothing. */
export async function ensureChainHead(db: Db, chainKey: string, genesis: string): Promise<void> {
  await db
    .insertInto('auditChains')
    .values({ chainKey, lastSeq: 0, lastHash: genesis })
    .onConflict((oc) => oc.column('chainKey').doNothing())
    .execute();
}

/*
 * The append path runs inside every audited write, so its four statements are written once per dialect as
 * plain parameterised SQL instead of being built and compiled by Kysely on each call.
 */
const eventColumns = [
  'id',
  'chainKey',
  'seq',
  'dsoId',
  'occurredAt',
  'actorType',
  'actorId',
  'actorLabel',
  'ip',
  'userAgent',
  'action',
  'resourceType',
  'resourceId',
  'outcome',
  'changedFields',
  'detail',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof AuditEventRow)[];

function appendSql(postgres: boolean) {
  const p = (n: number) => (postgres ? `$${n}` : '?');
  const columns = eventColumns.map((column) => `"${column}"`).join(', ');
  const values = eventColumns.map((_, index) => p(index + 1)).join(', ');
  return {
    lockHead: `select "lastSeq", "lastHash" from "auditChains" where "chainKey" = ${p(1)}${postgres ? ' for update' : ''}`,
    insertEvent: `insert into "auditEvents" (${columns}) values (${values})`,
    moveHead: `update "auditChains" set "lastSeq" = ${p(1)}, "lastHash" = ${p(2)} where "chainKey" = ${p(3)}`,
    bumpVersion: `update "dsos" set "dataVersion" = "dataVersion" + 1 where "id" = ${p(1)}`,
  };
}

const statements = { sqlite: appendSql(false), postgres: appendSql(true) };

function statementsOf(db: Db) {
  return isPostgres(db) ? statements.postgres : statements.sqlite;
}

/**
 * Reads the chain head, locking it on PostgreSQL until the transaction ends so appends to one chain serialize.
 * SQLite needs no lock: its one connection runs one transaction at a time.
 */
export async function lockChainHead(db: Db, chainKey: string) {
  const result = await db.executeQuery<{ lastSeq: number | string; lastHash: string }>(
    CompiledQuery.raw(statementsOf(db).lockHead, [chainKey]),
  );
  return result.rows[0];
}

export async function insertEvent(db: Db, row: AuditEventRow): Promise<void> {
  await db.executeQuery(
    CompiledQuery.raw(
      statementsOf(db).insertEvent,
      eventColumns.map((column) => row[column]),
    ),
  );
}

export async function moveChainHead(db: Db, chainKey: string, lastSeq: number, lastHash: string) {
  await db.executeQuery(CompiledQuery.raw(statementsOf(db).moveHead, [lastSeq, lastHash, chainKey]));
}

// Verifying and anchoring ---------------------------------------------------------------------------

/** One page of a chain in seq order, after `afterSeq`. */
export function chainPage(db: Db, chainKey: string, afterSeq: number, limit: number) {
  return db
    .selectFrom('auditEvents')
    .selectAll()
    .where('chainKey', '=', chainKey)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** Heads of every chain (or one), with the time of the head entry. */
export function chainHeads(db: Db, chainKey: string | undefined) {
  return db
    .selectFrom('auditChains')
    .leftJoin('auditEvents', (join) =>
      join
        .onRef('auditEvents.chainKey', '=', 'auditChains.chainKey')
        .onRef('auditEvents.seq', '=', 'auditChains.lastSeq'),
    )
    .select(['auditChains.chainKey', 'auditChains.lastSeq', 'auditChains.lastHash', 'auditEvents.occurredAt'])
    .$if(chainKey !== undefined, (qb) => qb.where('auditChains.chainKey', '=', chainKey as string))
    .orderBy('auditChains.chainKey')
    .execute();
}

/** Every chain key that has entries, found by index skips rather than a scan of the whole trail. */
export async function eventChainKeys(db: Db): Promise<string[]> {
  const keys: string[] = [];
  let after = '';
  for (;;) {
    const row = await db
      .selectFrom('auditEvents')
      .select((eb) => eb.fn.min('chainKey').as('key'))
      .where('chainKey', '>', after)
      .executeTakeFirst();
    if (!row?.key) return keys;
    keys.push(row.key);
    after = row.key;
  }
}

// Searching -----------------------------------------------------------------------------------------

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtered(db: Db, dsoId: string, filter: AuditFilter) {
  const { actor, action, from, to } = filter;
  const prefix = action?.endsWith('*') ? `${escapeLike(action.slice(0, -1))}%` : undefined;
  return db
    .selectFrom('auditEvents')
    .selectAll()
    .where('chainKey', '=', dsoId)
    .$if(actor !== undefined, (qb) =>
      qb.where((eb) => eb.or([eb('actorLabel', '=', actor as string), eb('actorId', '=', actor as string)])),
    )
    .$if(prefix !== undefined, (qb) =>
      qb.where(sql<boolean>`${sql.ref('action')} like ${prefix} escape '\\'`),
    )
    .$if(action !== undefined && prefix === undefined, (qb) => qb.where('action', '=', action as string))
    .$if(filter.resourceType !== undefined, (qb) =>
      qb.where('resourceType', '=', filter.resourceType as string),
    )
    .$if(filter.resourceId !== undefined, (qb) => qb.where('resourceId', '=', filter.resourceId as string))
    .$if(filter.outcome !== undefined, (qb) => qb.where('outcome', '=', filter.outcome as string))
    .$if(from !== undefined, (qb) => qb.where('occurredAt', '>=', from as string))
    .$if(to !== undefined, (qb) => qb.where('occurredAt', '<', to as string));
}

/** A DSO's entries newest first (its chain is keyed by its id), before `beforeSeq`. */
export function searchEvents(
  db: Db,
  dsoId: string,
  filter: AuditFilter,
  limit: number,
  beforeSeq: number | undefined,
) {
  return filtered(db, dsoId, filter)
    .$if(beforeSeq !== undefined, (qb) => qb.where('seq', '<', beforeSeq as number))
    .orderBy('seq', 'desc')
    .limit(limit + 1)
    .execute();
}

/** A DSO's entries oldest first, after `afterSeq`: export pages. */
export function exportPage(db: Db, dsoId: string, filter: AuditFilter, afterSeq: number, limit: number) {
  return filtered(db, dsoId, filter).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

/** Marks the DSO's data as changed, in the same transaction as the change (see platform/cache). */
export async function bumpDataVersion(db: Db, dsoId: string): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(statementsOf(db).bumpVersion, [dsoId]));
}
