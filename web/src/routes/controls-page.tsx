import { Chip, Group, Select, Stack } from '@mantine/core';
import { type ControlStatus, useControlList } from '../api/controls.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { SearchInput } from '../components/search-input.tsx';
import { useUrlFilters } from '../components/use-url-filters.ts';
import { ControlTable } from '../features/controls/control-table.tsx';
import { controlStatusLabels, controlStatusOrder } from '../features/controls/status-badges.tsx';

function isStatus(value: string | undefined): value is ControlStatus {
  return controlStatusOrder.includes(value as ControlStatus);
}

export function ControlsPage() {
  const { filters, setFilter } = useUrlFilters(['status', 'category', 'search'] as const);
  const status = isStatus(filters.status) ? filters.status : undefined;
  const query = useControlList({ status, category: filters.category, search: filters.search });
  const categories = Object.fromEntries((query.data?.categories ?? []).map((c) => [c.id, c.title]));

  return (
    <>
      <PageHeader
        title="Controls"
        description="Each control's status comes from its evidence and live signals, as of now: evidence that expired turns a control stale, a signal past its fail threshold turns it failing."
      />
      <Stack gap="md">
        <Chip.Group
          multiple={false}
          value={status ?? 'all'}
          onChange={(value) => setFilter('status', value === 'all' ? null : value)}
        >
          <Group gap="xs" aria-label="Filter by status">
            <Chip value="all">All</Chip>
            {controlStatusOrder.map((s) => (
              <Chip key={s} value={s}>
                {controlStatusLabels[s]} ({query.data?.counts[s] ?? 0})
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        <Group align="flex-end" gap="md">
          <SearchInput
            label="Search"
            placeholder="Control name"
            value={filters.search ?? ''}
            onSearch={(value) => setFilter('search', value.trim() || null)}
          />
          <Select
            label="Category"
            placeholder="All categories"
            clearable
            data={(query.data?.categories ?? []).map((c) => ({ value: c.id, label: c.title }))}
            value={filters.category ?? null}
            onChange={(value) => setFilter('category', value)}
          />
        </Group>
        {query.isPending ? (
          <PageLoader />
        ) : query.isError ? (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <ControlTable items={query.data.items} categories={categories} />
        )}
      </Stack>
    </>
  );
}
