import { Badge, Tooltip } from '@mantine/core';
import type {
  BaaStatus,
  EphiAccess,
  VendorCategory,
  VendorView,
  VendorWarningCode,
} from '../../api/vendors.ts';

export const categoryLabels: Record<VendorCategory, string> = {
  practice_management: 'Practice-management software',
  imaging: 'Imaging',
  clearinghouse: 'Clearinghouse',
  it_provider: 'IT provider',
  cloud_backup: 'Cloud backup',
  email: 'Email',
  other: 'Other',
};

export const ephiLabels: Record<EphiAccess, string> = { none: 'None', limited: 'Limited', full: 'Full' };

export const baaLabels: Record<BaaStatus, { label: string; color: string }> = {
  not_required: { label: 'Not required', color: 'gray' },
  needed: { label: 'Needed', color: 'red' },
  requested: { label: 'Requested', color: 'yellow' },
  signed: { label: 'Signed', color: 'green' },
  expired: { label: 'Expired', color: 'red' },
};

export const warningLabels: Record<VendorWarningCode, string> = {
  baa_missing: 'No signed BAA',
  baa_renewal_due: 'BAA renewal due',
  baa_renewal_past: 'BAA renewal past',
  security_review_stale: 'Security review due',
  safeguards_verification_stale: 'Safeguards verification due',
};

export function BaaBadge({ vendor }: { vendor: VendorView }) {
  const status = baaLabels[vendor.baaStatus];
  return (
    <Badge color={status.color} variant="light">
      {status.label}
    </Badge>
  );
}

export function VendorWarnings({ vendor }: { vendor: VendorView }) {
  return (
    <>
      {vendor.warnings.map((warning) => (
        <Tooltip key={warning.code} label={warning.message} multiline w={260}>
          <Badge color="orange" variant="outline" size="sm" mr={4} mb={2}>
            {warningLabels[warning.code]}
          </Badge>
        </Tooltip>
      ))}
    </>
  );
}
