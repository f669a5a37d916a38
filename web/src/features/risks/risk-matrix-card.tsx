import { Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { type RiskLevel, useRiskMatrix } from '../../api/risks.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { RiskLevelBadge } from './risk-level-badge.tsx';
import { type MatrixCell, RiskMatrixChart } from './risk-matrix-chart.tsx';

export type MatrixView = 'inherent' | 'residual';

interface RiskMatrixCardProps {
  practiceId?: string;
  /** The highlighted cell (the register's filter). */
  selected?: MatrixCell | null;
  /** Called on a cell click; without it a click opens the register filtered to that cell. */
  onSelectCell?: (cell: MatrixCell, view: MatrixView) => void;
  view?: MatrixView;
  onViewChange?: (view: MatrixView) => void;
}

const levels: RiskLevel[] = ['critical', 'high', 'medium', 'low'];

/** The risk matrix of the register (risks not closed), inherent or residual; fetches its own data. */
export function RiskMatrixCard({
  practiceId,
  selected,
  onSelectCell,
  view,
  onViewChange,
}: RiskMatrixCardProps) {
  const matrix = useRiskMatrix(practiceId);
  const [ownView, setOwnView] = useState<MatrixView>('inherent');
  const shown = view ?? ownView;
  const navigate = useNavigate();
  const select = (cell: MatrixCell) => {
    if (onSelectCell) onSelectCell(cell, shown);
    else {
      const prefix = shown === 'residual' ? 'residual' : '';
      const key = (name: string) =>
        prefix ? `${prefix}${name.charAt(0).toUpperCase()}${name.slice(1)}` : name;
      void navigate(
        `/compliance/risks?${key('likelihood')}=${cell.likelihood}&${key('impact')}=${cell.impact}`,
      );
    }
  };
  const setView = (value: string) => {
    const next = value === 'residual' ? 'residual' : 'inherent';
    setOwnView(next);
    onViewChange?.(next);
  };
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Risk matrix
        </Title>
        <SegmentedControl
          size="xs"
          value={shown}
          onChange={setView}
          data={[
            { value: 'inherent', label: 'Inherent' },
            { value: 'residual', label: 'Residual' },
          ]}
          aria-label="Show inherent or residual risk"
        />
      </Group>
      {matrix.isPending && <PageLoader label="Loading the risk matrix" />}
      {matrix.isError && <QueryError error={matrix.error} onRetry={() => void matrix.refetch()} />}
      {matrix.isSuccess && (
        <Stack gap="sm">
          <RiskMatrixChart
            side={matrix.data[shown]}
            title={`${shown === 'inherent' ? 'Inherent' : 'Residual'} risk matrix`}
            selected={selected ?? null}
            onSelect={select}
          />
          <Group gap="xs">
            {levels.map((level) => (
              <Group key={level} gap={4}>
                <RiskLevelBadge level={level} />
                <Text size="sm">{matrix.data[shown].levels[level]}</Text>
              </Group>
            ))}
          </Group>
          <Text size="sm" c="dimmed">
            {matrix.data.total} risks not closed
            {shown === 'residual' && matrix.data.residual.unrated > 0
              ? `; ${matrix.data.residual.unrated} without a residual rating yet`
              : ''}
            .
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
