import { Badge } from '@mantine/core';
import type { CampaignStatus } from '../../api/phishing-campaigns.ts';

const colors: Record<CampaignStatus, string> = {
  draft: 'gray',
  scheduled: 'blue',
  sending: 'teal',
  paused: 'yellow',
  completed: 'green',
  cancelled: 'red',
};

export const campaignStatusLabels: Record<CampaignStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  return (
    <Badge color={colors[status]} variant="light">
      {campaignStatusLabels[status]}
    </Badge>
  );
}
