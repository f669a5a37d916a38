import { isoDate } from '../../../platform/clock.ts';
import { inPracticeScope, type Scope, type ServiceDeps } from '../../../platform/context.ts';
import { toPage } from '../../../platform/db/page.ts';
import { decodeCursor } from '../../../platform/db/pagination.ts';
import { AppError, notFound } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { type Rating, rateResidual, rateRisk, ratings, riskLevels } from './risk-rating.ts';
import { presentRisk } from './risks.present.ts';
import {
  assertOwner,
  assertPractice,
  auditInput,
  invalid,
  loadViewContext,
  oneYearAfter,
} from './risks.rules.ts';
import type {
  AcceptRiskInput,
  CreateRiskInput,
  ListRisksQuery,
  RiskMatrix,
  RiskView,
  UpdateRiskInput,
} from './risks.schema.ts';
import * as store from './risks.store.ts';

const sortName = 'level';

export async function listRisks(deps: ServiceDeps, scope: Scope, query: ListRisksQuery) {
  const today = isoDate(deps.clock.now());
  const { status, limit, cursor, ...filters } = query;
  const rows = await store.listRiskRows(
    deps.db,
    scope.dsoId,
    {
      ...filters,
      practiceIds: scope.practiceIds ?? null,
      ...(status === 'acceptance_expired' ? { acceptanceExpiredBefore: today } : { status }),
    },
    limit,
    decodeCursor(cursor, sortName),
  );
  const context = await loadViewContext(deps, scope, rows.slice(0, limit), today);
  return toPage(rows, limit, sortName, store.riskSortValue, (row) => presentRisk(row, context));
}

/** The risk if the scope reaches it: a practice manager sees their practices' risks and DSO-wide ones. */
async function findVisibleRisk(deps: ServiceDeps, scope: Scope, id: string) {
  const row = await store.findRisk(deps.db, scope.dsoId, id);
  if (!row || (row.practiceId !== null && !inPracticeScope(scope, row.practiceId))) {
    throw notFound('Risk', id);
  }
  return row;
}

/** DSO-wide risks are read-only for a practice manager. */
async function findEditableRisk(deps: ServiceDeps, scope: Scope, id: string) {
  const row = await findVisibleRisk(deps, scope, id);
  if (row.practiceId === null && scope.practiceIds) {
    throw new AppError(
      'AUTH_FORBIDDEN',
      `Risk "${id}" applies to the whole DSO; only DSO-level roles change it.`,
    );
  }
  return row;
}

export async function getRisk(deps: ServiceDeps, scope: Scope, id: string): Promise<RiskView> {
  const row = await findVisibleRisk(deps, scope, id);
  const context = await loadViewContext(deps, scope, [row], isoDate(deps.clock.now()));
  return presentRisk(row, context);
}

function refuseAcceptTreatment(treatment: string | null | undefined, current: string | null): void {
  if (treatment === 'accept' && current !== 'accept') {
    throw invalid(
      'treatment',
      'needs_approval',
      'accepting a risk needs the accept action, with an approver, a reason and an expiry.',
    );
  }
}

export async function createRisk(deps: ServiceDeps, scope: Scope, input: CreateRiskInput): Promise<RiskView> {
  refuseAcceptTreatment(input.treatment, null);
  await assertPractice(deps, scope, input.practiceId);
  await assertOwner(deps, scope, input.ownerUserId);
  const stamp = deps.clock.now().toISOString();
  const residualLikelihood = input.residualLikelihood ?? null;
  const residualImpact = input.residualImpact ?? null;
  const row: store.RiskRow = {
    id: newId(),
    dsoId: scope.dsoId,
    practiceId: input.practiceId ?? null,
    title: input.title,
    threat: input.threat,
    vulnerability: input.vulnerability,
    assetGroup: input.assetGroup,
    likelihood: input.likelihood,
    impact: input.impact,
    level: rateRisk(input.likelihood, input.impact),
    status: input.status ?? 'open',
    source: 'manual',
    sourceRef: null,
    ownerUserId: input.ownerUserId ?? null,
    treatment: input.treatment ?? null,
    treatmentNote: input.treatmentNote ?? null,
    residualLikelihood,
    residualImpact,
    residualLevel: rateResidual(residualLikelihood, residualImpact),
    nextReviewDate: input.nextReviewDate ?? null,
    acceptedBy: null,
    acceptedReason: null,
    acceptedUntil: null,
    acceptedAt: null,
    sourceResolvedAt: null,
    createdAt: stamp,
    updatedAt: stamp,
  };
  await deps.db.transaction().execute(async (trx) => {
    await store.insertRisk(trx, row);
    await audit.record(
      trx,
      auditInput(scope, 'risks.create', 'risk', row.id, stamp, { changedFields: audit.fieldNames(input) }),
    );
  });
  return getRisk(deps, scope, row.id);
}

export async function updateRisk(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: UpdateRiskInput,
): Promise<RiskView> {
  const current = await findEditableRisk(deps, scope, id);
  refuseAcceptTreatment(input.treatment, current.treatment);
  await assertOwner(deps, scope, input.ownerUserId);
  const pick = <K extends keyof UpdateRiskInput & keyof store.RiskRow>(key: K) =>
    input[key] === undefined ? current[key] : (input[key] as store.RiskRow[K]);
  const likelihood = pick('likelihood') as Rating;
  const impact = pick('impact') as Rating;
  const residualLikelihood = pick('residualLikelihood') as Rating | null;
  const residualImpact = pick('residualImpact') as Rating | null;
  const treatment = pick('treatment');
  // Choosing another treatment withdraws the acceptance.
  const acceptance =
    treatment === 'accept'
      ? {}
      : { acceptedBy: null, acceptedReason: null, acceptedUntil: null, acceptedAt: null };
  const stamp = deps.clock.now().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await store.updateRiskRow(trx, scope.dsoId, id, {
      title: pick('title'),
      threat: pick('threat'),
      vulnerability: pick('vulnerability'),
      assetGroup: pick('assetGroup'),
      likelihood,
      impact,
      level: rateRisk(likelihood, impact),
      residualLikelihood,
      residualImpact,
      residualLevel: rateResidual(residualLikelihood, residualImpact),
      ownerUserId: pick('ownerUserId'),
      treatment,
      treatmentNote: pick('treatmentNote'),
      nextReviewDate: pick('nextReviewDate'),
      status: pick('status'),
      ...acceptance,
      updatedAt: stamp,
    });
    await audit.record(
      trx,
      auditInput(scope, 'risks.update', 'risk', id, stamp, { changedFields: audit.fieldNames(input) }),
    );
  });
  return getRisk(deps, scope, id);
}

/** Accepting records the signed-in approver, a reason and an expiry at most a year ahead. */
export async function acceptRisk(
  deps: ServiceDeps,
  scope: Scope,
  id: string,
  input: AcceptRiskInput,
): Promise<RiskView> {
  const current = await findEditableRisk(deps, scope, id);
  if (scope.actor?.type !== 'user') {
    throw invalid('approver', 'required', 'a signed-in security official must accept the risk.');
  }
  const now = deps.clock.now();
  const today = isoDate(now);
  if (input.expiresOn <= today) {
    throw invalid('expiresOn', 'not_future', `must be after today (${today}).`);
  }
  const latest = oneYearAfter(today);
  if (input.expiresOn > latest) {
    throw invalid('expiresOn', 'too_far', `must be at most one year ahead (${latest} at the latest).`);
  }
  if (current.status === 'closed') {
    throw new AppError('CONFLICT', `Risk "${id}" is closed; reopen it before accepting it.`);
  }
  const stamp = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    await store.updateRiskRow(trx, scope.dsoId, id, {
      treatment: 'accept',
      status: 'open',
      acceptedBy: scope.actor?.label ?? '',
      acceptedReason: input.reason,
      acceptedUntil: input.expiresOn,
      acceptedAt: stamp,
      updatedAt: stamp,
    });
    await audit.record(
      trx,
      auditInput(scope, 'risks.accept', 'risk', id, stamp, {
        changedFields: ['acceptedBy', 'acceptedReason', 'acceptedUntil', 'treatment'],
      }),
    );
  });
  return getRisk(deps, scope, id);
}

function emptySide() {
  return {
    cells: ratings.flatMap((likelihood) =>
      ratings.map((impact) => ({ likelihood, impact, level: rateRisk(likelihood, impact), count: 0 })),
    ),
    levels: Object.fromEntries(riskLevels.map((l) => [l, 0])) as RiskMatrix['inherent']['levels'],
    unrated: 0,
  };
}

function count(side: ReturnType<typeof emptySide>, likelihood: string | null, impact: string | null): void {
  const cell = side.cells.find((c) => c.likelihood === likelihood && c.impact === impact);
  if (!cell) {
    side.unrated += 1;
    return;
  }
  cell.count += 1;
  side.levels[cell.level] += 1;
}

/** Counts of risks that are not closed per likelihood x impact cell and per level, inherent and residual. */
export async function riskMatrix(deps: ServiceDeps, scope: Scope, practiceId?: string): Promise<RiskMatrix> {
  const rows = await store.matrixRows(deps.db, scope.dsoId, scope.practiceIds ?? null, practiceId);
  const inherent = emptySide();
  const residual = emptySide();
  for (const row of rows) {
    count(inherent, row.likelihood, row.impact);
    count(residual, row.residualLikelihood, row.residualImpact);
  }
  return { total: rows.length, inherent, residual };
}

/** Who may own a risk or task: active users of the DSO except auditors. */
export async function listOwnerOptions(deps: ServiceDeps, scope: Scope) {
  return { items: await store.ownerCandidates(deps.db, scope.dsoId) };
}
