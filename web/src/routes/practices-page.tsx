import { Button, Paper, Text } from '@mantine/core';
import { Link } from 'react-router';
import { usePracticeList } from '../api/practices.ts';
import { LoadMore } from '../components/load-more.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useUrlFilters } from '../components/use-url-filters.ts';
import { useCan } from '../features/identity/permissions.ts';
import { PracticeFilters, practiceFilterKeys } from '../features/practices/practice-filters.tsx';
import { PracticeTable } from '../features/practices/practice-table.tsx';

export function PracticesPage() {
  const { filters, setFilter } = useUrlFilters(practiceFilterKeys);
  const sort = filters.sort ?? 'name';
  const list = usePracticeList({ ...filters, sort });
  const practices = list.data?.pages.flatMap((page) => page.items) ?? [];
  const can = useCan();
  return (
    <>
      <PageHeader
        title="Practices"
        description="The dental offices your DSO runs. Each practice is a HIPAA covered entity location with its own workforce."
        actions={
          can('practices:write') && (
            <Button component={Link} to="/practices/new">
              New practice
            </Button>
          )
        }
      />
      <PracticeFilters filters={filters} setFilter={setFilter} />
      <Paper withBorder radius="md" p="xs">
        {list.isPending && <PageLoader label="Loading practices" />}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && practices.length === 0 && (
          <Text p="lg" ta="center" c="dimmed">
            No practice matches.{' '}
            {Object.keys(filters).length === 0 && 'Add your first practice to get started.'}
          </Text>
        )}
        {practices.length > 0 && (
          <PracticeTable practices={practices} sort={sort} onSort={(value) => setFilter('sort', value)} />
        )}
      </Paper>
      {list.isSuccess && (
        <LoadMore
          shown={practices.length}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      )}
    </>
  );
}
