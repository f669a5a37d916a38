import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ControlStatusView } from '../../api/controls.ts';
import { formatTimestamp } from '../../components/format.ts';
import { ControlStatusBadge } from './status-badges.tsx';

export function ControlTable({
  items,
  categories,
}: {
  items: ControlStatusView[];
  categories: Record<string, string>;
}) {
  if (items.length === 0) {
    return (
      <Text c="dimmed" py="lg">
        No control matches these filters.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover aria-label="Controls">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Control</Table.Th>
            <Table.Th>Category</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Why</Table.Th>
            <Table.Th>Evidence</Table.Th>
            <Table.Th>Next expiry</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((control) => (
            <Table.Tr key={control.id}>
              <Table.Td>
                <Anchor
                  component={Link}
                  to={`/compliance/controls/${encodeURIComponent(control.id)}`}
                  fw={600}
                >
                  {control.title}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {control.scope === 'practice' ? 'Per practice' : 'DSO-wide'} · HIPAA{' '}
                  {control.hipaa.join(', ')}
                </Text>
              </Table.Td>
              <Table.Td>{categories[control.category] ?? control.category}</Table.Td>
              <Table.Td>
                <ControlStatusBadge status={control.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{control.reason}</Text>
              </Table.Td>
              <Table.Td>{control.evidenceCount}</Table.Td>
              <Table.Td>{formatTimestamp(control.nextExpiry)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
