import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { SummaryView } from './types.ts';

/** Counts for the overview, aggregated by the server. */
export function useOverviewStats(enabled = true) {
  return useQuery({
    enabled,
    queryKey: queryKeys.overview,
    queryFn: () => apiRequest<SummaryView>('GET', '/summary'),
  });
}
