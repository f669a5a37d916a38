import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { fetchAllPages } from './pagination.ts';
import { queryKeys } from './query-keys.ts';
import type { RegionView } from './types.ts';

const regionPath = (id: string) => `/regions/${encodeURIComponent(id)}`;

export function useRegions() {
  return useQuery({
    queryKey: queryKeys.regions,
    queryFn: async () => (await fetchAllPages<RegionView>('/regions')).items,
  });
}

function useRegionMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.regions });
      // Practices show their region's name.
      await queryClient.invalidateQueries({ queryKey: queryKeys.practices });
    },
  });
}

export function useCreateRegion() {
  return useRegionMutation((name: string) => api.post<RegionView>('/regions', { json: { name } }));
}

export function useRenameRegion() {
  return useRegionMutation(({ id, name }: { id: string; name: string }) =>
    api.patch<RegionView>(regionPath(id), { json: { name } }),
  );
}

export function useDeleteRegion() {
  return useRegionMutation((id: string) => api.delete<void>(regionPath(id)));
}
