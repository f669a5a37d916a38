import { Badge } from '@mantine/core';
import type { PolicyCategory, ReviewStatus, VersionStatus } from '../../api/policies.ts';

export const categoryLabels: Record<PolicyCategory, string> = {
  governance: 'Governance',
  workforce: 'Workforce',
  access: 'Access',
  audit: 'Audit and review',
  contingency: 'Contingency',
  incident: 'Incident response',
  physical: 'Devices and facilities',
  vendors: 'Business associates',
  training: 'Training',
  other: 'Other',
};

const review: Record<ReviewStatus, { label: string; color: string }> = {
  not_approved: { label: 'Not approved yet', color: 'gray' },
  current: { label: 'Current', color: 'green' },
  due_soon: { label: 'Review due soon', color: 'yellow' },
  overdue: { label: 'Review overdue', color: 'red' },
};

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  return (
    <Badge color={review[status].color} variant="light">
      {review[status].label}
    </Badge>
  );
}

const versionColors: Record<VersionStatus, string> = { draft: 'blue', approved: 'green', retired: 'gray' };

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  return (
    <Badge color={versionColors[status]} variant="light">
      {status === 'approved' ? 'In force' : status === 'draft' ? 'Draft' : 'Retired'}
    </Badge>
  );
}
