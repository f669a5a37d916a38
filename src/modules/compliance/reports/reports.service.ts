import { type Scope, type ServiceDeps, systemActor } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import * as audit from '../../audit/index.ts';
import { computeHeatmap } from '../assessment/index.ts';
import { latestSignals, listControlStatuses } from '../controls/index.ts';
import {
  deriveInsuranceAnswers,
  type InsuranceAnswer,
  insuranceQuestions,
  type VendorEvidence,
} from './insurance.ts';
import { buildReportData, type ControlInput, type ReportData, type SignOffView } from './report.data.ts';
import * as store from './reports.store.ts';

/**
 * The report for a download (web or API): loaded like `loadReport`, and the export is written to the audit trail
 * (`compliance.report.export`, resource the format) so an auditor can see who took the risk analysis out.
 */
export async function exportReport(
  deps: ServiceDeps,
  scope: Scope,
  format: 'pdf' | 'csv',
): Promise<ReportData> {
  const data = await loadReport(deps, scope);
  await audit.record(deps.db, {
    dsoId: scope.dsoId,
    actor: scope.actor ?? systemActor,
    action: 'compliance.report.export',
    resourceType: 'report',
    resourceId: format,
    occurredAt: deps.clock.now().toISOString(),
    detail: { practices: data.content.practices.length },
  });
  return data;
}

/** Loads everything the report needs within the caller's scope and builds it. */
export async function loadReport(deps: ServiceDeps, scope: Scope): Promise<ReportData> {
  const dso = await store.findDso(deps.db, scope.dsoId);
  if (!dso) throw new AppError('NOT_FOUND', `DSO "${scope.dsoId}" was not found.`);
  const practiceIds = scope.practiceIds ?? null;
  const [heatmap, names, risks, tasks, controls, signOffs] = await Promise.all([
    computeHeatmap(deps, scope),
    store.namesOf(deps.db, scope.dsoId),
    store.listOpenRisks(deps.db, scope.dsoId, practiceIds),
    store.listActiveTasks(deps.db, scope.dsoId, practiceIds),
    listControlStatuses(deps, scope),
    store.listSignOffs(deps.db, scope.dsoId, 1),
  ]);
  return buildReportData({
    dso,
    generatedAt: deps.clock.now().toISOString(),
    practiceIds,
    heatmap,
    ...names,
    risks,
    tasks,
    controls: controls.map(
      (c): ControlInput => ({
        id: c.id,
        title: c.title,
        category: c.category,
        status: c.status,
        reason: c.reason,
        nextExpiry: c.nextExpiry,
      }),
    ),
    latestSignOff: signOffs[0] ?? null,
  });
}

export interface SignOffInput {
  readonly signerTitle: string;
  readonly statement: string;
}

/**
 * The security official signs the risk analysis off: records who, when, the statement and the SHA-256 of the
 * report's data (canonical JSON), so a later report shows whether the data changed since. Audited.
 */
export async function signOffReport(
  deps: ServiceDeps,
  scope: Scope,
  input: SignOffInput,
): Promise<SignOffView> {
  const actor = scope.actor;
  if (!actor) throw new AppError('VALIDATION_FAILED', 'A sign-off needs a signed-in signer.');
  // The whole DSO's report is what is signed, whatever practices the signer's account lists.
  const report = await loadReport(deps, { dsoId: scope.dsoId, actor });
  const signedAt = deps.clock.now().toISOString();
  const userId = actor.type === 'user' ? actor.id : null;
  const signerName =
    (userId === null ? undefined : await store.userDisplayName(deps.db, scope.dsoId, userId)) ?? actor.label;
  const row = {
    id: newId(),
    dsoId: scope.dsoId,
    userId,
    signerName,
    signerTitle: input.signerTitle.trim(),
    statement: input.statement.trim(),
    contentSha256: report.contentSha256,
    signedAt,
  };
  await deps.db.transaction().execute(async (trx) => {
    await store.insertSignOff(trx, row);
    await audit.record(trx, {
      dsoId: scope.dsoId,
      actor,
      action: 'riskAnalysisSignOffs.create',
      resourceType: 'riskAnalysisSignOff',
      resourceId: row.id,
      occurredAt: signedAt,
      changedFields: ['signerTitle', 'statement', 'contentSha256'],
    });
  });
  const { dsoId: _dsoId, userId: _userId, ...view } = row;
  return view;
}

export interface SignOffHistory {
  readonly items: SignOffView[];
  /** The hash of the report's data now. */
  readonly currentSha256: string;
  /** Null before any sign-off; true when the data differs from the latest sign-off. */
  readonly changedSinceSignOff: boolean | null;
}

export async function listSignOffHistory(deps: ServiceDeps, scope: Scope): Promise<SignOffHistory> {
  const [items, report] = await Promise.all([
    store.listSignOffs(deps.db, scope.dsoId, 200),
    loadReport(deps, { dsoId: scope.dsoId, ...(scope.actor ? { actor: scope.actor } : {}) }),
  ]);
  return {
    items,
    currentSha256: report.contentSha256,
    changedSinceSignOff: report.signOff.changedSinceSignOff,
  };
}

export interface InsuranceView {
  readonly version: string;
  readonly generatedAt: string;
  readonly summary: Readonly<Record<InsuranceAnswer['suggested'], number>> & { readonly warnings: number };
  readonly questions: InsuranceAnswer[];
}

/** The DSO's vendors with ePHI access and whether each has a signed BAA that has not passed its renewal date. */
export function vendorEvidence(
  rows: readonly store.VendorBaaRow[],
  today: string,
  withNames = true,
): VendorEvidence {
  const withEphi = rows.filter((row) => row.ephiAccess !== 'none');
  const covered = (row: store.VendorBaaRow) =>
    row.baaStatus === 'signed' && (row.baaRenewalDate === null || row.baaRenewalDate >= today);
  return {
    withEphi: withEphi.length,
    signed: withEphi.filter(covered).length,
    // A practice manager learns how many BAAs are missing, not the DSO's vendor names.
    missing: withEphi
      .filter((row) => !covered(row))
      .map((row, i) => (withNames ? row.name : `vendor ${i + 1}`)),
  };
}

/** The insurer's questions answered from the DSO's live evidence (controls, signals, vendor register). */
export async function insuranceView(deps: ServiceDeps, scope: Scope): Promise<InsuranceView> {
  const now = deps.clock.now();
  const [controls, signals, vendors] = await Promise.all([
    listControlStatuses(deps, scope),
    latestSignals(deps, scope),
    store.listVendorBaas(deps.db, scope.dsoId),
  ]);
  const questions = deriveInsuranceAnswers({
    controls,
    signals,
    vendors: vendorEvidence(vendors, now.toISOString().slice(0, 10), scope.practiceIds == null),
  });
  const summary = { yes: 0, partly: 0, no: 0, unknown: 0, warnings: 0 };
  for (const question of questions) {
    summary[question.suggested] += 1;
    summary.warnings += question.warnings.length;
  }
  return { version: insuranceQuestions().version, generatedAt: now.toISOString(), summary, questions };
}
