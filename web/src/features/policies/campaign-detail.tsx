import {
  Alert,
  Badge,
  Button,
  Group,
  Progress,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { type Delivery, useCampaign, useCloseCampaign, useRemindCampaign } from '../../api/policies.ts';
import { ConfirmActionModal } from '../../components/confirm-action-modal.tsx';
import { formatDate, formatDateTime } from '../../components/format.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { useCan } from '../identity/permissions.ts';
import { jobRoleLabel } from '../people/person-options.ts';

export function CampaignProgress({
  acknowledged,
  total,
  percent,
}: {
  acknowledged: number;
  total: number;
  percent: number;
}) {
  return (
    <Stack gap={2}>
      <Progress
        value={percent}
        color={percent === 100 ? 'green' : 'blue'}
        aria-label={`${percent}% acknowledged`}
      />
      <Text size="xs" c="dimmed">
        {acknowledged} of {total} ({percent}%)
      </Text>
    </Stack>
  );
}

/** One campaign: progress per practice, each person's status, and the reminder and close actions. */
export function CampaignDetail({ id }: { id: string }) {
  const campaign = useCampaign(id);
  const can = useCan();
  const remind = useRemindCampaign();
  const close = useCloseCampaign();
  const [closing, setClosing] = useState(false);
  const [filter, setFilter] = useState<'all' | 'pending' | 'acknowledged'>('all');
  const [reminded, setReminded] = useState<Delivery | null>(null);

  if (campaign.isPending) return <PageLoader />;
  if (campaign.isError) return <QueryError error={campaign.error} onRetry={() => campaign.refetch()} />;
  const data = campaign.data;
  const people = data.people.filter((person) => filter === 'all' || person.status === filter);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2} size="h3">
            {data.title}
          </Title>
          <Text size="sm" c="dimmed">
            Due {formatDate(data.dueDate)} · {data.policies.map((p) => `${p.title} v${p.version}`).join(', ')}
          </Text>
        </div>
        {can('compliance:write') && data.status === 'open' && (
          <Group gap="xs">
            <Button
              variant="light"
              loading={remind.isPending}
              onClick={() => remind.mutate(id, { onSuccess: setReminded })}
            >
              Remind pending people now
            </Button>
            <Button variant="default" onClick={() => setClosing(true)}>
              Close campaign
            </Button>
          </Group>
        )}
      </Group>
      {reminded && (
        <Alert color="green" withCloseButton onClose={() => setReminded(null)}>
          {reminded.sent} reminder{reminded.sent === 1 ? '' : 's'} sent
          {reminded.skipped ? `; ${reminded.skipped} already reminded today` : ''}.
        </Alert>
      )}
      {remind.error ? (
        <Alert color="red" role="alert">
          {errorMessage(remind.error)}
        </Alert>
      ) : null}
      <CampaignProgress acknowledged={data.acknowledged} total={data.total} percent={data.percent} />
      {data.practices.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table aria-label="Progress by practice">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Practice</Table.Th>
                <Table.Th w="50%">Acknowledged</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.practices.map((practice) => (
                <Table.Tr key={practice.practiceId}>
                  <Table.Td>{practice.name}</Table.Td>
                  <Table.Td>
                    <CampaignProgress {...practice} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <SegmentedControl
        value={filter}
        onChange={(value) => setFilter(value as typeof filter)}
        data={[
          { value: 'all', label: `Everyone (${data.total})` },
          { value: 'pending', label: `Pending (${data.total - data.acknowledged})` },
          { value: 'acknowledged', label: `Acknowledged (${data.acknowledged})` },
        ]}
      />
      <Table.ScrollContainer minWidth={640}>
        <Table striped aria-label="People in the campaign">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Person</Table.Th>
              <Table.Th>Job role</Table.Th>
              <Table.Th>Practices</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Reminders</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {people.map((person) => (
              <Table.Tr key={person.attestationId}>
                <Table.Td>
                  {person.firstName} {person.lastName}
                  <Text size="xs" c="dimmed">
                    {person.email}
                  </Text>
                </Table.Td>
                <Table.Td>{jobRoleLabel(person.jobRole)}</Table.Td>
                <Table.Td>{person.practices.map((p) => p.name).join(', ') || '—'}</Table.Td>
                <Table.Td>
                  {person.status === 'acknowledged' ? (
                    <Badge color="green" variant="light" title={formatDateTime(person.acknowledgedAt)}>
                      Acknowledged {formatDate(person.acknowledgedAt)}
                    </Badge>
                  ) : (
                    <Badge color={data.overdue ? 'red' : 'gray'} variant="light">
                      {data.overdue ? 'Overdue' : 'Pending'}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {person.remindersSent > 0
                    ? `${person.remindersSent}, last ${formatDate(person.lastRemindedAt)}`
                    : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmActionModal
        opened={closing}
        title="Close this campaign?"
        confirmLabel="Close campaign"
        pending={close.isPending}
        error={close.error}
        onConfirm={() => close.mutate(id, { onSuccess: () => setClosing(false) })}
        onClose={() => setClosing(false)}
      >
        <Text mb="md">
          Links in the emails stop working and no more reminders are sent. Acknowledgements already given stay
          on record.
        </Text>
      </ConfirmActionModal>
    </Stack>
  );
}
