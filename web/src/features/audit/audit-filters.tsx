import { Button, Select, SimpleGrid, TextInput } from '@mantine/core';
import type { AuditFilter } from '../../api/types.ts';
import { auditOutcomes } from '../../api/types.ts';
import { humanize } from '../../components/format.ts';
import { SearchInput } from '../../components/search-input.tsx';

export const auditFilterKeys = ['actor', 'action', 'resourceType', 'outcome', 'from', 'to'] as const;
export type AuditFilterKey = (typeof auditFilterKeys)[number];
type AuditFilterValues = Partial<Record<AuditFilterKey, string>>;

// The resource types the server records.
const resourceTypes = ['dso', 'practice', 'person', 'region', 'user', 'apiToken', 'session'];

/** The server's pattern for an action or a prefix ending in `*` (audit.schema.ts). */
function checkAction(value: string): string | null {
  return /^[a-z][a-zA-Z0-9_.-]*\*?$/.test(value)
    ? null
    : 'Use an action such as practices.create, or people.*';
}

/** Dates in the URL are calendar days; the API takes instants, so a day runs from its first to its last second here. */
export function toAuditFilter(values: AuditFilterValues): AuditFilter {
  const filter: AuditFilter = {};
  if (values.actor) filter.actor = values.actor;
  if (values.action) filter.action = values.action;
  if (values.resourceType) filter.resourceType = values.resourceType;
  if (values.outcome) filter.outcome = values.outcome;
  if (values.from) filter.from = new Date(`${values.from}T00:00:00`).toISOString();
  if (values.to) filter.to = new Date(`${values.to}T23:59:59.999`).toISOString();
  return filter;
}

interface AuditFiltersProps {
  filters: AuditFilterValues;
  setFilter: (key: AuditFilterKey, value: string | null) => void;
  onClear: () => void;
}

export function AuditFilters({ filters, setFilter, onClear }: AuditFiltersProps) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 6 }} spacing="sm" mb="md">
      <SearchInput
        label="Actor"
        placeholder="Email or id"
        value={filters.actor ?? ''}
        onSearch={(value) => setFilter('actor', value)}
      />
      <SearchInput
        label="Action"
        placeholder="practices.create or people.*"
        value={filters.action ?? ''}
        onSearch={(value) => setFilter('action', value)}
        check={checkAction}
      />
      <Select
        label="Resource"
        placeholder="Any resource"
        data={resourceTypes.map((type) => ({ value: type, label: humanize(type) }))}
        value={filters.resourceType ?? null}
        onChange={(value) => setFilter('resourceType', value)}
        clearable
      />
      <Select
        label="Outcome"
        placeholder="Any outcome"
        data={auditOutcomes.map((outcome) => ({ value: outcome, label: humanize(outcome) }))}
        value={filters.outcome ?? null}
        onChange={(value) => setFilter('outcome', value)}
        clearable
      />
      <TextInput
        label="From"
        type="date"
        value={filters.from ?? ''}
        onChange={(event) => setFilter('from', event.currentTarget.value || null)}
      />
      <TextInput
        label="To"
        type="date"
        value={filters.to ?? ''}
        onChange={(event) => setFilter('to', event.currentTarget.value || null)}
      />
      {Object.keys(filters).length > 0 && (
        <div>
          <Button variant="subtle" onClick={onClear} mt={{ base: 0, xs: 25 }}>
            Clear filters
          </Button>
        </div>
      )}
    </SimpleGrid>
  );
}
