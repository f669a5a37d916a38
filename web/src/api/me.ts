import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { setCsrfToken } from './csrf-token.ts';
import { queryKeys } from './query-keys.ts';
import type { DsoView, MeView, UpdateDsoInput } from './types.ts';

/** The signed-in user, their DSO and session; it also hands the client the session's CSRF token. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: async () => {
      const me = await api.get<MeView>('/me');
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 60_000,
  });
}

export function useDso() {
  return useQuery({ queryKey: queryKeys.dso, queryFn: () => api.get<DsoView>('/dso') });
}

export function useUpdateDso() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateDsoInput) => api.patch<DsoView>('/dso', { json: input }),
    onSuccess: async (dso) => {
      queryClient.setQueryData(queryKeys.dso, dso);
      // The header shows the DSO's name from /me.
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
