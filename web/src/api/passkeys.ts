import {
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { setCsrfToken } from './csrf-token.ts';
import { queryKeys } from './query-keys.ts';
import { useMfaPassed } from './session.ts';
import type { SignInResult } from './types.ts';

export interface PasskeyView {
  id: string;
  name: string;
  transports: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

const passkeysKey = ['passkeys'] as const;

export function usePasskeys() {
  return useQuery({
    queryKey: passkeysKey,
    queryFn: async () => (await api.get<{ items: PasskeyView[] }>('/auth/passkeys')).items,
  });
}

/** Creates a passkey on this device (the browser asks for the PIN or biometric) and registers it. */
export function useAddPasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (name: string | undefined) => {
      const optionsJSON = await api.post<PublicKeyCredentialCreationOptionsJSON>(
        '/auth/passkeys/register/options',
      );
      const response = await startRegistration({ optionsJSON });
      return api.post<PasskeyView>('/auth/passkeys/register/verify', {
        json: name ? { name, response } : { response },
      });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: passkeysKey }),
  });
}

export function useRemovePasskey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/auth/passkeys/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: passkeysKey }),
  });
}

/** The MFA step of a password sign-in, answered with a passkey instead of a code. */
export function usePasskeyMfa() {
  const passed = useMfaPassed();
  return useMutation({
    mutationFn: async () => {
      const optionsJSON = await api.post<PublicKeyCredentialRequestOptionsJSON>('/auth/passkeys/mfa/options');
      const response = await startAuthentication({ optionsJSON });
      await api.post<void>('/auth/passkeys/mfa/verify', { json: { response } });
    },
    onSuccess: passed,
  });
}

/** Passwordless sign-in: the browser offers the passkeys it holds for this site. */
export function usePasskeySignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const optionsJSON = await api.post<PublicKeyCredentialRequestOptionsJSON>(
        '/auth/passkeys/sign-in/options',
      );
      const response = await startAuthentication({ optionsJSON });
      const result = await api.post<SignInResult>('/auth/passkeys/sign-in/verify', { json: { response } });
      // A new session starts: whatever was cached belonged to the previous one.
      setCsrfToken(result.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.setupStatus[0] });
      return result;
    },
  });
}
