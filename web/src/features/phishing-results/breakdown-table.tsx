import { Box, Group, Table, Text } from '@mantine/core';
import type { ResultStats } from '../../api/phishing-results.ts';
import { rateText } from './format.ts';

export interface BreakdownRow extends ResultStats {
  key: string;
  label: string;
}

function RateBar({ rate, color, label }: { rate: number | null; color: string; label: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Box w={80} h={8} bg="gray.2" style={{ borderRadius: 4 }} aria-hidden>
        <Box w={`${rate ?? 0}%`} h={8} bg={color} style={{ borderRadius: 4 }} />
      </Box>
      <Text size="sm" aria-label={`${label} ${rateText(rate)}`}>
        {rateText(rate)}
      </Text>
    </Group>
  );
}

/** Sent, failed and reported per group, with the fail and report rates drawn as bars. */
export function BreakdownTable({ title, rows }: { title: string; rows: BreakdownRow[] }) {
  if (rows.length === 0) return <Text c="dimmed">No recipient yet.</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table aria-label={title} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{title}</Table.Th>
            <Table.Th ta="right">Sent</Table.Th>
            <Table.Th ta="right">Failed</Table.Th>
            <Table.Th ta="right">Reported</Table.Th>
            <Table.Th>Fail rate</Table.Th>
            <Table.Th>Report rate</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>{row.label}</Table.Td>
              <Table.Td ta="right">{row.sent}</Table.Td>
              <Table.Td ta="right">{row.failed}</Table.Td>
              <Table.Td ta="right">{row.reported}</Table.Td>
              <Table.Td>
                <RateBar rate={row.failRate} color="red.6" label="Fail rate" />
              </Table.Td>
              <Table.Td>
                <RateBar rate={row.reportRate} color="green.7" label="Report rate" />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
