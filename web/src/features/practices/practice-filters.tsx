import { Group, Select } from '@mantine/core';
import { useRegions } from '../../api/regions.ts';
import { practiceStatuses } from '../../api/types.ts';
import { humanize } from '../../components/format.ts';
import { SearchInput } from '../../components/search-input.tsx';
import { StateSelect } from '../../components/state-select.tsx';

export const practiceFilterKeys = ['search', 'state', 'status', 'regionId', 'sort'] as const;
export type PracticeFilterKey = (typeof practiceFilterKeys)[number];

interface PracticeFiltersProps {
  filters: Partial<Record<PracticeFilterKey, string>>;
  setFilter: (key: PracticeFilterKey, value: string | null) => void;
}

const statusOptions = practiceStatuses.map((status) => ({ value: status, label: humanize(status) }));

export function PracticeFilters({ filters, setFilter }: PracticeFiltersProps) {
  const regions = useRegions();
  return (
    <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
      <SearchInput
        label="Search practices"
        placeholder="Name or city"
        value={filters.search ?? ''}
        onSearch={(value) => setFilter('search', value)}
      />
      <StateSelect
        label="State"
        placeholder="All states"
        value={filters.state ?? null}
        onChange={(value) => setFilter('state', value)}
        clearable
        style={{ flex: 1, minWidth: 150 }}
      />
      <Select
        label="Status"
        placeholder="All statuses"
        data={statusOptions}
        value={filters.status ?? null}
        onChange={(value) => setFilter('status', value)}
        clearable
        style={{ flex: 1, minWidth: 140 }}
      />
      <Select
        label="Region"
        placeholder="All regions"
        data={(regions.data ?? []).map((region) => ({ value: region.id, label: region.name }))}
        value={filters.regionId ?? null}
        onChange={(value) => setFilter('regionId', value)}
        clearable
        style={{ flex: 1, minWidth: 150 }}
      />
    </Group>
  );
}
