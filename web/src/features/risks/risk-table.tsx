import { Badge, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import type { RiskView } from '../../api/risks.ts';
import { stateLabels, treatmentLabels } from './risk-labels.ts';
import { RiskLevelBadge } from './risk-level-badge.tsx';

const stateColors: Record<RiskView['state'], string> = {
  proposed: 'blue',
  open: 'gray',
  accepted: 'teal',
  acceptance_expired: 'red',
  closed: 'dark',
};

export function RiskStateBadges({ risk }: { risk: RiskView }) {
  return (
    <Group gap={4}>
      <Badge variant="light" color={stateColors[risk.state]}>
        {stateLabels[risk.state]}
      </Badge>
      {risk.closeSuggested && (
        <Badge variant="outline" color="teal" title="The assessment answers no longer indicate this risk">
          Close suggested
        </Badge>
      )}
      {risk.needsReview && !risk.closeSuggested && risk.state !== 'acceptance_expired' && (
        <Badge variant="outline" color="orange">
          Review due
        </Badge>
      )}
    </Group>
  );
}

export function RiskTable({ risks, onOpen }: { risks: RiskView[]; onOpen: (risk: RiskView) => void }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label="Risks">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={100}>Level</Table.Th>
            <Table.Th>Risk</Table.Th>
            <Table.Th>Asset group</Table.Th>
            <Table.Th>Likelihood × impact</Table.Th>
            <Table.Th w={110}>Residual</Table.Th>
            <Table.Th>Treatment</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Next review</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {risks.map((risk) => (
            <Table.Tr key={risk.id}>
              <Table.Td>
                <RiskLevelBadge level={risk.level} />
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <UnstyledButton onClick={() => onOpen(risk)} fw={600} c="blue.7">
                    {risk.title}
                  </UnstyledButton>
                  <Text size="xs" c="dimmed">
                    {risk.practiceName ?? 'DSO-wide'} · {risk.threat}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>{risk.assetGroup}</Table.Td>
              <Table.Td>
                {risk.likelihood} × {risk.impact}
              </Table.Td>
              <Table.Td>
                <RiskLevelBadge level={risk.residualLevel} />
              </Table.Td>
              <Table.Td>{risk.treatment ? treatmentLabels[risk.treatment] : '—'}</Table.Td>
              <Table.Td>{risk.owner?.displayName ?? '—'}</Table.Td>
              <Table.Td>
                <RiskStateBadges risk={risk} />
              </Table.Td>
              <Table.Td>{risk.nextReviewDate ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
