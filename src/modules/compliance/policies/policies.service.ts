import { createHash } from 'node:crypto';
import { versionedCache } from '../../../platform/cache/versioned-cache.ts';
import { isoDate } from '../../../platform/clock.ts';
import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/index.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { addMonths } from './dates.ts';
import { presentPolicy, presentVersion } from './policies.present.ts';
import {
  type CreatePolicyInput,
  type CreateVersionInput,
  type ListPoliciesQuery,
  maxPolicyBodyBytes,
  type PolicyDetail,
  type PolicyView,
  type UpdatePolicyInput,
} from './policies.schema.ts';
import * as store from './policies.store.ts';
import { fillTemplate, findTemplate, type PolicyCategory, policyTemplates } from './policy-templates.ts';

export function listTemplates() {
  return { items: policyTemplates().map((template) => ({ ...template, hipaa: [...template.hipaa] })) };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Policies apply to the whole DSO, so only a user who reaches every practice may change them. */
export function assertDsoWide(scope: Scope, what: string): void {
  if (scope.practiceIds) {
    throw new AppError(
      'AUTH_FORBIDDEN',
      `${what} apply to the whole DSO: only a user with access to every practice can change them.`,
    );
  }
}

function invalid(field: string, message: string, code = 'invalid'): AppError {
  return new AppError('VALIDATION_FAILED', `${field}: ${message}`, [
    { path: ['body', field], code, message },
  ]);
}

function assertBodySize(body: string): void {
  if (Buffer.byteLength(body, 'utf8') > maxPolicyBodyBytes) {
    throw invalid('body', 'must be at most 200 KB of Markdown', 'too_big');
  }
}

function policyAudit(scope: Scope, action: string, id: string, at: string, input: object): audit.AuditInput {
  return {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType: 'policy',
    resourceId: id,
    occurredAt: at,
    changedFields: audit.fieldNames(input),
  };
}

const actorLabel = (scope: Scope) => (scope.actor ?? systemActor).label;

export function listPolicies(deps: ServiceDeps, scope: Scope, query: ListPoliciesQuery) {
  const today = isoDate(deps.clock.now());
  const key = `policies:${today}:${JSON.stringify(query)}`;
  return versionedCache(deps.db).read(scope.dsoId, key, () => loadPolicies(deps.db, scope, query, today));
}

async function loadPolicies(db: Db, scope: Scope, query: ListPoliciesQuery, today: string) {
  const rows = await store.listPolicyRows(db, scope.dsoId);
  const versions = await store.versionSummaries(db, scope.dsoId);
  const owners = await ownerNames(
    db,
    scope.dsoId,
    rows.map((row) => row.ownerUserId),
  );
  const items = rows
    .map((row) =>
      presentPolicy(
        row,
        versions.filter((version) => version.policyId === row.id),
        row.ownerUserId ? (owners.get(row.ownerUserId) ?? null) : null,
        today,
      ),
    )
    .filter((policy) => !query.reviewStatus || policy.reviewStatus === query.reviewStatus)
    .filter((policy) => !query.category || policy.category === query.category);
  return { items };
}

async function ownerNames(db: Db, dsoId: string, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = await store.userNames(db, dsoId, wanted);
  return new Map(rows.map((row) => [row.id, row.displayName]));
}

export async function getPolicy(deps: ServiceDeps, scope: Scope, id: string): Promise<PolicyDetail> {
  const row = await store.findPolicy(deps.db, scope.dsoId, id);
  if (!row) throw notFound('Policy', id);
  const versions = await store.versionsOf(deps.db, scope.dsoId, id);
  const owners = await ownerNames(deps.db, scope.dsoId, [row.ownerUserId]);
  const view = presentPolicy(
    row,
    versions,
    row.ownerUserId ? (owners.get(row.ownerUserId) ?? null) : null,
    isoDate(deps.clock.now()),
  );
  return { ...view, versions: versions.map(presentVersion) };
}

async function assertOwner(db: Db, scope: Scope, ownerUserId: string | null | undefined): Promise<void> {
  if (!ownerUserId) return;
  const found = await store.userNames(db, scope.dsoId, [ownerUserId]);
  if (found.length === 0) throw invalid('ownerUserId', `User "${ownerUserId}" was not found.`, 'not_found');
}

/** What a new policy starts from: a filled template, or the caller's title and body. */
async function startingPoint(deps: ServiceDeps, scope: Scope, input: CreatePolicyInput) {
  if (input.templateId !== undefined) {
    const template = findTemplate(input.templateId);
    if (!template)
      throw invalid('templateId', `Policy template "${input.templateId}" was not found.`, 'not_found');
    const context = await store.templateContext(deps.db, scope.dsoId);
    const body = fillTemplate(template.body, {
      dso_name: context.dsoName,
      security_official: input.securityOfficial ?? context.securityOfficial ?? 'the Security Official',
    });
    return {
      templateId: template.id,
      title: input.title ?? template.title,
      category: input.category ?? template.category,
      reviewIntervalMonths: input.reviewIntervalMonths ?? template.reviewIntervalMonths,
      body,
      changeNote: `Created from the template "${template.title}".`,
    };
  }
  if (input.title === undefined || input.body === undefined) {
    const missing = input.title === undefined ? 'title' : 'body';
    throw invalid(
      missing,
      'is required for a policy that does not start from a template (or name a templateId)',
      'required',
    );
  }
  return {
    templateId: null,
    title: input.title,
    category: input.category ?? ('other' as PolicyCategory),
    reviewIntervalMonths: input.reviewIntervalMonths ?? 12,
    body: input.body,
    changeNote: 'First draft.',
  };
}

export async function createPolicy(
  deps: ServiceDeps,
  scope: Scope,
  input: CreatePolicyInput,
): Promise<PolicyDetail> {
  assertDsoWide(scope, 'Policies');
  const start = await startingPoint(deps, scope, input);
  assertBodySize(start.body);
  await assertOwner(deps.db, scope, input.ownerUserId);
  const stamp = deps.clock.now().toISOString();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await store.insertPolicy(trx, {
      id,
      dsoId: scope.dsoId,
      templateId: start.templateId,
      title: start.title,
      category: start.category,
      ownerUserId: input.ownerUserId ?? null,
      currentVersionId: null,
      reviewIntervalMonths: start.reviewIntervalMonths,
      nextReviewDate: null,
      createdAt: stamp,
      updatedAt: stamp,
    });
    await store.insertVersion(trx, {
      id: newId(),
      dsoId: scope.dsoId,
      policyId: id,
      version: 1,
      body: start.body,
      sha256: sha256Hex(start.body),
      changeNote: start.changeNote,
      status: 'draft',
      createdBy: actorLabel(scope),
      createdAt: stamp,
      approvedBy: null,
      approvedAt: null,
    });
    await audit.record(trx, policyAudit(scope, 'policies.create', id, stamp, input));
  });
  return getPolicy(deps, scope, id);
}

export async function createVersion(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: CreateVersionInput,
): Promise<PolicyDetail> {
  assertDsoWide(scope, 'Policies');
  assertBodySize(input.body);
  const row = await store.findPolicy(deps.db, scope.dsoId, id);
  if (!row) throw notFound('Policy', id);
  const stamp = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const versionId = newId();
    await store.insertVersion(trx, {
      id: versionId,
      dsoId: scope.dsoId,
      policyId: id,
      version: await store.nextVersionNumber(trx, scope.dsoId, id),
      body: input.body,
      sha256: sha256Hex(input.body),
      changeNote: input.changeNote,
      status: 'draft',
      createdBy: actorLabel(scope),
      createdAt: stamp,
      approvedBy: null,
      approvedAt: null,
    });
    await store.updatePolicyRow(trx, scope.dsoId, id, { updatedAt: stamp });
    await audit.record(trx, policyAudit(scope, 'policies.draft', id, stamp, input));
  });
  return getPolicy(deps, scope, id);
}

/** Approves a draft: it becomes the version in force, the previous one retires, the review clock restarts. */
export async function approveVersion(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  versionId: string,
): Promise<PolicyDetail> {
  assertDsoWide(scope, 'Policies');
  const row = await store.findPolicy(deps.db, scope.dsoId, id);
  if (!row) throw notFound('Policy', id);
  const versions = await store.versionsOf(deps.db, scope.dsoId, id);
  const version = versions.find((candidate) => candidate.id === versionId);
  if (!version) throw notFound('Policy version', versionId);
  if (version.status !== 'draft') {
    throw new AppError(
      'CONFLICT',
      `Version ${version.version} is ${version.status}: only a draft can be approved.`,
    );
  }
  const current = versions.find((candidate) => candidate.id === row.currentVersionId);
  if (current && current.version > version.version) {
    throw new AppError(
      'CONFLICT',
      `Version ${version.version} is older than version ${current.version}, which is in force: write a new draft instead.`,
    );
  }
  const now = deps.clock.now();
  const stamp = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (current) await store.updateVersionRow(trx, scope.dsoId, current.id, { status: 'retired' });
    await store.updateVersionRow(trx, scope.dsoId, versionId, {
      status: 'approved',
      approvedBy: actorLabel(scope),
      approvedAt: stamp,
    });
    await store.updatePolicyRow(trx, scope.dsoId, id, {
      currentVersionId: versionId,
      nextReviewDate: addMonths(isoDate(now), row.reviewIntervalMonths),
      updatedAt: stamp,
    });
    await audit.record(trx, {
      ...policyAudit(scope, 'policies.approve', id, stamp, {}),
      detail: { version: version.version },
    });
  });
  return getPolicy(deps, scope, id);
}

export async function updatePolicy(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: UpdatePolicyInput,
): Promise<PolicyView> {
  assertDsoWide(scope, 'Policies');
  const row = await store.findPolicy(deps.db, scope.dsoId, id);
  if (!row) throw notFound('Policy', id);
  await assertOwner(deps.db, scope, input.ownerUserId);
  const stamp = deps.clock.now().toISOString();
  const interval = input.reviewIntervalMonths ?? row.reviewIntervalMonths;
  const approvedAt = (await store.versionsOf(deps.db, scope.dsoId, id)).find(
    (version) => version.id === row.currentVersionId,
  )?.approvedAt;
  await deps.db.transaction().execute(async (trx) => {
    await store.updatePolicyRow(trx, scope.dsoId, id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.category !== undefined ? { category: input.category } : {}),
      ...(input.ownerUserId !== undefined ? { ownerUserId: input.ownerUserId } : {}),
      reviewIntervalMonths: interval,
      // A new interval counts from the approval of the version in force.
      nextReviewDate: approvedAt ? addMonths(approvedAt.slice(0, 10), interval) : null,
      updatedAt: stamp,
    });
    await audit.record(trx, policyAudit(scope, 'policies.update', id, stamp, input));
  });
  const { versions: _versions, ...view } = await getPolicy(deps, scope, id);
  return view;
}
