import { isoDate } from '../../../platform/clock.ts';
import { inPracticeScope, type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import type { VendorTable } from '../../../platform/db/schema.ts';
import { AppError, type ErrorIssue, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { vendorProblems, vendorWarnings } from './vendors.rules.ts';
import type { CreateVendorInput, ListVendorsQuery, UpdateVendorInput, VendorView } from './vendors.schema.ts';

function practicesOf(row: VendorTable): string[] | null {
  return row.practiceIds === null ? null : (JSON.parse(row.practiceIds) as string[]);
}

/** A practice manager sees the vendors that serve one of their practices (a vendor of every practice does). */
function isVisible(scope: Scope, row: VendorTable): boolean {
  const practices = practicesOf(row);
  return !scope.practiceIds || practices === null || practices.some((id) => inPracticeScope(scope, id));
}

/** ...and changes only those that serve their practices alone. */
function assertWritable(scope: Scope, practiceIds: readonly string[] | null): void {
  if (!scope.practiceIds) return;
  if (practiceIds === null || !practiceIds.every((id) => inPracticeScope(scope, id))) {
    throw new AppError(
      'AUTH_FORBIDDEN',
      'This vendor serves practices outside yours: ask a DSO administrator or the security official to change it.',
    );
  }
}

function present(scope: Scope, row: VendorTable, today: string): VendorView {
  const practices = practicesOf(row);
  return {
    id: row.id,
    name: row.name,
    category: row.category as VendorView['category'],
    services: row.services,
    website: row.website,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    practiceIds: practices === null ? null : practices.filter((id) => inPracticeScope(scope, id)),
    ephiAccess: row.ephiAccess as VendorView['ephiAccess'],
    baaStatus: row.baaStatus as VendorView['baaStatus'],
    baaSignedDate: row.baaSignedDate,
    baaRenewalDate: row.baaRenewalDate,
    subprocessors: JSON.parse(row.subprocessors) as string[],
    lastSecurityReviewDate: row.lastSecurityReviewDate,
    safeguardsVerifiedDate: row.safeguardsVerifiedDate,
    notes: row.notes,
    retired: row.retiredAt !== null,
    retiredAt: row.retiredAt,
    warnings: row.retiredAt === null ? vendorWarnings(row, today) : [],
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function listVendors(deps: ServiceDeps, scope: Scope, query: ListVendorsQuery) {
  const today = isoDate(deps.clock.now());
  let builder = deps.db.selectFrom('vendors').selectAll().where('dsoId', '=', scope.dsoId);
  if (!query.includeRetired) builder = builder.where('retiredAt', 'is', null);
  if (query.category) builder = builder.where('category', '=', query.category);
  if (query.baaStatus) builder = builder.where('baaStatus', '=', query.baaStatus);
  const rows = await builder.orderBy('name').orderBy('id').execute();
  const items = rows
    .filter((row) => isVisible(scope, row))
    .filter((row) => {
      const practices = practicesOf(row);
      return !query.practiceId || practices === null || practices.includes(query.practiceId);
    })
    .map((row) => present(scope, row, today))
    .filter((vendor) => !query.warning || vendor.warnings.some((warning) => warning.code === query.warning));
  return {
    items,
    counts: {
      total: items.length,
      withWarnings: items.filter((vendor) => vendor.warnings.length > 0).length,
    },
  };
}

async function findVisible(deps: ServiceDeps, scope: Scope, id: string) {
  const row = await deps.db
    .selectFrom('vendors')
    .selectAll()
    .where('dsoId', '=', scope.dsoId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || !isVisible(scope, row)) throw notFound('Vendor', id);
  return row;
}

export async function getVendor(deps: ServiceDeps, scope: Scope, id: string): Promise<VendorView> {
  return present(scope, await findVisible(deps, scope, id), isoDate(deps.clock.now()));
}

async function practiceIssues(
  deps: ServiceDeps,
  scope: Scope,
  ids: readonly string[],
): Promise<ErrorIssue[]> {
  if (ids.length === 0) return [];
  const found = new Set(
    (
      await deps.db
        .selectFrom('practices')
        .select('id')
        .where('dsoId', '=', scope.dsoId)
        .where('id', 'in', [...new Set(ids)])
        .execute()
    ).map((row) => row.id),
  );
  return ids.flatMap((id, index) =>
    found.has(id) && inPracticeScope(scope, id)
      ? []
      : [
          {
            path: ['body', 'practiceIds', index],
            code: 'not_found',
            message: `practiceIds: Practice "${id}" was not found.`,
          },
        ],
  );
}

function fail(issues: readonly ErrorIssue[]): void {
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', (issues[0] as ErrorIssue).message, issues);
}

function vendorAudit(scope: Scope, action: string, id: string, at: string, input: object): audit.AuditInput {
  return {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action,
    resourceType: 'vendor',
    resourceId: id,
    occurredAt: at,
    changedFields: audit.fieldNames(input),
  };
}

export async function createVendor(
  deps: ServiceDeps,
  scope: Scope,
  input: CreateVendorInput,
): Promise<VendorView> {
  const today = isoDate(deps.clock.now());
  const practiceIds = input.practiceIds ?? (scope.practiceIds ? [...scope.practiceIds] : null);
  const issues = [
    ...(await practiceIssues(deps, scope, practiceIds ?? [])),
    ...vendorProblems(
      {
        ephiAccess: input.ephiAccess,
        baaStatus: input.baaStatus,
        baaSignedDate: input.baaSignedDate ?? null,
        baaRenewalDate: input.baaRenewalDate ?? null,
        lastSecurityReviewDate: input.lastSecurityReviewDate ?? null,
        safeguardsVerifiedDate: input.safeguardsVerifiedDate ?? null,
      },
      today,
    ),
  ];
  fail(issues);
  assertWritable(scope, practiceIds);
  const stamp = deps.clock.now().toISOString();
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('vendors')
      .values({
        id,
        dsoId: scope.dsoId,
        name: input.name,
        category: input.category,
        services: input.services ?? null,
        website: input.website ?? null,
        contactName: input.contactName ?? null,
        contactEmail: input.contactEmail ?? null,
        practiceIds: practiceIds === null ? null : JSON.stringify([...new Set(practiceIds)]),
        ephiAccess: input.ephiAccess,
        baaStatus: input.baaStatus,
        baaSignedDate: input.baaSignedDate ?? null,
        baaRenewalDate: input.baaRenewalDate ?? null,
        subprocessors: JSON.stringify(input.subprocessors ?? []),
        lastSecurityReviewDate: input.lastSecurityReviewDate ?? null,
        safeguardsVerifiedDate: input.safeguardsVerifiedDate ?? null,
        notes: input.notes ?? null,
        retiredAt: null,
        createdAt: stamp,
        updatedAt: stamp,
      })
      .execute();
    await audit.record(trx, vendorAudit(scope, 'vendors.create', id, stamp, input));
  });
  return getVendor(deps, scope, id);
}

function pick<T>(next: T | undefined, current: T): T {
  return next === undefined ? current : next;
}

export async function updateVendor(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: UpdateVendorInput,
): Promise<VendorView> {
  const row = await findVisible(deps, scope, id);
  assertWritable(scope, practicesOf(row));
  const now = deps.clock.now();
  const today = isoDate(now);
  const merged = {
    ephiAccess: pick(input.ephiAccess, row.ephiAccess),
    baaStatus: pick(input.baaStatus, row.baaStatus),
    baaSignedDate: pick(input.baaSignedDate, row.baaSignedDate),
    baaRenewalDate: pick(input.baaRenewalDate, row.baaRenewalDate),
    lastSecurityReviewDate: pick(input.lastSecurityReviewDate, row.lastSecurityReviewDate),
    safeguardsVerifiedDate: pick(input.safeguardsVerifiedDate, row.safeguardsVerifiedDate),
  };
  // Only the dates the caller sends are checked against today: an old record stays editable.
  const problems = vendorProblems(merged, today).filter(
    (issue) => issue.code !== 'in_future' || input[issue.path?.[1] as keyof UpdateVendorInput] !== undefined,
  );
  fail([...(input.practiceIds ? await practiceIssues(deps, scope, input.practiceIds) : []), ...problems]);
  if (input.practiceIds !== undefined) assertWritable(scope, input.practiceIds);
  const stamp = now.toISOString();
  const { retired, practiceIds, subprocessors, ...fields } = input;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('vendors')
      .set({
        ...fields,
        ...(practiceIds !== undefined
          ? { practiceIds: practiceIds === null ? null : JSON.stringify([...new Set(practiceIds)]) }
          : {}),
        ...(subprocessors !== undefined ? { subprocessors: JSON.stringify(subprocessors) } : {}),
        ...(retired !== undefined ? { retiredAt: retired ? (row.retiredAt ?? stamp) : null } : {}),
        updatedAt: stamp,
      })
      .where('dsoId', '=', scope.dsoId)
      .where('id', '=', id)
      .execute();
    const action = retired === true && !row.retiredAt ? 'vendors.retire' : 'vendors.update';
    await audit.record(trx, vendorAudit(scope, action, id, stamp, input));
  });
  return getVendor(deps, scope, id);
}
