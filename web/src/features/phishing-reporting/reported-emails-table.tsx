import { Anchor, Badge, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ReportedEmailView } from '../../api/phishing-reporting.ts';
import { formatDateTime } from '../../components/format.ts';

export const statusLabels: Record<string, { label: string; color: string }> = {
  new: { label: 'Waiting for triage', color: 'orange' },
  simulation: { label: 'Our simulation', color: 'teal' },
};

export const sourceLabels: Record<ReportedEmailView['source'], string> = {
  smtp: 'Report mailbox (SMTP)',
  imap: 'Report mailbox (IMAP)',
  api: 'Report button',
  upload: 'Uploaded',
};

function StatusBadge({ status }: { status: string }) {
  const known = statusLabels[status];
  return (
    <Badge variant="light" color={known?.color ?? 'gray'}>
      {known?.label ?? status}
    </Badge>
  );
}

/** Metadata only: the reported message itself is never shown here, let alone its links or attachments. */
export function ReportedEmailsTable({ items }: { items: readonly ReportedEmailView[] }) {
  if (items.length === 0) {
    return (
      <Text c="dimmed" py="md">
        No reported emails yet. Reports arrive from the report mailbox, the report button, or an upload.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover aria-label="Reported emails">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Received</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>From</Table.Th>
            <Table.Th>Reported by</Table.Th>
            <Table.Th>How</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>{formatDateTime(item.receivedAt)}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {item.subject ?? '(no subject)'}
                </Text>
              </Table.Td>
              <Table.Td>{item.fromAddress ?? '—'}</Table.Td>
              <Table.Td>{item.reporterEmail ?? '—'}</Table.Td>
              <Table.Td>{sourceLabels[item.source]}</Table.Td>
              <Table.Td>
                <StatusBadge status={item.status} />
                {item.simulation && (
                  <Anchor
                    component={Link}
                    to={`/phishing/campaigns/${item.simulation.campaignId}`}
                    size="sm"
                    display="block"
                    mt={4}
                  >
                    Open campaign
                  </Anchor>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
