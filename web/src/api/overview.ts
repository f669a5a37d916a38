import { useQuery } from '@tanstack/react-query';
import { fetchAllPages } from './pagination.ts';
import { queryKeys } from './query-keys.ts';
import type { PersonView, PracticeView } from './types.ts';

export interface OverviewStats {
  practices: PracticeView[];
  peopleCount: number;
  activePeopleCount: number;
  /** True when the people count stopped at the cap (shown as "N+"). */
  isPeopleCountTruncated: boolean;
}

const peopleCountCap = 20_000;

// The API has no count endpoint yet, so the overview pages through the lists.
export function useOverviewStats() {
  return useQuery({
    queryKey: queryKeys.overview,
    queryFn: async (): Promise<OverviewStats> => {
      const [practices, people] = await Promise.all([
        fetchAllPages<PracticeView>('/practices', { sort: 'name' }),
        fetchAllPages<PersonView>('/people', {}, peopleCountCap),
      ]);
      return {
        practices: practices.items,
        peopleCount: people.items.length,
        activePeopleCount: people.items.filter((person) => person.status !== 'terminated').length,
        isPeopleCountTruncated: people.isTruncated,
      };
    },
  });
}
