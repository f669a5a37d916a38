import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { PracticeView } from '../../api/types.ts';
import { formatNumber, formatTimestamp } from '../../components/format.ts';
import { SortableTh } from '../../components/sortable-th.tsx';
import { PracticeStatusBadge } from './practice-status-badge.tsx';

interface PracticeTableProps {
  practices: PracticeView[];
  sort: string;
  onSort: (sort: string) => void;
}

export function PracticeTable({ practices, sort, onSort }: PracticeTableProps) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table highlightOnHover aria-label="Practices">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" sort={sort} onSort={onSort}>
              Name
            </SortableTh>
            <Table.Th>City</Table.Th>
            <SortableTh field="state" sort={sort} onSort={onSort}>
              State
            </SortableTh>
            <Table.Th>Region</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>People</Table.Th>
            <SortableTh field="createdAt" sort={sort} onSort={onSort}>
              Added
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {practices.map((practice) => (
            <Table.Tr key={practice.id}>
              <Table.Td>
                <Anchor component={Link} to={`/practices/${practice.id}`} fw={500} size="sm">
                  {practice.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{practice.city ?? '—'}</Table.Td>
              <Table.Td>{practice.state}</Table.Td>
              <Table.Td>{practice.regionName ?? <Text c="dimmed">—</Text>}</Table.Td>
              <Table.Td>
                <PracticeStatusBadge status={practice.status} />
              </Table.Td>
              <Table.Td>{formatNumber(practice.peopleCount)}</Table.Td>
              <Table.Td>{formatTimestamp(practice.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
