import { Anchor, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMe } from '../api/me.ts';
import { useOverviewStats } from '../api/overview.ts';
import { formatNumber } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { BarChart } from '../features/overview/bar-chart.tsx';
import { GettingStarted } from '../features/overview/getting-started.tsx';
import { countStates, peoplePerState, practicesPerStatus } from '../features/overview/overview-figures.ts';
import { StatCard } from '../features/overview/stat-card.tsx';

/** Staff see no organisation data: their page is their own account. */
function Welcome({ name, dsoName }: { name: string; dsoName: string }) {
  return (
    <>
      <PageHeader title="Overview" description={dsoName} />
      <Paper withBorder p="lg" radius="md" maw={640}>
        <Text>
          Welcome, {name}. Your account, password and sessions are on your{' '}
          <Anchor component={Link} to="/profile">
            profile
          </Anchor>
          .
        </Text>
      </Paper>
    </>
  );
}

export function OverviewPage() {
  const me = useMe();
  const can = useCan();
  const canRead = can('practices:read');
  const stats = useOverviewStats(canRead);
  const title = me.data?.dso.name ?? 'Overview';
  if (me.data && !canRead) return <Welcome name={me.data.user.displayName} dsoName={title} />;
  if (stats.isPending) return <PageLoader label="Loading the overview" />;
  if (stats.isError) return <QueryError error={stats.error} onRetry={() => void stats.refetch()} />;
  const summary = stats.data;
  const notTerminated = summary.people.total - summary.people.terminated;
  return (
    <>
      <PageHeader title="Overview" description={`${title}: practices and workforce at a glance.`} />
      <GettingStarted
        hasPractices={summary.practices.total > 0}
        hasPeople={summary.people.total > 0}
        canAddPractices={can('practices:write')}
        canImportPeople={can('people:import')}
      />
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="lg">
        <StatCard label="Practices" value={formatNumber(summary.practices.total)} />
        <StatCard
          label="People"
          value={formatNumber(summary.people.total)}
          hint={`${formatNumber(notTerminated)} not terminated`}
        />
        <StatCard label="States" value={formatNumber(countStates(summary))} hint="with an open practice" />
        <StatCard label="Regions" value={formatNumber(summary.regions)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="md">
            People per state
          </Title>
          <BarChart
            title="People assigned to practices, per state"
            bars={peoplePerState(summary)}
            unit="people"
          />
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="md">
            Practices by status
          </Title>
          <BarChart title="Practices by status" bars={practicesPerStatus(summary)} unit="practices" />
        </Paper>
      </SimpleGrid>
    </>
  );
}
