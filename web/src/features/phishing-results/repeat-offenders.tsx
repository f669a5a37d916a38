import { Group, NumberInput, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useRepeatOffenders } from '../../api/phishing-results.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { dateTimeText, jobRoleLabels } from './format.ts';

/** People who failed in at least `threshold` campaigns: candidates for a conversation and refresher training. */
export function RepeatOffenders() {
  const [threshold, setThreshold] = useState(2);
  const offenders = useRepeatOffenders(threshold);
  return (
    <>
      <Group mb="sm" align="flex-end">
        <NumberInput
          label="Failed in at least (campaigns)"
          min={1}
          max={100}
          value={threshold}
          onChange={(value) => setThreshold(typeof value === 'number' && value >= 1 ? value : 2)}
          w={220}
        />
      </Group>
      {offenders.isPending ? <PageLoader /> : null}
      {offenders.isError ? <QueryError error={offenders.error} onRetry={() => offenders.refetch()} /> : null}
      {offenders.data && offenders.data.items.length === 0 ? (
        <Text c="dimmed">Nobody failed that often.</Text>
      ) : null}
      {offenders.data && offenders.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Repeat offenders" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Person</Table.Th>
                <Table.Th>Practice</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th ta="right">Failed</Table.Th>
                <Table.Th>Last failure</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {offenders.data.items.map((o) => (
                <Table.Tr key={o.personId ?? o.email}>
                  <Table.Td>
                    <Text size="sm">
                      {o.firstName} {o.lastName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {o.email}
                    </Text>
                  </Table.Td>
                  <Table.Td>{o.practiceName ?? '-'}</Table.Td>
                  <Table.Td>{jobRoleLabels[o.jobRole] ?? o.jobRole}</Table.Td>
                  <Table.Td ta="right">
                    {o.failures} of {o.campaigns}
                  </Table.Td>
                  <Table.Td>{dateTimeText(o.lastFailedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </>
  );
}
