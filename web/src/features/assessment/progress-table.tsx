import { Anchor, Group, Progress, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { ProgressView } from '../../api/assessment.ts';
import { assessmentLink } from './heatmap-grid.tsx';

interface ProgressTableProps {
  practices: ProgressView['practices'];
  regionNames: ReadonlyMap<string, string>;
}

/** One row per practice: questions answered (given there or inherited) of the questionnaire. */
export function ProgressTable({ practices, regionNames }: ProgressTableProps) {
  if (practices.length === 0) {
    return (
      <Text c="dimmed" p="md" ta="center">
        No practice to show.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label="Assessment progress by practice" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Practice</Table.Th>
            <Table.Th>Region</Table.Th>
            <Table.Th w="45%">Progress</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {practices.map((practice) => (
            <Table.Tr key={practice.practiceId}>
              <Table.Td>
                <Anchor component={Link} to={assessmentLink(practice.practiceId)} size="sm" fw={500}>
                  {practice.practiceName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {practice.regionId ? (regionNames.get(practice.regionId) ?? '—') : <Text c="dimmed">—</Text>}
              </Table.Td>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <Progress
                    value={practice.percent}
                    flex={1}
                    aria-label={`${practice.practiceName}: ${practice.answered} of ${practice.total} answered`}
                    color={practice.percent === 100 ? 'green' : 'blue'}
                  />
                  <Text size="sm" w={110} ta="right">
                    {practice.answered}/{practice.total} ({practice.percent}%)
                  </Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
