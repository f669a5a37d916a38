import { Anchor, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { type CampaignAction, type CampaignView, useCampaignAction } from '../../api/phishing-campaigns.ts';
import { ConfirmActionModal } from '../../components/confirm-action-modal.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { CampaignStatusBadge } from './campaign-status-badge.tsx';

interface CampaignsTableProps {
  campaigns: CampaignView[];
  /** Whether the viewer may pause, resume and cancel. */
  canManage: boolean;
}

function SendProgress({ campaign }: { campaign: CampaignView }) {
  const { counts } = campaign;
  // Cancelled messages will never go: progress is measured against what is still meant to be sent.
  const planned = counts.total - counts.cancelled;
  const value = planned === 0 ? 0 : Math.round((counts.sent / planned) * 100);
  return (
    <Stack gap={4} miw={160}>
      <Progress value={value} aria-label={`${campaign.name}: ${counts.sent} of ${planned} sent`} size="sm" />
      <Text size="xs" c="dimmed">
        {formatNumber(counts.sent)} of {formatNumber(planned)} sent
        {counts.error > 0 ? ` · ${formatNumber(counts.error)} failed` : ''}
      </Text>
    </Stack>
  );
}

function RowActions({ campaign, onCancel }: { campaign: CampaignView; onCancel: () => void }) {
  const action = useCampaignAction();
  const run = (name: CampaignAction) => action.mutate({ id: campaign.id, action: name });
  const canPause = campaign.status === 'scheduled' || campaign.status === 'sending';
  const canCancel = canPause || campaign.status === 'paused' || campaign.status === 'draft';
  return (
    <Group gap="xs" wrap="nowrap">
      {canPause && (
        <Button size="xs" variant="default" loading={action.isPending} onClick={() => run('pause')}>
          Pause
        </Button>
      )}
      {campaign.status === 'paused' && (
        <Button size="xs" variant="default" loading={action.isPending} onClick={() => run('resume')}>
          Resume
        </Button>
      )}
      {canCancel && (
        <Button size="xs" variant="subtle" color="red" onClick={onCancel}>
          Cancel
        </Button>
      )}
      {action.isError && (
        <Text size="xs" c="red" role="alert">
          {action.error.message}
        </Text>
      )}
    </Group>
  );
}

export function CampaignsTable({ campaigns, canManage }: CampaignsTableProps) {
  const [cancelling, setCancelling] = useState<CampaignView | null>(null);
  const cancel = useCampaignAction();
  return (
    <>
      <Table.ScrollContainer minWidth={900}>
        <Table highlightOnHover aria-label="Phishing campaigns">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Campaign</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Progress</Table.Th>
              <Table.Th>Launch</Table.Th>
              <Table.Th>Send by</Table.Th>
              {canManage && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaigns.map((campaign) => (
              <Table.Tr key={campaign.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/phishing/campaigns/${campaign.id}`} fw={500} size="sm">
                    {campaign.name}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatNumber(campaign.recipients)} recipients · {campaign.templateIds.length}{' '}
                    {campaign.templateIds.length === 1 ? 'template' : 'templates'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CampaignStatusBadge status={campaign.status} />
                </Table.Td>
                <Table.Td>
                  <SendProgress campaign={campaign} />
                </Table.Td>
                <Table.Td>{formatDateTime(campaign.launchAt)}</Table.Td>
                <Table.Td>{campaign.sendBy ? formatDateTime(campaign.sendBy) : 'As soon as open'}</Table.Td>
                {canManage && (
                  <Table.Td>
                    <RowActions campaign={campaign} onCancel={() => setCancelling(campaign)} />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmActionModal
        opened={cancelling !== null}
        title="Cancel this campaign?"
        confirmLabel="Cancel campaign"
        pending={cancel.isPending}
        error={cancel.error}
        onClose={() => {
          cancel.reset();
          setCancelling(null);
        }}
        onConfirm={() => {
          if (!cancelling) return;
          cancel.mutate({ id: cancelling.id, action: 'cancel' }, { onSuccess: () => setCancelling(null) });
        }}
      >
        <Text mb="md">
          Emails of “{cancelling?.name}” that have not gone out yet will never be sent. Emails already sent
          stay sent, and what recipients do with them still counts in the results. A cancelled campaign cannot
          be resumed.
        </Text>
      </ConfirmActionModal>
    </>
  );
}
