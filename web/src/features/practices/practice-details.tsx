import type { PracticeView } from '../../api/types.ts';
import { DetailList } from '../../components/detail-list.tsx';
import { formatNumber, formatTimestamp } from '../../components/format.ts';

function formatAddress(practice: PracticeView): string {
  const street = [practice.addressLine1, practice.addressLine2].filter(Boolean).join(', ');
  const place = [practice.city, [practice.state, practice.postalCode].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
  return [street, place].filter(Boolean).join(' · ');
}

export function PracticeDetails({ practice }: { practice: PracticeView }) {
  return (
    <DetailList
      items={[
        { label: 'Legal entity', value: practice.legalEntity },
        { label: 'Region', value: practice.regionName },
        { label: 'Address', value: formatAddress(practice) },
        { label: 'Time zone', value: practice.timeZone },
        { label: 'Phone', value: practice.phone },
        { label: 'NPI', value: practice.npi },
        { label: 'Chairs', value: practice.chairs === null ? null : formatNumber(practice.chairs) },
        {
          label: 'Active patients',
          value: practice.activePatients === null ? null : formatNumber(practice.activePatients),
        },
        { label: 'People', value: formatNumber(practice.peopleCount) },
        { label: 'Added', value: formatTimestamp(practice.createdAt) },
        { label: 'Last changed', value: formatTimestamp(practice.updatedAt) },
      ]}
    />
  );
}
