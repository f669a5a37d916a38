import { csvCell } from '../../platform/csv.ts';
import type { ChainEntry } from './audit.chain.ts';
import type { AuditEventView } from './audit.schema.ts';
import type { AuditEventRow } from './audit.store.ts';

/** A stored row as the chain sees it (JSON columns parsed). */
export function entryOf(row: AuditEventRow): ChainEntry {
  // Field by field rather than a spread: verify calls this once per entry of the whole trail.
  return {
    id: row.id,
    chainKey: row.chainKey,
    seq: Number(row.seq),
    dsoId: row.dsoId,
    occurredAt: row.occurredAt,
    actorType: row.actorType,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    ip: row.ip,
    userAgent: row.userAgent,
    action: row.action,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    outcome: row.outcome,
    changedFields: row.changedFields === '[]' ? [] : (JSON.parse(row.changedFields) as string[]),
    detail: row.detail === null ? null : (JSON.parse(row.detail) as Record<string, number>),
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

export function presentEvent(row: AuditEventRow): AuditEventView {
  const entry = entryOf(row);
  return {
    id: entry.id,
    dsoId: entry.dsoId,
    seq: entry.seq,
    occurredAt: entry.occurredAt,
    actorType: entry.actorType,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    ip: entry.ip,
    userAgent: entry.userAgent,
    action: entry.action,
    resourceType: entry.resourceType,
    resourceId: entry.resourceId,
    outcome: entry.outcome,
    changedFields: [...entry.changedFields],
    detail: entry.detail === null ? null : { ...entry.detail },
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

// CSV (RFC 4180) ------------------------------------------------------------------------------------

export const csvColumns = [
  'occurredAt',
  'seq',
  'id',
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
] as const;

export function csvHeader(): string {
  return `${csvColumns.join(',')}\r\n`;
}

export function csvRow(row: AuditEventRow): string {
  const view = presentEvent(row);
  const cells = csvColumns.map((column) => {
    const value = view[column];
    if (column === 'changedFields') return csvCell(view.changedFields.join(' '));
    if (column === 'detail') return csvCell(view.detail === null ? null : JSON.stringify(view.detail));
    return csvCell(value as string | number | null);
  });
  return `${cells.join(',')}\r\n`;
}
