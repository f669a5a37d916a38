import { createHash } from 'node:crypto';
import { isoDate } from '../../../platform/clock.ts';
import { inPracticeScope, type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { type CatalogueControl, findControl } from './catalogue.ts';
import type {
  FileEvidenceFields,
  JsonEvidenceInput,
  UpdateEvidenceInput,
  WithdrawEvidenceInput,
} from './controls.schema.ts';
import { requireUser } from './controls.service.ts';
import * as store from './controls.store.ts';
import { type EvidenceView, presentEvidence, userNames } from './evidence.present.ts';
import { detectEvidenceType, evidenceFileTypes } from './file-types.ts';

/** The largest evidence file Enamel keeps. */
export const maxEvidenceBytes = 25 * 1024 * 1024;
/** 45 CFR 164.316(b)(2)(i): documentation is kept six years. */
const retentionYears = 6;
const dayMs = 86_400_000;

export interface UploadedFile {
  readonly fileName: string;
  readonly bytes: Buffer;
}

function fieldError(field: string, code: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${message}`, [{ path: [field], code, message }]);
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A date means 00:00 UTC of that day. */
function expiryInstant(value: string): string {
  return value.length === 10 ? `${value}T00:00:00.000Z` : new Date(value).toISOString();
}

function addYears(iso: string, years: number): string {
  const date = new Date(iso);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString();
}

/** What every kind of evidence is checked for; returns the control and the expiry to store. */
async function checkCommon(
  deps: ServiceDeps,
  scope: Scope,
  input: FileEvidenceFields,
): Promise<{ control: CatalogueControl; expiresAt: string }> {
  const control = findControl(input.controlId);
  if (control === undefined) {
    throw fieldError('controlId', 'unknown_control', `control "${input.controlId}" is not in the catalogue`);
  }
  const today = isoDate(deps.clock.now());
  // Evidence speaks for what is already true: an effective date after today is refused.
  if (input.effectiveDate > today) {
    throw fieldError('effectiveDate', 'in_future', `${input.effectiveDate} is after today (${today})`);
  }
  const start = `${input.effectiveDate}T00:00:00.000Z`;
  const expiresAt =
    input.expiresAt === undefined
      ? new Date(Date.parse(start) + control.validityDays * dayMs).toISOString()
      : expiryInstant(input.expiresAt);
  if (expiresAt <= start) {
    throw fieldError(
      'expiresAt',
      'before_effective',
      `${input.expiresAt} is not after the effective date ${input.effectiveDate}`,
    );
  }
  await checkPractice(deps, scope, input.practiceId ?? null);
  if (input.vendorId) await checkVendor(deps, scope.dsoId, input.vendorId);
  if (input.ownerUserId) await requireUser(deps, scope.dsoId, input.ownerUserId, 'ownerUserId');
  if (input.reviewerUserId) await requireUser(deps, scope.dsoId, input.reviewerUserId, 'reviewerUserId');
  return { control, expiresAt };
}

async function checkPractice(deps: ServiceDeps, scope: Scope, practiceId: string | null): Promise<void> {
  if (practiceId === null) {
    if (scope.practiceIds) {
      throw fieldError(
        'practiceId',
        'required',
        'a practice manager adds evidence for one of their practices',
      );
    }
    return;
  }
  const practices = await store.listPractices(deps.db, scope.dsoId);
  if (!practices.some((p) => p.id === practiceId) || !inPracticeScope(scope, practiceId)) {
    throw fieldError('practiceId', 'not_found', `practice "${practiceId}" was not found`);
  }
}

async function checkVendor(deps: ServiceDeps, dsoId: string, vendorId: string): Promise<void> {
  const vendor = await deps.db
    .selectFrom('vendors')
    .select('id')
    .where('dsoId', '=', dsoId)
    .where('id', '=', vendorId)
    .executeTakeFirst();
  if (vendor === undefined) throw fieldError('vendorId', 'not_found', `vendor "${vendorId}" was not found`);
}

function baseRow(
  scope: Scope,
  input: FileEvidenceFields,
  expiresAt: string,
  now: string,
): Omit<
  store.EvidenceRow,
  'kind' | 'fileId' | 'fileName' | 'mediaType' | 'sha256' | 'url' | 'statement' | 'attestedBy'
> {
  const actor = scope.actor ?? systemActor;
  return {
    id: newId(),
    dsoId: scope.dsoId,
    controlId: input.controlId,
    practiceId: input.practiceId ?? null,
    vendorId: input.vendorId ?? null,
    title: input.title,
    description: input.description ?? null,
    effectiveDate: input.effectiveDate,
    expiresAt,
    ownerUserId: input.ownerUserId ?? null,
    reviewerUserId: input.reviewerUserId ?? null,
    reviewedAt: null,
    status: 'active',
    remindersSent: '[]',
    uploadedBy: actor.id ?? actor.label,
    uploadedAt: now,
    retainUntil: addYears(now, retentionYears),
    withdrawnReason: null,
    withdrawnBy: null,
    withdrawnAt: null,
  };
}

async function insertAudited(
  deps: ServiceDeps,
  scope: Scope,
  row: store.EvidenceRow,
  file?: { id: string; bytes: Buffer; isNew: boolean },
) {
  await deps.db.transaction().execute(async (trx) => {
    if (file?.isNew) {
      await store.insertFile(trx, {
        id: file.id,
        dsoId: scope.dsoId,
        sha256: row.sha256 ?? sha256(file.bytes),
        size: file.bytes.length,
        content: file.bytes,
        createdAt: row.uploadedAt,
      });
    }
    await store.insertEvidence(trx, row);
    await audit.record(trx, {
      dsoId: scope.dsoId,
      actor: scope.actor ?? systemActor,
      action: 'evidence.create',
      resourceType: 'evidence',
      resourceId: row.id,
      occurredAt: row.uploadedAt,
      changedFields: Object.entries(row)
        .filter(([key, value]) => value !== null && !['id', 'dsoId', 'remindersSent'].includes(key))
        .map(([key]) => key)
        .sort(),
    });
  });
}

/** Stores an uploaded file once per DSO by SHA-256 and records it as evidence. */
export async function createFileEvidence(
  deps: ServiceDeps,
  scope: Scope,
  input: FileEvidenceFields,
  file: UploadedFile,
): Promise<EvidenceView> {
  if (file.bytes.length === 0) throw fieldError('file', 'empty', `the file "${file.fileName}" is empty`);
  const type = detectEvidenceType(file.fileName, file.bytes);
  if (type === undefined) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `The file "${file.fileName}" is not an accepted evidence type (${evidenceFileTypes.map((t) => t.label).join(', ')}), or its content does not match its extension.`,
      [{ path: ['file'], code: 'unsupported_type', message: `"${file.fileName}" was refused` }],
    );
  }
  const { expiresAt } = await checkCommon(deps, scope, input);
  const now = deps.clock.now().toISOString();
  const digest = sha256(file.bytes);
  const existing = await store.findFileBySha(deps.db, scope.dsoId, digest);
  const fileId = existing?.id ?? newId();
  const row: store.EvidenceRow = {
    ...baseRow(scope, input, expiresAt, now),
    kind: 'file',
    fileId,
    fileName: file.fileName,
    mediaType: type.mediaType,
    sha256: digest,
    url: null,
    statement: null,
    attestedBy: null,
  };
  await insertAudited(deps, scope, row, { id: fileId, bytes: file.bytes, isNew: existing === undefined });
  return presentEvidence(
    { ...row, size: file.bytes.length },
    await userNames(deps.db, scope.dsoId),
    deps.clock.now(),
  );
}

/** Records a link or an attestation signed by the signed-in person. */
export async function createJsonEvidence(
  deps: ServiceDeps,
  scope: Scope,
  input: JsonEvidenceInput,
): Promise<EvidenceView> {
  const { kind, ...fields } = input;
  const common: FileEvidenceFields = {
    controlId: fields.controlId,
    title: fields.title,
    effectiveDate: fields.effectiveDate,
    description: fields.description,
    expiresAt: fields.expiresAt,
    practiceId: fields.practiceId,
    vendorId: fields.vendorId,
    ownerUserId: fields.ownerUserId,
    reviewerUserId: fields.reviewerUserId,
  };
  const actor = scope.actor;
  if (kind === 'attestation' && (actor?.type !== 'user' || actor.id === null)) {
    throw fieldError(
      'kind',
      'signer_required',
      'an attestation is signed by a signed-in person, not a token',
    );
  }
  const { expiresAt } = await checkCommon(deps, scope, common);
  const now = deps.clock.now().toISOString();
  const base = baseRow(scope, common, expiresAt, now);
  const row: store.EvidenceRow =
    input.kind === 'link'
      ? {
          ...base,
          kind: 'link',
          fileId: null,
          fileName: null,
          mediaType: null,
          sha256: null,
          url: input.url,
          statement: null,
          attestedBy: null,
        }
      : {
          ...base,
          kind: 'attestation',
          fileId: null,
          fileName: null,
          mediaType: null,
          // The signature: what was stated, by whom and when, hashed together.
          sha256: attestationDigest(input.statement, actor?.id ?? '', now),
          url: null,
          statement: input.statement,
          attestedBy: actor?.id ?? null,
        };
  await insertAudited(deps, scope, row);
  return presentEvidence({ ...row, size: null }, await userNames(deps.db, scope.dsoId), deps.clock.now());
}

/** SHA-256 of statement, signer and time, newline-separated. */
export function attestationDigest(statement: string, signerId: string, signedAt: string): string {
  return sha256(`${statement}\n${signerId}\n${signedAt}`);
}

/** Loads evidence visible to the scope: another DSO's or another practice's evidence is NOT_FOUND. */
async function visible(deps: ServiceDeps, scope: Scope, id: string): Promise<store.EvidenceWithSize> {
  const row = await store.findEvidence(deps.db, scope.dsoId, id);
  if (row === undefined || (row.practiceId !== null && !inPracticeScope(scope, row.practiceId))) {
    throw notFound('Evidence', id);
  }
  return row;
}

/** Like `visible`, and DSO-wide evidence is read-only for a practice manager. */
async function changeable(deps: ServiceDeps, scope: Scope, id: string): Promise<store.EvidenceWithSize> {
  const row = await visible(deps, scope, id);
  if (row.practiceId === null && scope.practiceIds) {
    throw new AppError('AUTH_FORBIDDEN', 'Only DSO-wide roles can change DSO-wide evidence.');
  }
  return row;
}

export async function listEvidence(
  deps: ServiceDeps,
  scope: Scope,
  query: { controlId?: string | undefined; practiceId?: string | undefined },
): Promise<{ items: EvidenceView[] }> {
  if (query.practiceId !== undefined && !inPracticeScope(scope, query.practiceId)) return { items: [] };
  const rows = await store.listEvidenceRows(deps.db, scope.dsoId, {
    practiceIds: scope.practiceIds ?? null,
    ...(query.controlId === undefined ? {} : { controlId: query.controlId }),
    ...(query.practiceId === undefined ? {} : { practiceId: query.practiceId }),
  });
  const users = await userNames(deps.db, scope.dsoId);
  const now = deps.clock.now();
  return { items: rows.map((row) => presentEvidence(row, users, now)) };
}

export async function getEvidence(deps: ServiceDeps, scope: Scope, id: string): Promise<EvidenceView> {
  const row = await visible(deps, scope, id);
  return presentEvidence(row, await userNames(deps.db, scope.dsoId), deps.clock.now());
}

export interface EvidenceDownload {
  readonly fileName: string;
  readonly mediaType: string;
  readonly bytes: Buffer;
}

/** The stored bytes, re-hashed first: a mismatch with the recorded SHA-256 is EVIDENCE_INTEGRITY_FAILED. */
export async function downloadEvidence(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
): Promise<EvidenceDownload> {
  const row = await visible(deps, scope, id);
  if (row.kind !== 'file' || row.fileId === null) {
    throw new AppError(
      'NOT_FOUND',
      `Evidence "${id}" is a ${row.kind}, not a file; there is nothing to download.`,
    );
  }
  const file = await store.findFileContent(deps.db, scope.dsoId, row.fileId);
  if (file === undefined) throw notFound('Evidence file', row.fileId);
  const bytes = Buffer.from(file.content);
  if (sha256(bytes) !== row.sha256 || file.sha256 !== row.sha256) {
    deps.log.error({ evidenceId: id, fileId: row.fileId }, 'evidence file failed its integrity check');
    throw new AppError(
      'EVIDENCE_INTEGRITY_FAILED',
      `The stored file of evidence "${id}" no longer matches the SHA-256 recorded at upload; it was not served.`,
    );
  }
  // Who took a file out is part of the evidence trail.
  await audit.record(deps.db, {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action: 'evidence.download',
    resourceType: 'evidence',
    resourceId: id,
    occurredAt: deps.clock.now().toISOString(),
    detail: { bytes: bytes.length },
  });
  return {
    fileName: row.fileName ?? 'evidence',
    mediaType: row.mediaType ?? 'application/octet-stream',
    bytes,
  };
}

/** Marks evidence rejected or superseded with a reason; nothing is deleted (kept until retainUntil). */
export async function withdrawEvidence(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: WithdrawEvidenceInput,
): Promise<EvidenceView> {
  const row = await changeable(deps, scope, id);
  if (row.status !== 'active') {
    throw new AppError('CONFLICT', `Evidence "${id}" was already withdrawn (${row.status}).`);
  }
  const now = deps.clock.now().toISOString();
  const actor = scope.actor ?? systemActor;
  const changes = {
    status: input.status,
    withdrawnReason: input.reason,
    withdrawnBy: actor.id ?? actor.label,
    withdrawnAt: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await store.updateEvidence(trx, scope.dsoId, id, changes);
    await audit.record(trx, {
      dsoId: scope.dsoId,
      actor,
      action: 'evidence.withdraw',
      resourceType: 'evidence',
      resourceId: id,
      occurredAt: now,
      changedFields: ['status', 'withdrawnAt', 'withdrawnBy', 'withdrawnReason'],
    });
  });
  return getEvidence(deps, scope, id);
}

/** Changes owner, reviewer, title, description or expiry, or marks the evidence reviewed. */
export async function updateEvidence(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: UpdateEvidenceInput,
): Promise<EvidenceView> {
  const row = await changeable(deps, scope, id);
  const now = deps.clock.now().toISOString();
  const changes: Partial<store.EvidenceRow> = {};
  if (input.title !== undefined) changes.title = input.title;
  if (input.description !== undefined) changes.description = input.description;
  if (input.expiresAt !== undefined) {
    const expiresAt = expiryInstant(input.expiresAt);
    if (expiresAt <= `${row.effectiveDate}T00:00:00.000Z`) {
      throw fieldError(
        'expiresAt',
        'before_effective',
        `${input.expiresAt} is not after the effective date ${row.effectiveDate}`,
      );
    }
    changes.expiresAt = expiresAt;
    // A new expiry starts the reminders over.
    changes.remindersSent = '[]';
  }
  if (input.ownerUserId !== undefined) {
    if (input.ownerUserId !== null) await requireUser(deps, scope.dsoId, input.ownerUserId, 'ownerUserId');
    changes.ownerUserId = input.ownerUserId;
  }
  if (input.reviewerUserId !== undefined) {
    if (input.reviewerUserId !== null)
      await requireUser(deps, scope.dsoId, input.reviewerUserId, 'reviewerUserId');
    changes.reviewerUserId = input.reviewerUserId;
  }
  if (input.reviewed === true) {
    changes.reviewedAt = now;
    if (scope.actor?.type === 'user' && scope.actor.id !== null && input.reviewerUserId === undefined) {
      changes.reviewerUserId = scope.actor.id;
    }
  }
  if (Object.keys(changes).length > 0) {
    await deps.db.transaction().execute(async (trx) => {
      await store.updateEvidence(trx, scope.dsoId, id, changes);
      await audit.record(trx, {
        dsoId: scope.dsoId,
        actor: scope.actor ?? systemActor,
        action: 'evidence.update',
        resourceType: 'evidence',
        resourceId: id,
        occurredAt: now,
        changedFields: Object.keys(changes).sort(),
      });
    });
  }
  return getEvidence(deps, scope, id);
}
