import type { Scope } from '../../../platform/context.ts';
import { findControl } from '../controls/index.ts';
import type { Rating, RiskLevel } from './risk-rating.ts';
import type { RiskState, RiskStatus, RiskView, TaskStatus, TaskView, Treatment } from './risks.schema.ts';
import type { RiskRow, TaskRow } from './risks.store.ts';

export interface Owner {
  readonly id: string;
  readonly displayName: string;
  readonly email: string;
}

/** What views need besides the row: today's date, owners and practice names by id, the caller's scope. */
export interface ViewContext {
  readonly today: string;
  readonly scope: Scope;
  readonly owners: ReadonlyMap<string, Owner>;
  readonly practices: ReadonlyMap<string, string>;
}

export function isAcceptanceExpired(row: RiskRow, today: string): boolean {
  return (
    row.status !== 'closed' &&
    row.treatment === 'accept' &&
    row.acceptedUntil !== null &&
    row.acceptedUntil < today
  );
}

function stateOf(row: RiskRow, today: string): RiskState {
  if (row.status === 'closed') return 'closed';
  if (row.treatment === 'accept' && row.acceptedUntil !== null) {
    return isAcceptanceExpired(row, today) ? 'acceptance_expired' : 'accepted';
  }
  return row.status as RiskState;
}

function ownerOf(id: string | null, owners: ReadonlyMap<string, Owner>) {
  const owner = id === null ? undefined : owners.get(id);
  return owner ? { id: owner.id, displayName: owner.displayName, email: owner.email } : null;
}

export function presentRisk(row: RiskRow, context: ViewContext): RiskView {
  const { today, scope } = context;
  const expired = isAcceptanceExpired(row, today);
  const closeSuggested = row.sourceResolvedAt !== null && row.status !== 'closed';
  const reviewDue = row.status !== 'closed' && row.nextReviewDate !== null && row.nextReviewDate <= today;
  return {
    id: row.id,
    practiceId: row.practiceId,
    practiceName: row.practiceId === null ? null : (context.practices.get(row.practiceId) ?? null),
    title: row.title,
    threat: row.threat,
    vulnerability: row.vulnerability,
    assetGroup: row.assetGroup,
    likelihood: row.likelihood as Rating,
    impact: row.impact as Rating,
    level: row.level as RiskLevel,
    residualLikelihood: row.residualLikelihood as Rating | null,
    residualImpact: row.residualImpact as Rating | null,
    residualLevel: row.residualLevel as RiskLevel | null,
    status: row.status as RiskStatus,
    state: stateOf(row, today),
    source: row.source,
    sourceRef: row.sourceRef,
    ownerUserId: row.ownerUserId,
    owner: ownerOf(row.ownerUserId, context.owners),
    treatment: row.treatment as Treatment | null,
    treatmentNote: row.treatmentNote,
    nextReviewDate: row.nextReviewDate,
    acceptance:
      row.treatment === 'accept' && row.acceptedBy !== null
        ? {
            approver: row.acceptedBy,
            reason: row.acceptedReason ?? '',
            expiresOn: row.acceptedUntil ?? '',
            acceptedAt: row.acceptedAt ?? '',
          }
        : null,
    closeSuggested,
    sourceResolvedAt: row.sourceResolvedAt,
    needsReview: expired || reviewDue || closeSuggested,
    editable: row.practiceId !== null || !scope.practiceIds,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function parseIds(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function isOverdue(row: TaskRow, today: string): boolean {
  return (row.status === 'open' || row.status === 'in_progress') && row.dueDate < today;
}

export interface TaskContext extends ViewContext {
  readonly risks: ReadonlyMap<string, { id: string; title: string; level: string }>;
}

export function presentTask(row: TaskRow, context: TaskContext): TaskView {
  const riskIds = parseIds(row.riskIds);
  const controlIds = parseIds(row.controlIds);
  return {
    id: row.id,
    practiceId: row.practiceId,
    practiceName: row.practiceId === null ? null : (context.practices.get(row.practiceId) ?? null),
    title: row.title,
    description: row.description,
    ownerUserId: row.ownerUserId,
    owner: ownerOf(row.ownerUserId, context.owners),
    dueDate: row.dueDate,
    status: row.status as TaskStatus,
    overdue: isOverdue(row, context.today),
    riskIds,
    risks: riskIds.flatMap((id) => {
      const risk = context.risks.get(id);
      return risk ? [{ id: risk.id, title: risk.title, level: risk.level }] : [];
    }),
    controlIds,
    controls: controlIds.map((id) => ({ id, title: findControl(id)?.title ?? id })),
    completedAt: row.completedAt,
    lastReminderAt: row.lastReminderAt,
    escalatedAt: row.escalatedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
