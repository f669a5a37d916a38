import { Box, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { Link } from 'react-router';
import type { HeatmapCell, HeatmapView } from '../../api/assessment.ts';
import { bandOf, notAnsweredBand, scoreBands } from './score-scale.ts';

/** The wizard for one practice and area. */
export function assessmentLink(practiceId: string, areaId?: string): string {
  const params = new URLSearchParams({ scope: `practice:${practiceId}` });
  if (areaId) params.set('area', areaId);
  return `/compliance/assessment?${params.toString()}`;
}

function describe(cell: HeatmapCell, practice: string, area: string): string {
  const score = cell.score === null ? 'not answered yet' : `score ${cell.score} of 100`;
  return `${practice}, ${area}: ${score}; ${cell.answered} of ${cell.total} answered; ${cell.gaps} gaps`;
}

function Cell({ cell, label, to }: { cell: HeatmapCell; label: string; to?: string }) {
  const band = bandOf(cell.score);
  const content = (
    <Box
      p={6}
      style={{
        background: band.background,
        color: band.text,
        borderRadius: 4,
        textAlign: 'center',
        minWidth: 56,
      }}
    >
      <Text size="sm" fw={600} inherit>
        {cell.score ?? '—'}
      </Text>
      <Text size="xs" inherit>
        {cell.answered}/{cell.total}
      </Text>
    </Box>
  );
  if (!to) {
    return (
      <Box title={label} aria-label={label} role="img">
        {content}
      </Box>
    );
  }
  return (
    <UnstyledButton component={Link} to={to} title={label} aria-label={label} display="block">
      {content}
    </UnstyledButton>
  );
}

export function HeatmapLegend() {
  return (
    <Group gap="sm" mt="sm" aria-label="Colour scale">
      <Text size="xs" c="dimmed">
        Score 0-100, higher is better; below it, questions answered of the total.
      </Text>
      {[...scoreBands, notAnsweredBand].map((band) => (
        <Group key={band.label} gap={4}>
          <Box w={14} h={14} style={{ background: band.background, borderRadius: 3 }} aria-hidden />
          <Text size="xs">{band.label}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** Practices × areas; each cell opens the assessment of that practice at that area. */
export function HeatmapGrid({ heatmap }: { heatmap: HeatmapView }) {
  const titles = new Map(heatmap.areas.map((a) => [a.id, a.title]));
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table aria-label="Assessment heatmap: practices by area" verticalSpacing={4} horizontalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Practice</Table.Th>
              {heatmap.areas.map((area) => (
                <Table.Th key={area.id} style={{ textAlign: 'center' }}>
                  <Text size="xs" fw={600}>
                    {area.title}
                  </Text>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {heatmap.rows.map((row) => (
              <Table.Tr key={row.practiceId}>
                <Table.Th scope="row">
                  <Text size="sm" fw={500}>
                    {row.practiceName}
                  </Text>
                </Table.Th>
                {row.cells.map((cell) => {
                  const title = titles.get(cell.areaId) ?? cell.areaId;
                  return (
                    <Table.Td key={cell.areaId}>
                      <Cell
                        cell={cell}
                        label={describe(cell, row.practiceName, title)}
                        to={assessmentLink(row.practiceId, cell.areaId)}
                      />
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">All practices shown</Table.Th>
              {heatmap.areaTotals.map((cell) => (
                <Table.Td key={cell.areaId}>
                  <Cell
                    cell={cell}
                    label={describe(cell, 'All practices shown', titles.get(cell.areaId) ?? '')}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      <HeatmapLegend />
    </>
  );
}
