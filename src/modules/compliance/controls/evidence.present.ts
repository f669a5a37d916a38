import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/schema.ts';
import { isEvidenceValid } from './control-status.ts';
import type { EvidenceRow } from './controls.store.ts';
import * as store from './controls.store.ts';

export interface EvidenceView {
  id: string;
  controlId: string;
  practiceId: string | null;
  vendorId: string | null;
  kind: 'file' | 'link' | 'attestation';
  title: string;
  description: string | null;
  fileName: string | null;
  mediaType: string | null;
  size: number | null;
  sha256: string | null;
  url: string | null;
  statement: string | null;
  attestedBy: string | null;
  attestedByName: string | null;
  effectiveDate: string;
  expiresAt: string | null;
  /** Whether it counts now: active, effective and not expired. */
  isValid: boolean;
  ownerUserId: string | null;
  reviewerUserId: string | null;
  reviewedAt: string | null;
  status: 'active' | 'superseded' | 'rejected';
  withdrawnReason: string | null;
  withdrawnAt: string | null;
  uploadedBy: string;
  uploadedByName: string | null;
  uploadedAt: string;
  retainUntil: string;
}

/** User id to display name, for "uploaded by" and "attested by". */
export async function userNames(db: Kysely<Database>, dsoId: string): Promise<Map<string, string>> {
  const users = await store.listUsers(db, dsoId);
  return new Map(users.map((u) => [u.id, u.displayName || u.email]));
}

export function presentEvidence(
  row: EvidenceRow & { size?: number | null },
  users: ReadonlyMap<string, string>,
  now: Date,
): EvidenceView {
  return {
    id: row.id,
    controlId: row.controlId,
    practiceId: row.practiceId,
    vendorId: row.vendorId,
    kind: row.kind as EvidenceView['kind'],
    title: row.title,
    description: row.description,
    fileName: row.fileName,
    mediaType: row.mediaType,
    size: row.size ?? null,
    sha256: row.sha256,
    url: row.url,
    statement: row.statement,
    attestedBy: row.attestedBy,
    attestedByName: row.attestedBy === null ? null : (users.get(row.attestedBy) ?? null),
    effectiveDate: row.effectiveDate,
    expiresAt: row.expiresAt,
    isValid: row.status === 'active' && isEvidenceValid(row, now),
    ownerUserId: row.ownerUserId,
    reviewerUserId: row.reviewerUserId,
    reviewedAt: row.reviewedAt,
    status: row.status as EvidenceView['status'],
    withdrawnReason: row.withdrawnReason,
    withdrawnAt: row.withdrawnAt,
    uploadedBy: row.uploadedBy,
    uploadedByName: users.get(row.uploadedBy) ?? null,
    uploadedAt: row.uploadedAt,
    retainUntil: row.retainUntil,
  };
}
