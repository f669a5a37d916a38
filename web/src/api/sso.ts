import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { SsoProviderInput, SsoProviderView, SsoSignInOption } from './types.ts';

/** Enabled providers for the sign-in page (public). */
export function useSsoSignInOptions() {
  return useQuery({
    queryKey: queryKeys.ssoSignInOptions,
    queryFn: async () => (await api.get<{ items: SsoSignInOption[] }>('/auth/sso')).items,
    staleTime: 5 * 60_000,
  });
}

/** Where the browser goes (a full-page navigation) to sign in with a provider; the server answers 302. */
export function ssoStartUrl(providerId: string): string {
  return buildUrl(`/auth/sso/${encodeURIComponent(providerId)}/start`);
}

export function useSsoProviders() {
  return useQuery({
    queryKey: queryKeys.ssoProviders,
    queryFn: async () => (await api.get<{ items: SsoProviderView[] }>('/sso/providers')).items,
  });
}

function useSsoMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    // The public list on the sign-in page changes with the providers too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sso'] }),
  });
}

export function useCreateSsoProvider() {
  return useSsoMutation((input: SsoProviderInput) =>
    api.post<SsoProviderView>('/sso/providers', { json: input }),
  );
}

export function useUpdateSsoProvider() {
  return useSsoMutation(({ id, input }: { id: string; input: SsoProviderInput }) =>
    api.patch<SsoProviderView>(`/sso/providers/${encodeURIComponent(id)}`, { json: input }),
  );
}

export function useDeleteSsoProvider() {
  return useSsoMutation((id: string) => api.delete<void>(`/sso/providers/${encodeURIComponent(id)}`));
}
