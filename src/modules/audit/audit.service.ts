import type { Actor, Scope, ServiceDeps } from '../../platform/context.ts';
import type { Db } from '../../platform/db/index.ts';
import { toPage } from '../../platform/db/page.ts';
import { decodeCursor } from '../../platform/db/pagination.ts';
import { newId } from '../../platform/ids.ts';
import {
  type AuditOutcome,
  type ChainEntry,
  type ChainResult,
  type Checkpoint,
  createChainVerifier,
  genesisHash,
  hashEntry,
  type UnhashedEntry,
} from './audit.chain.ts';
import { csvHeader, csvRow, entryOf, presentEvent } from './audit.present.ts';
import {
  type AnchorChain,
  type AnchorView,
  anchorKind,
  type ExportFormat,
  type ListAuditEventsQuery,
} from './audit.schema.ts';
import * as store from './audit.store.ts';

/** The chain of installation-level events (no DSO), e.g. creating a DSO. */
export const platformChain = 'platform';

/** What a service tells the trail about one state change. Field names only, never values. */
export interface AuditInput {
  /** The tenant, or null for installation-level events. */
  readonly dsoId: string | null;
  readonly actor: Actor;
  /** `<resource plural>.<verb>`, e.g. `practices.create`. */
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId: string | null;
  /** ISO-8601 UTC, from `deps.clock`. */
  readonly occurredAt: string;
  readonly outcome?: AuditOutcome;
  /** Names of the fields the change set; never their values (no PHI or secret lands in the trail). */
  readonly changedFields?: readonly string[];
  /** Counts only, e.g. an import's {create, update, terminate}. */
  readonly detail?: Readonly<Record<string, number>>;
}

const fieldNamePattern = /^[A-Za-z][A-Za-z0-9_.]{0,63}$/;
const actionPattern = /^[a-z][a-zA-Z0-9_-]*(\.[a-z][a-zA-Z0-9_-]*)+$/;

/** Refuses input that could carry values instead of names: a programming error, so a plain Error. */
function assertSafe(input: AuditInput): void {
  if (!actionPattern.test(input.action)) throw new Error(`Audit action "${input.action}" is malformed.`);
  const badField = input.changedFields?.find((name) => !fieldNamePattern.test(name));
  if (badField !== undefined) throw new Error('Audit changedFields must hold field names only.');
  const badCount = Object.values(input.detail ?? {}).some(
    (n) => typeof n !== 'number' || !Number.isFinite(n),
  );
  if (badCount) throw new Error('Audit detail must hold finite numbers only.');
}

/** Names of the fields a create or update input sets (the keys whose value is not undefined), sorted. */
export function fieldNames(input: object): string[] {
  return Object.entries(input)
    .filter(([, value]) => value !== undefined)
    .map(([key]) => key)
    .sort();
}

/** Stored with sorted keys, so the stored text is as canonical as the hash input. */
function sortedKeys(detail: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(detail).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function unhashed(input: AuditInput, chainKey: string, seq: number, prevHash: string): UnhashedEntry {
  return {
    id: newId(),
    chainKey,
    seq,
    dsoId: input.dsoId,
    occurredAt: input.occurredAt,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label.slice(0, 200),
    ip: input.actor.ip,
    userAgent: input.actor.userAgent?.slice(0, 300) ?? null,
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId,
    outcome: input.outcome ?? 'allowed',
    changedFields: [...new Set(input.changedFields ?? [])].sort(),
    detail: input.detail ? sortedKeys(input.detail) : null,
    prevHash,
  };
}

async function append(trx: Db, input: AuditInput): Promise<ChainEntry> {
  const chainKey = input.dsoId ?? platformChain;
  // The head exists after a chain's first entry, so the insert-if-missing runs once per chain.
  let head = await store.lockChainHead(trx, chainKey);
  if (!head) {
    await store.ensureChainHead(trx, chainKey, genesisHash);
    head = await store.lockChainHead(trx, chainKey);
    if (!head) throw new Error(`audit chain head "${chainKey}" could not be created`);
  }
  const draft = unhashed(input, chainKey, Number(head.lastSeq) + 1, head.lastHash);
  const entry: ChainEntry = { ...draft, hash: hashEntry(draft) };
  await store.insertEvent(trx, {
    ...entry,
    changedFields: JSON.stringify(entry.changedFields),
    detail: entry.detail === null ? null : JSON.stringify(entry.detail),
  });
  await store.moveChainHead(trx, chainKey, entry.seq, entry.hash);
  // Every audited change of a DSO's data also invalidates its cached reads (platform/cache).
  if (input.dsoId !== null) await store.bumpDataVersion(trx, input.dsoId);
  return entry;
}

/**
 * Appends one entry to the trail (45 CFR 164.312(b)). Pass the caller's transaction so the change and its
 * entry commit together; given the database, it opens a transaction of its own. Call it last in the
 * transaction: on PostgreSQL it holds the chain's head row locked until commit.
 */
export async function record(db: Db, input: AuditInput): Promise<ChainEntry> {
  assertSafe(input);
  if (db.isTransaction) return append(db, input);
  return db.transaction().execute((trx) => append(trx, input));
}

// Search and export ---------------------------------------------------------------------------------

const listSort = '-seq';

export async function listEvents(deps: ServiceDeps, scope: Scope, query: ListAuditEventsQuery) {
  const { limit, cursor: raw, ...filter } = query;
  const cursor = decodeCursor(raw, listSort);
  const before = cursor === undefined ? undefined : Number(cursor.value);
  const rows = await store.searchEvents(deps.db, scope.dsoId, filter, limit, before);
  return toPage(rows, limit, listSort, (row) => Number(row.seq), presentEvent);
}

const exportPageSize = 1000;

/** The DSO's entries oldest first, page by page, as CSV (header row first) or a JSON array. */
export async function* exportEvents(
  deps: ServiceDeps,
  scope: Scope,
  filter: store.AuditFilter,
  format: ExportFormat,
): AsyncGenerator<string> {
  yield format === 'csv' ? csvHeader() : '[';
  let afterSeq = 0;
  let first = true;
  for (;;) {
    const rows = await store.exportPage(deps.db, scope.dsoId, filter, afterSeq, exportPageSize);
    for (const row of rows) {
      if (format === 'csv') yield csvRow(row);
      else yield `${first ? '\n' : ',\n'}${JSON.stringify(presentEvent(row))}`;
      first = false;
    }
    const last = rows.at(-1);
    if (!last || rows.length < exportPageSize) break;
    afterSeq = Number(last.seq);
  }
  if (format === 'json') yield first ? ']\n' : '\n]\n';
}

// Anchors and verification --------------------------------------------------------------------------

/** The current head of every chain (or one), to keep outside Enamel and verify against later. */
export async function createAnchor(deps: ServiceDeps, chainKey?: string): Promise<AnchorView> {
  const heads = await store.chainHeads(deps.db, chainKey);
  const chains: AnchorChain[] = heads
    .filter((head) => Number(head.lastSeq) > 0)
    .map((head) => ({
      chainKey: head.chainKey,
      seq: Number(head.lastSeq),
      hash: head.lastHash,
      time: head.occurredAt ?? null,
    }));
  return { kind: anchorKind, version: 1, createdAt: deps.clock.now().toISOString(), chains };
}

export interface ChainReport {
  readonly chainKey: string;
  readonly result: ChainResult;
}

export interface VerifyOptions {
  /** One chain (a DSO id, or `platform`); every chain when absent. */
  readonly chainKey?: string | undefined;
  readonly anchor?: AnchorView | undefined;
  readonly pageSize?: number;
}

async function chainKeysToVerify(deps: ServiceDeps, options: VerifyOptions): Promise<string[]> {
  if (options.chainKey !== undefined) return [options.chainKey];
  const keys = new Set((await store.chainHeads(deps.db, undefined)).map((head) => head.chainKey));
  for (const key of await store.eventChainKeys(deps.db)) keys.add(key);
  for (const chain of options.anchor?.chains ?? []) keys.add(chain.chainKey);
  return [...keys].sort();
}

async function checkpointsOf(deps: ServiceDeps, chainKey: string, anchor: AnchorView | undefined) {
  const checkpoints: Checkpoint[] = [];
  const [head] = await store.chainHeads(deps.db, chainKey);
  // The head row is written with each entry, so entries removed without it are caught without an anchor.
  if (head && Number(head.lastSeq) > 0) {
    checkpoints.push({ seq: Number(head.lastSeq), hash: head.lastHash, source: 'chain head' });
  }
  for (const chain of anchor?.chains ?? []) {
    if (chain.chainKey !== chainKey) continue;
    checkpoints.push({
      seq: chain.seq,
      hash: chain.hash,
      source: `anchor of ${chain.time ?? anchor?.createdAt}`,
    });
  }
  return checkpoints;
}

/** Verifies one chain from its first entry, streaming pages in seq order so memory stays flat. */
export async function verifyChain(
  deps: ServiceDeps,
  chainKey: string,
  anchor?: AnchorView,
  pageSize = 10_000,
): Promise<ChainResult> {
  const verifier = createChainVerifier(await checkpointsOf(deps, chainKey, anchor));
  let afterSeq = 0;
  for (;;) {
    const rows = await store.chainPage(deps.db, chainKey, afterSeq, pageSize);
    for (const row of rows) {
      if (verifier.push(entryOf(row))) return verifier.finish();
    }
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return verifier.finish();
    afterSeq = Number(last.seq);
  }
}

/** Verifies every chain (or one); reports each. */
export async function verifyChains(deps: ServiceDeps, options: VerifyOptions = {}): Promise<ChainReport[]> {
  const reports: ChainReport[] = [];
  for (const chainKey of await chainKeysToVerify(deps, options)) {
    reports.push({ chainKey, result: await verifyChain(deps, chainKey, options.anchor, options.pageSize) });
  }
  return reports;
}
