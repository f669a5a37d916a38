import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { setCsrfToken } from './csrf-token.ts';
import { queryKeys } from './query-keys.ts';
import type { MfaEnrolment, SessionView, SetupInput, SignInResult } from './types.ts';

/** First run: true while no administrator exists. */
export function useSetupStatus() {
  return useQuery({
    queryKey: queryKeys.setupStatus,
    queryFn: () => api.get<{ needed: boolean }>('/setup'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A new session starts: whatever was cached belonged to the previous one. */
function useStartSession() {
  const queryClient = useQueryClient();
  return (result: SignInResult) => {
    setCsrfToken(result.csrfToken);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.setupStatus[0] });
    return result;
  };
}

export function useSetup() {
  const start = useStartSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: SetupInput) => start(await api.post<SignInResult>('/setup', { json: input })),
    // Marked stale without a refetch: the setup page must not switch to sign-in while it hands over to MFA.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.setupStatus, refetchType: 'none' }),
  });
}

export function useSignIn() {
  const start = useStartSession();
  return useMutation({
    mutationFn: async (input: { email: string; password: string }) =>
      start(await api.post<SignInResult>('/auth/sign-in', { json: input })),
  });
}

export function useAcceptSetupLink() {
  const start = useStartSession();
  return useMutation({
    mutationFn: async (input: { token: string; password: string }) =>
      start(await api.post<SignInResult>('/auth/setup-link', { json: input })),
  });
}

/** Emails a password reset link (30 minutes); answers 202 whatever the address. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => api.post<{ sent: true }>('/auth/password-reset', { json: { email } }),
  });
}

/** Sets the password from a reset link; the server ends every session of the account. */
export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api.post<void>('/auth/password-reset/confirm', { json: input }),
  });
}

/** Emails a sign-in link (15 minutes) to a staff account; answers 202 whatever the address. */
export function useRequestMagicLink() {
  return useMutation({
    mutationFn: (email: string) => api.post<{ sent: true }>('/auth/magic-link', { json: { email } }),
  });
}

export function useVerifyMagicLink() {
  const start = useStartSession();
  return useMutation({
    mutationFn: async (token: string) =>
      start(await api.post<SignInResult>('/auth/magic-link/verify', { json: { token } })),
  });
}

export function useBeginMfaEnrolment() {
  return useMutation({ mutationFn: () => api.post<MfaEnrolment>('/auth/mfa/enrol') });
}

export function useMfaPassed() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.me });
}

/** The session passes MFA here, but /me is refreshed only once the recovery codes were shown (see MfaPage). */
export function useConfirmMfaEnrolment() {
  return useMutation({
    mutationFn: (code: string) =>
      api.post<{ recoveryCodes: string[] }>('/auth/mfa/enrol/confirm', { json: { code } }),
  });
}

export function useVerifyMfa() {
  const passed = useMfaPassed();
  return useMutation({
    mutationFn: (code: string) => api.post<void>('/auth/mfa/verify', { json: { code } }),
    onSuccess: passed,
  });
}

/** Ends the session; the cache is cleared so the next person sees nothing of this one. */
function useEndSession<Output>(mutationFn: () => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => {
      setCsrfToken(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.setupStatus[0] });
    },
  });
}

export function useSignOut() {
  return useEndSession(() => api.post<void>('/auth/sign-out'));
}

export function useSignOutEverywhere() {
  return useEndSession(() => api.post<{ ended: number }>('/auth/sign-out-everywhere'));
}

export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: async () => (await api.get<{ items: SessionView[] }>('/auth/sessions')).items,
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/auth/sessions/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post<void>('/auth/password', { json: input }),
    // The server ends every other session.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}
