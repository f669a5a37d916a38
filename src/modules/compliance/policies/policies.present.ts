import type { PolicyTable, PolicyVersionTable } from '../../../platform/db/schema.ts';
import { reviewStatusOf } from './policies.rules.ts';
import type { PolicyVersionView, PolicyView } from './policies.schema.ts';
import type { PolicyCategory } from './policy-templates.ts';
import { findTemplate } from './policy-templates.ts';

type VersionStatus = PolicyVersionView['status'];
export interface VersionSummaryRow {
  id: string;
  policyId: string;
  version: number;
  status: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export function presentPolicy(
  row: PolicyTable,
  versions: readonly VersionSummaryRow[],
  ownerName: string | null,
  today: string,
): PolicyView {
  const current = versions.find((version) => version.id === row.currentVersionId);
  const latest = versions.reduce<VersionSummaryRow | undefined>(
    (top, version) => (top === undefined || version.version > top.version ? version : top),
    undefined,
  );
  return {
    id: row.id,
    templateId: row.templateId,
    title: row.title,
    category: row.category as PolicyCategory,
    hipaa: row.templateId ? [...(findTemplate(row.templateId)?.hipaa ?? [])] : [],
    ownerUserId: row.ownerUserId,
    ownerName,
    reviewIntervalMonths: row.reviewIntervalMonths,
    nextReviewDate: row.nextReviewDate,
    reviewStatus: reviewStatusOf(row.nextReviewDate, today),
    currentVersion: current
      ? {
          id: current.id,
          version: current.version,
          status: current.status as VersionStatus,
          approvedBy: current.approvedBy,
          approvedAt: current.approvedAt,
        }
      : null,
    latestVersion: latest
      ? { id: latest.id, version: latest.version, status: latest.status as VersionStatus }
      : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function presentVersion(row: PolicyVersionTable): PolicyVersionView {
  return {
    id: row.id,
    policyId: row.policyId,
    version: row.version,
    status: row.status as VersionStatus,
    body: row.body,
    sha256: row.sha256,
    changeNote: row.changeNote,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    approvedBy: row.approvedBy,
    approvedAt: row.approvedAt,
  };
}
