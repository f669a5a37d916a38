import { Button, Paper, Text } from '@mantine/core';
import { Link } from 'react-router';
import { usePeopleList } from '../api/people.ts';
import { LoadMore } from '../components/load-more.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useUrlFilters } from '../components/use-url-filters.ts';
import { useCan } from '../features/identity/permissions.ts';
import { PeopleFilters, peopleFilterKeys } from '../features/people/people-filters.tsx';
import { PeopleTable } from '../features/people/people-table.tsx';

export function PeoplePage() {
  const { filters, setFilter } = useUrlFilters(peopleFilterKeys);
  const sort = filters.sort ?? 'lastName';
  const list = usePeopleList({ ...filters, sort });
  const people = list.data?.pages.flatMap((page) => page.items) ?? [];
  const can = useCan();
  return (
    <>
      <PageHeader
        title="People"
        description="Your workforce: everyone with access to patient information. Terminated people stay listed so their records are kept."
        actions={
          <>
            {can('people:import') && (
              <Button component={Link} to="/people/import" variant="default">
                Import people
              </Button>
            )}
            {can('people:write') && (
              <Button component={Link} to="/people/new">
                New person
              </Button>
            )}
          </>
        }
      />
      <PeopleFilters filters={filters} setFilter={setFilter} />
      <Paper withBorder radius="md" p="xs">
        {list.isPending && <PageLoader label="Loading people" />}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.isSuccess && people.length === 0 && (
          <Text p="lg" ta="center" c="dimmed">
            No person matches.
          </Text>
        )}
        {people.length > 0 && (
          <PeopleTable people={people} sort={sort} onSort={(value) => setFilter('sort', value)} />
        )}
      </Paper>
      {list.isSuccess && (
        <LoadMore
          shown={people.length}
          hasNextPage={list.hasNextPage}
          isFetchingNextPage={list.isFetchingNextPage}
          onLoadMore={() => void list.fetchNextPage()}
        />
      )}
    </>
  );
}
