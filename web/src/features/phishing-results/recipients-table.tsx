import { Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import {
  type CampaignResults,
  type RecipientStatus,
  recipientStatuses,
  useRecipients,
} from '../../api/phishing-results.ts';
import { LoadMore } from '../../components/load-more.tsx';
import { QueryError } from '../../components/query-status.tsx';
import { dateTimeText, jobRoleLabels, resultColors, resultLabels } from './format.ts';
import { TimelineDrawer } from './timeline-drawer.tsx';

const statusLabels: Record<RecipientStatus, string> = {
  failed: 'Failed (clicked or submitted)',
  reported: 'Reported',
  missed: 'Missed (neither)',
  error: 'Could not be sent',
  automated: 'Scanner activity',
};

/** Recipients a page at a time from the server, filtered by status, practice and name or email. */
export function RecipientsTable({ results, live }: { results: CampaignResults; live: boolean }) {
  const campaignId = results.campaign.id;
  const [status, setStatus] = useState<RecipientStatus | undefined>();
  const [practiceId, setPracticeId] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [opened, setOpened] = useState<string | null>(null);
  const list = useRecipients(campaignId, { status, practiceId, q: q || undefined }, live);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const practices = results.byPractice.filter((p) => p.practiceId !== null);
  return (
    <>
      <Group mb="sm" align="flex-end">
        <Select
          label="Status"
          placeholder="All recipients"
          clearable
          data={recipientStatuses.map((value) => ({ value, label: statusLabels[value] }))}
          value={status ?? null}
          onChange={(value) => setStatus((value as RecipientStatus | null) ?? undefined)}
        />
        {practices.length > 1 ? (
          <Select
            label="Practice"
            placeholder="All practices"
            clearable
            searchable
            data={practices.map((p) => ({ value: p.practiceId as string, label: p.practiceName ?? '' }))}
            value={practiceId ?? null}
            onChange={(value) => setPracticeId(value ?? undefined)}
          />
        ) : null}
        <TextInput
          label="Search"
          placeholder="Name or email"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
      </Group>
      {list.isError ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label="Recipients" striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Recipient</Table.Th>
              <Table.Th>Practice</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Sent</Table.Th>
              <Table.Th>Timeline</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.id}>
                <Table.Td>
                  <Text size="sm">{row.sharedMailbox ? row.email : `${row.firstName} ${row.lastName}`}</Text>
                  <Text size="xs" c="dimmed">
                    {row.sharedMailbox ? 'Shared mailbox' : row.email}
                  </Text>
                </Table.Td>
                <Table.Td>{row.practiceName ?? '-'}</Table.Td>
                <Table.Td>{jobRoleLabels[row.jobRole] ?? row.jobRole}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    <Badge color={resultColors[row.result] ?? 'gray'} variant="light">
                      {resultLabels[row.result] ?? row.result}
                    </Badge>
                    {row.failed && row.reportedAt ? (
                      <Badge color="green" variant="outline">
                        Reported too
                      </Badge>
                    ) : null}
                    {row.automatedClicks > 0 ? (
                      <Badge color="gray" variant="outline">
                        Scanner ×{row.automatedClicks}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>{dateTimeText(row.sentAt)}</Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() => setOpened(row.id)}
                    aria-label={`Timeline of ${row.email}`}
                  >
                    View
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {list.isSuccess && rows.length === 0 ? (
        <Text c="dimmed" mt="sm">
          No recipient matches.
        </Text>
      ) : null}
      <LoadMore
        shown={rows.length}
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        onLoadMore={() => list.fetchNextPage()}
      />
      <TimelineDrawer campaignId={campaignId} messageId={opened} onClose={() => setOpened(null)} />
    </>
  );
}
