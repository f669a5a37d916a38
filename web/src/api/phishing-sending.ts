import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

export interface HeaderView {
  name: string;
  value: string;
}

/** A sending profile as the API answers it: secrets are only ever "set". */
export interface SendingProfileView {
  id: string;
  name: string;
  smtp: {
    display: string;
    host: string;
    port: number;
    security: 'tls' | 'starttls';
    auth: 'set' | 'not set';
  };
  maxConnections: number;
  dkim: { domain: string; selector: string; privateKey: 'set' } | null;
  headers: HeaderView[];
  simulationHeader: HeaderView;
  createdAt: string;
  updatedAt: string;
}

export interface SendingProfileInput {
  name?: string;
  smtpUrl?: string;
  maxConnections?: number;
  dkim?: { domain: string; selector: string; privateKey?: string } | null;
  headers?: HeaderView[];
  simulationHeader?: HeaderView;
}

export interface TestEmailResult {
  accepted: boolean;
  response: string;
  responseCode: number | null;
  messageId: string | null;
}

const sendingProfilesKey = ['phishing', 'sending-profiles'] as const;
const path = (id: string) => `/phishing/sending-profiles/${encodeURIComponent(id)}`;

export function useSendingProfiles() {
  return useQuery({
    queryKey: sendingProfilesKey,
    queryFn: async () => (await api.get<{ items: SendingProfileView[] }>('/phishing/sending-profiles')).items,
  });
}

function useProfileMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sendingProfilesKey }),
  });
}

export function useCreateSendingProfile() {
  return useProfileMutation((input: SendingProfileInput) =>
    api.post<SendingProfileView>('/phishing/sending-profiles', { json: input }),
  );
}

export function useUpdateSendingProfile() {
  return useProfileMutation(({ id, input }: { id: string; input: SendingProfileInput }) =>
    api.patch<SendingProfileView>(path(id), { json: input }),
  );
}

export function useDeleteSendingProfile() {
  return useProfileMutation((id: string) => api.delete<void>(path(id)));
}

export function useSendTestEmail() {
  return useMutation({
    mutationFn: ({ id, to, from }: { id: string; to: string; from?: string }) =>
      api.post<TestEmailResult>(`${path(id)}/test`, { json: from ? { to, from } : { to } }),
  });
}
