import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { Page, PeopleListParams, PersonInput, PersonView } from './types.ts';

const personPath = (id: string) => `/people/${encodeURIComponent(id)}`;

export function usePeopleList(params: PeopleListParams) {
  return useInfiniteQuery({
    queryKey: queryKeys.peopleList(params),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<PersonView>>('/people', { query: { ...params, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: queryKeys.person(id), queryFn: () => api.get<PersonView>(personPath(id)) });
}

/** People counts show on practices and on the overview, so those refresh too. */
export function useInvalidatePeople() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.people });
    await queryClient.invalidateQueries({ queryKey: queryKeys.practices });
    await queryClient.invalidateQueries({ queryKey: queryKeys.overview });
  };
}

export function useCreatePerson() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (input: PersonInput) => api.post<PersonView>('/people', { json: input }),
    onSuccess: invalidate,
  });
}

export function useUpdatePerson(id: string) {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (input: PersonInput) => api.patch<PersonView>(personPath(id), { json: input }),
    onSuccess: invalidate,
  });
}
