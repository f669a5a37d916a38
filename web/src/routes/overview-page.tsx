import { Paper, SimpleGrid, Title } from '@mantine/core';
import { useMe } from '../api/me.ts';
import { useOverviewStats } from '../api/overview.ts';
import { useRegions } from '../api/regions.ts';
import { formatNumber } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { BarChart } from '../features/overview/bar-chart.tsx';
import { GettingStarted } from '../features/overview/getting-started.tsx';
import { countStates, peoplePerState, practicesPerStatus } from '../features/overview/overview-figures.ts';
import { StatCard } from '../features/overview/stat-card.tsx';

export function OverviewPage() {
  const me = useMe();
  const stats = useOverviewStats();
  const regions = useRegions();
  const title = me.data?.dso?.name ?? 'Overview';
  if (stats.isPending) return <PageLoader label="Loading the overview" />;
  if (stats.isError) return <QueryError error={stats.error} onRetry={() => void stats.refetch()} />;
  const { practices, peopleCount, activePeopleCount, isPeopleCountTruncated } = stats.data;
  const people = `${formatNumber(peopleCount)}${isPeopleCountTruncated ? '+' : ''}`;
  return (
    <>
      <PageHeader title="Overview" description={`${title}: practices and workforce at a glance.`} />
      <GettingStarted hasPractices={practices.length > 0} hasPeople={peopleCount > 0} />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mb="lg">
        <StatCard label="Practices" value={formatNumber(practices.length)} />
        <StatCard label="People" value={people} hint={`${formatNumber(activePeopleCount)} not terminated`} />
        <StatCard label="States" value={formatNumber(countStates(practices))} hint="with an open practice" />
        <StatCard label="Regions" value={formatNumber(regions.data?.length ?? 0)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="md">
            People per state
          </Title>
          <BarChart title="People assigned to practices, per state" bars={peoplePerState(practices)} unit="people" />
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="md">
            Practices by status
          </Title>
          <BarChart title="Practices by status" bars={practicesPerStatus(practices)} unit="practices" />
        </Paper>
      </SimpleGrid>
    </>
  );
}
