import { Group, Select } from '@mantine/core';
import { usePracticeOptions } from '../../api/practices.ts';
import { SearchInput } from '../../components/search-input.tsx';
import { jobRoleOptions, personStatusOptions } from './person-options.ts';

export const peopleFilterKeys = ['search', 'practiceId', 'jobRole', 'status', 'sort'] as const;
export type PeopleFilterKey = (typeof peopleFilterKeys)[number];

interface PeopleFiltersProps {
  filters: Partial<Record<PeopleFilterKey, string>>;
  setFilter: (key: PeopleFilterKey, value: string | null) => void;
}

export function PeopleFilters({ filters, setFilter }: PeopleFiltersProps) {
  const practices = usePracticeOptions();
  return (
    <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
      <SearchInput
        label="Search people"
        placeholder="Name or email"
        value={filters.search ?? ''}
        onSearch={(value) => setFilter('search', value)}
      />
      <Select
        label="Practice"
        placeholder="All practices"
        data={(practices.data ?? []).map((practice) => ({ value: practice.id, label: practice.name }))}
        value={filters.practiceId ?? null}
        onChange={(value) => setFilter('practiceId', value)}
        searchable
        clearable
        style={{ flex: 1, minWidth: 180 }}
      />
      <Select
        label="Job role"
        placeholder="All roles"
        data={jobRoleOptions}
        value={filters.jobRole ?? null}
        onChange={(value) => setFilter('jobRole', value)}
        clearable
        style={{ flex: 1, minWidth: 150 }}
      />
      <Select
        label="Status"
        placeholder="All statuses"
        data={personStatusOptions}
        value={filters.status ?? null}
        onChange={(value) => setFilter('status', value)}
        clearable
        style={{ flex: 1, minWidth: 140 }}
      />
    </Group>
  );
}
