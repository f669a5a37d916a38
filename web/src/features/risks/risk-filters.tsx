import { Button, Group, Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { usePracticeOptions } from '../../api/practices.ts';
import { useOwnerOptions } from '../../api/risks.ts';
import { levelLabels, stateLabels, treatmentLabels } from './risk-labels.ts';

export const riskFilterKeys = [
  'status',
  'level',
  'practiceId',
  'treatment',
  'ownerUserId',
  'source',
  'likelihood',
  'impact',
  'residualLikelihood',
  'residualImpact',
] as const;
export type RiskFilterKey = (typeof riskFilterKeys)[number];

/** Sets several URL filters in one navigation (separate calls in one tick would overwrite each other). */
export function useSetFilters() {
  const [, setSearchParams] = useSearchParams();
  return (changes: Partial<Record<RiskFilterKey, string | null>>) =>
    setSearchParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
}

interface RiskFiltersProps {
  filters: Partial<Record<RiskFilterKey, string>>;
  setFilter: (key: RiskFilterKey, value: string | null) => void;
}

const options = <T extends string>(labels: Record<T, string>) =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ value, label }));

export function RiskFilters({ filters, setFilter }: RiskFiltersProps) {
  const practices = usePracticeOptions();
  const owners = useOwnerOptions();
  const cell = filters.likelihood ?? filters.residualLikelihood;
  const setFilters = useSetFilters();
  const clearCell = () =>
    setFilters({ likelihood: null, impact: null, residualLikelihood: null, residualImpact: null });
  return (
    <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
      <Select
        label="Status"
        placeholder="Any"
        clearable
        w={180}
        data={options(stateLabels).filter((o) => o.value !== 'accepted')}
        value={filters.status ?? null}
        onChange={(value) => setFilter('status', value)}
      />
      <Select
        label="Level"
        placeholder="Any"
        clearable
        w={140}
        data={options(levelLabels)}
        value={filters.level ?? null}
        onChange={(value) => setFilter('level', value)}
      />
      <Select
        label="Treatment"
        placeholder="Any"
        clearable
        w={150}
        data={options(treatmentLabels)}
        value={filters.treatment ?? null}
        onChange={(value) => setFilter('treatment', value)}
      />
      <Select
        label="Practice"
        placeholder="Any"
        clearable
        searchable
        w={200}
        data={(practices.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
        value={filters.practiceId ?? null}
        onChange={(value) => setFilter('practiceId', value)}
      />
      <Select
        label="Owner"
        placeholder="Anyone"
        clearable
        searchable
        w={200}
        data={(owners.data ?? []).map((o) => ({ value: o.id, label: o.displayName }))}
        value={filters.ownerUserId ?? null}
        onChange={(value) => setFilter('ownerUserId', value)}
      />
      <Select
        label="Source"
        placeholder="Any"
        clearable
        w={160}
        data={[
          { value: 'questionnaire', label: 'Assessment' },
          { value: 'manual', label: 'Entered' },
          { value: 'signal', label: 'Live signal' },
        ]}
        value={filters.source ?? null}
        onChange={(value) => setFilter('source', value)}
      />
      {cell && (
        <Button variant="light" onClick={clearCell}>
          Clear matrix cell ({filters.residualLikelihood ? 'residual ' : ''}
          {cell} × {filters.impact ?? filters.residualImpact})
        </Button>
      )}
    </Group>
  );
}
