import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { fetchAllPages } from './pagination.ts';
import { queryKeys } from './query-keys.ts';
import type { Page, PracticeInput, PracticeListParams, PracticeView } from './types.ts';

const practicePath = (id: string) => `/practices/${encodeURIComponent(id)}`;

export function usePracticeList(params: PracticeListParams) {
  return useInfiniteQuery({
    queryKey: queryKeys.practiceList(params),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<PracticeView>>('/practices', {
        query: { ...params, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Every practice, for pickers (a DSO runs at most a few hundred). */
export function usePracticeOptions() {
  return useQuery({
    queryKey: queryKeys.practiceOptions,
    queryFn: async () => (await fetchAllPages<PracticeView>('/practices', { sort: 'name' })).items,
  });
}

export function usePractice(id: string) {
  return useQuery({
    queryKey: queryKeys.practice(id),
    queryFn: () => api.get<PracticeView>(practicePath(id)),
  });
}

function useInvalidatePractices() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.practices });
    await queryClient.invalidateQueries({ queryKey: queryKeys.regions });
    await queryClient.invalidateQueries({ queryKey: queryKeys.overview });
  };
}

export function useCreatePractice() {
  const invalidate = useInvalidatePractices();
  return useMutation({
    mutationFn: (input: PracticeInput) => api.post<PracticeView>('/practices', { json: input }),
    onSuccess: invalidate,
  });
}

export function useUpdatePractice(id: string) {
  const invalidate = useInvalidatePractices();
  return useMutation({
    mutationFn: (input: PracticeInput) => api.patch<PracticeView>(practicePath(id), { json: input }),
    onSuccess: invalidate,
  });
}
