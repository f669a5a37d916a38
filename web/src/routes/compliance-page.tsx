import { Button, Group, Paper, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useComplianceProgress, useHeatmap } from '../api/assessment.ts';
import { useRegions } from '../api/regions.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useUrlFilters } from '../components/use-url-filters.ts';
import { HeatmapGrid } from '../features/assessment/heatmap-grid.tsx';
import { ProgressTable } from '../features/assessment/progress-table.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { RiskMatrixCard } from '../features/risks/risk-matrix-card.tsx';

function DsoProgress() {
  const progress = useComplianceProgress();
  if (progress.isPending) return <PageLoader label="Loading progress" />;
  if (progress.isError) return <QueryError error={progress.error} onRetry={() => void progress.refetch()} />;
  const { totals, areas } = progress.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text fw={600}>Questions answered across all practices</Text>
        <Text size="sm">
          {totals.answered}/{totals.total} ({totals.percent}%) · {totals.completePractices} of{' '}
          {totals.practices} practices complete
        </Text>
      </Group>
      <Progress value={totals.percent} size="lg" aria-label={`Assessment ${totals.percent}% answered`} />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="sm">
        {areas.map((area) => (
          <Stack key={area.areaId} gap={2}>
            <Text size="xs">{area.title}</Text>
            <Progress
              value={area.percent}
              size="sm"
              aria-label={`${area.title}: ${area.percent}% answered`}
            />
            <Text size="xs" c="dimmed">
              {area.percent}%
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

export function CompliancePage() {
  const { filters, setFilter } = useUrlFilters(['regionId'] as const);
  const regionId = filters.regionId ?? null;
  const regions = useRegions();
  const heatmap = useHeatmap(regionId);
  const progress = useComplianceProgress();
  const can = useCan();
  const regionNames = new Map((regions.data ?? []).map((r) => [r.id, r.name]));
  const practices = (progress.data?.practices ?? []).filter(
    (p) => regionId === null || p.regionId === regionId,
  );
  return (
    <>
      <PageHeader
        title="Risk analysis"
        description="How far each practice has come in the HIPAA risk analysis questionnaire, and where the gaps are. Answers given for the DSO or a region count for every practice below it unless the practice answers for itself."
        actions={
          <Button component={Link} to="/compliance/assessment">
            {can('compliance:write') ? 'Answer the questionnaire' : 'Open the questionnaire'}
          </Button>
        }
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="md">
          <DsoProgress />
        </Paper>

        <RiskMatrixCard />

        <Paper withBorder radius="md" p="md">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              Practices by area
            </Title>
            <Select
              label="Region"
              placeholder="All regions"
              clearable
              data={(regions.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
              value={regionId}
              onChange={(value) => setFilter('regionId', value)}
              w={240}
            />
          </Group>
          {heatmap.isPending && <PageLoader label="Loading heatmap" />}
          {heatmap.isError && <QueryError error={heatmap.error} onRetry={() => void heatmap.refetch()} />}
          {heatmap.isSuccess &&
            (heatmap.data.rows.length === 0 ? (
              <Text c="dimmed" ta="center" p="md">
                No active practice to show.
              </Text>
            ) : (
              <HeatmapGrid heatmap={heatmap.data} />
            ))}
        </Paper>

        <Paper withBorder radius="md" p="md">
          <Title order={2} size="h4" mb="sm">
            Progress by practice
          </Title>
          {progress.isSuccess && <ProgressTable practices={practices} regionNames={regionNames} />}
        </Paper>
      </Stack>
    </>
  );
}
