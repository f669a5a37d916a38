import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import type { AuditEventView } from '../../api/types.ts';
import { formatDateTime } from '../../components/format.ts';

const outcomeColors: Record<string, string> = { allowed: 'teal', denied: 'orange', failed: 'red' };

export function OutcomeBadge({ outcome }: { outcome: string }) {
  return (
    <Badge variant="light" color={outcomeColors[outcome] ?? 'gray'} style={{ minWidth: 'max-content' }}>
      {outcome}
    </Badge>
  );
}

export function AuditTable({
  events,
  onOpen,
}: {
  events: AuditEventView[];
  onOpen: (event: AuditEventView) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table aria-label="Audit entries" verticalSpacing="xs" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Resource</Table.Th>
            <Table.Th>Outcome</Table.Th>
            <Table.Th>
              <VisuallyHidden>Details</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.occurredAt)}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {event.actorLabel}
                </Text>
                <Text size="xs" c="dimmed">
                  {event.actorType}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {event.action}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{event.resourceType}</Text>
                {event.resourceId && (
                  <Text size="xs" c="dimmed" ff="monospace" truncate maw={140} title={event.resourceId}>
                    {event.resourceId}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <OutcomeBadge outcome={event.outcome} />
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => onOpen(event)}
                  aria-label={`Details of ${event.action} at ${formatDateTime(event.occurredAt)}`}
                >
                  Details
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
