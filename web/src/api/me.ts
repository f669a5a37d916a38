import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { setSelectedDsoId } from './dso-selection.ts';
import { queryKeys } from './query-keys.ts';
import type { CreateDsoInput, DsoView, MeView, UpdateDsoInput } from './types.ts';

export function useMe() {
  return useQuery({ queryKey: queryKeys.me, queryFn: () => api.get<MeView>('/me') });
}

/** Creates a DSO and makes it the current one. */
export function useCreateDso() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDsoInput) => api.post<DsoView>('/dsos', { json: input }),
    onSuccess: async (dso) => {
      setSelectedDsoId(dso.id);
      await queryClient.resetQueries();
    },
  });
}

export function useUpdateDso(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateDsoInput) =>
      api.patch<DsoView>(`/dsos/${encodeURIComponent(id)}`, { json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}

/** Switches the current DSO: every cached answer belonged to the previous one, so all of it is reset. */
export function useSwitchDso() {
  const queryClient = useQueryClient();
  return (id: string) => {
    setSelectedDsoId(id);
    void queryClient.resetQueries();
  };
}
