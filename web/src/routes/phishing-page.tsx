import { Button, Group, Paper, SegmentedControl, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { type CampaignStatus, useCampaigns } from '../api/phishing-campaigns.ts';
import { LoadMore } from '../components/load-more.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { campaignStatusLabels } from '../features/phishing-campaigns/campaign-status-badge.tsx';
import { CampaignsTable } from '../features/phishing-campaigns/campaigns-table.tsx';

const filters: { value: string; label: string }[] = [
  { value: 'all', label: 'All' },
  ...(['scheduled', 'sending', 'paused', 'completed', 'cancelled'] as const).map((status) => ({
    value: status,
    label: campaignStatusLabels[status],
  })),
];

export function PhishingPage() {
  const can = useCan();
  const [status, setStatus] = useState('all');
  const list = useCampaigns(status === 'all' ? null : (status as CampaignStatus));
  const campaigns = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <PageHeader
        title="Phishing simulations"
        description="Realistic phishing emails sent to your practices inside their business hours. People who report them are the win; people who click get a short lesson on the spot."
        actions={
          can('phishing:write') && (
            <Button component={Link} to="/phishing/campaigns/new">
              New campaign
            </Button>
          )
        }
      />
      <Group mb="md">
        <SegmentedControl aria-label="Campaign status" data={filters} value={status} onChange={setStatus} />
      </Group>
      <Paper withBorder radius="md" p="xs">
        {list.isPending && <PageLoader label="Loading campaigns" />}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && campaigns.length === 0 && (
          <Text p="lg" ta="center" c="dimmed">
            {status === 'all'
              ? 'No campaign yet. A first campaign with two or three easy templates gives you a baseline.'
              : 'No campaign has this status.'}
          </Text>
        )}
        {campaigns.length > 0 && <CampaignsTable campaigns={campaigns} canManage={can('phishing:write')} />}
      </Paper>
      {list.isSuccess && (
        <LoadMore
          shown={campaigns.length}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      )}
    </>
  );
}
