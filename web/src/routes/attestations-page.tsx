import { Anchor, Badge, Button, Drawer, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useCampaigns } from '../api/policies.ts';
import { formatDate } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { CampaignDetail, CampaignProgress } from '../features/policies/campaign-detail.tsx';
import { CreateCampaignModal } from '../features/policies/create-campaign-modal.tsx';

export function AttestationsPage() {
  const can = useCan();
  const campaigns = useCampaigns();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Policy attestations"
        description="Ask your workforce to read and acknowledge approved policies, and follow who has done it."
        actions={can('compliance:write') && <Button onClick={() => setCreating(true)}>New campaign</Button>}
      />
      {campaigns.isPending ? (
        <PageLoader />
      ) : campaigns.isError ? (
        <QueryError error={campaigns.error} onRetry={() => campaigns.refetch()} />
      ) : campaigns.data.items.length === 0 ? (
        <Text c="dimmed">No campaign yet. Approve a policy, then start a campaign.</Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped highlightOnHover aria-label="Attestation campaigns">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Campaign</Table.Th>
                <Table.Th>Policies</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th w="30%">Progress</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {campaigns.data.items.map((campaign) => (
                <Table.Tr key={campaign.id}>
                  <Table.Td>
                    <Anchor component="button" onClick={() => setOpenId(campaign.id)}>
                      {campaign.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{campaign.policies.map((p) => p.title).join(', ')}</Table.Td>
                  <Table.Td>{formatDate(campaign.dueDate)}</Table.Td>
                  <Table.Td>
                    <CampaignProgress {...campaign} />
                  </Table.Td>
                  <Table.Td>
                    {campaign.status === 'closed' ? (
                      <Badge color="gray" variant="light">
                        Closed
                      </Badge>
                    ) : campaign.overdue ? (
                      <Badge color="red" variant="light">
                        Overdue
                      </Badge>
                    ) : (
                      <Badge color="blue" variant="light">
                        Open
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {creating && <CreateCampaignModal opened onClose={() => setCreating(false)} />}
      <Drawer
        opened={openId !== null}
        onClose={() => setOpenId(null)}
        position="right"
        size="xl"
        title="Campaign"
      >
        {openId && <CampaignDetail id={openId} />}
      </Drawer>
    </>
  );
}
