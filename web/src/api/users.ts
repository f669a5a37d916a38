import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { CreateTokenInput, CreateUserInput, TokenView, UpdateUserInput, UserView } from './types.ts';

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: async () => (await api.get<{ items: UserView[] }>('/users')).items,
  });
}

function useUsersMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useCreateUser() {
  return useUsersMutation((input: CreateUserInput) =>
    api.post<{ user: UserView; setupLink: string }>('/users', { json: input }),
  );
}

export function useUpdateUser() {
  return useUsersMutation(({ id, input }: { id: string; input: UpdateUserInput }) =>
    api.patch<UserView>(`/users/${encodeURIComponent(id)}`, { json: input }),
  );
}

export function useSignOutUser() {
  return useMutation({
    mutationFn: (id: string) => api.post<{ ended: number }>(`/users/${encodeURIComponent(id)}/sign-out`),
  });
}

export function useTokens() {
  return useQuery({
    queryKey: queryKeys.tokens,
    queryFn: async () => (await api.get<{ items: TokenView[] }>('/tokens')).items,
  });
}

function useTokensMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.tokens }),
  });
}

export function useCreateToken() {
  return useTokensMutation((input: CreateTokenInput) =>
    api.post<{ token: TokenView; secret: string }>('/tokens', { json: input }),
  );
}

export function useRevokeToken() {
  return useTokensMutation((id: string) => api.delete<void>(`/tokens/${encodeURIComponent(id)}`));
}
