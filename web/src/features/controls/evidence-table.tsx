import { Anchor, Badge, Button, Group, Table, Text, Tooltip } from '@mantine/core';
import { type EvidenceView, evidenceDownloadUrl } from '../../api/controls.ts';
import { formatDate, formatTimestamp } from '../../components/format.ts';

interface EvidenceTableProps {
  items: EvidenceView[];
  practiceNames: Record<string, string>;
  canChange: boolean;
  onWithdraw: (evidence: EvidenceView) => void;
  onReview: (evidence: EvidenceView) => void;
}

const kindLabels: Record<EvidenceView['kind'], string> = {
  file: 'File',
  link: 'Link',
  attestation: 'Attestation',
};

// miw="max-content": in a crowded row the column must not cut the state to "V…".
function stateBadge(evidence: EvidenceView) {
  if (evidence.status !== 'active') {
    return (
      <Tooltip label={evidence.withdrawnReason ?? ''} disabled={!evidence.withdrawnReason}>
        <Badge color="gray" variant="outline" miw="max-content">
          {evidence.status === 'rejected' ? 'Rejected' : 'Superseded'}
        </Badge>
      </Tooltip>
    );
  }
  return evidence.isValid ? (
    <Badge color="green" variant="light" miw="max-content">
      Valid
    </Badge>
  ) : (
    <Badge color="yellow" variant="light" miw="max-content">
      Expired
    </Badge>
  );
}

function source(evidence: EvidenceView) {
  if (evidence.kind === 'file') {
    return (
      <Anchor href={evidenceDownloadUrl(evidence.id)} download>
        {evidence.fileName ?? 'Download'}
      </Anchor>
    );
  }
  if (evidence.kind === 'link' && evidence.url) {
    return (
      <Anchor href={evidence.url} target="_blank" rel="noopener noreferrer">
        Open link
      </Anchor>
    );
  }
  return <Text size="sm">Signed by {evidence.attestedByName ?? 'a former user'}</Text>;
}

/** The evidence history of a control, withdrawn items included (kept six years). */
export function EvidenceTable({ items, practiceNames, canChange, onWithdraw, onReview }: EvidenceTableProps) {
  if (items.length === 0) {
    return (
      <Text c="dimmed" py="md">
        No evidence yet.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped aria-label="Evidence history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Evidence</Table.Th>
            <Table.Th>Effective</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Uploaded by</Table.Th>
            <Table.Th>SHA-256</Table.Th>
            <Table.Th>Source</Table.Th>
            {canChange && <Table.Th aria-label="Actions" />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((evidence) => (
            <Table.Tr key={evidence.id}>
              <Table.Td>
                <Text fw={600} size="sm">
                  {evidence.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {kindLabels[evidence.kind]} ·{' '}
                  {evidence.practiceId ? (practiceNames[evidence.practiceId] ?? 'A practice') : 'DSO-wide'}
                  {evidence.reviewedAt ? ` · reviewed ${formatTimestamp(evidence.reviewedAt)}` : ''}
                </Text>
              </Table.Td>
              <Table.Td>{formatDate(evidence.effectiveDate)}</Table.Td>
              <Table.Td>{formatTimestamp(evidence.expiresAt)}</Table.Td>
              <Table.Td>{stateBadge(evidence)}</Table.Td>
              <Table.Td>
                <Text size="sm">{evidence.uploadedByName ?? 'Enamel'}</Text>
                <Text size="xs" c="dimmed">
                  {formatTimestamp(evidence.uploadedAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                {evidence.sha256 ? (
                  <Tooltip label={evidence.sha256}>
                    <Text size="xs" ff="monospace">
                      {evidence.sha256.slice(0, 12)}
                    </Text>
                  </Tooltip>
                ) : (
                  '—'
                )}
              </Table.Td>
              <Table.Td>{source(evidence)}</Table.Td>
              {canChange && (
                <Table.Td>
                  {evidence.status === 'active' && (
                    <Group gap="xs" wrap="nowrap">
                      {!evidence.reviewedAt && (
                        <Button size="compact-xs" variant="light" onClick={() => onReview(evidence)}>
                          Mark reviewed
                        </Button>
                      )}
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => onWithdraw(evidence)}
                      >
                        Withdraw
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
