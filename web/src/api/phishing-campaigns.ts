import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Page } from './types.ts';

// Views of the phishing campaigns API (docs/phishing/campaigns.md).

export const campaignStatuses = [
  'draft',
  'scheduled',
  'sending',
  'paused',
  'completed',
  'cancelled',
] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export interface BusinessHours {
  start: string;
  end: string;
  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  days: number[];
}

export interface SharedMailbox {
  email: string;
  practiceId: string;
  label: string;
}

export interface Audience {
  practiceIds?: string[];
  jobRoles?: string[];
  tags?: string[];
  sharedMailboxes?: SharedMailbox[];
}

export interface MessageCounts {
  total: number;
  scheduled: number;
  sending: number;
  sent: number;
  error: number;
  cancelled: number;
}

export interface CampaignView {
  id: string;
  name: string;
  status: CampaignStatus;
  templateIds: string[];
  landingPageId: string | null;
  sendingProfileId: string | null;
  audience: Audience;
  launchAt: string;
  sendBy: string | null;
  businessHours: BusinessHours;
  recipients: number;
  counts: MessageCounts;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

export interface EmailPreview {
  templateId: string;
  templateName: string;
  recipientEmail: string;
  senderName: string;
  senderAddress: string;
  subject: string;
  html: string;
  text: string;
}

export interface AudiencePreview {
  total: number;
  people: number;
  sharedMailboxes: number;
  byPractice: { practiceId: string; practiceName: string; count: number }[];
  byRole: { jobRole: string; count: number }[];
  sample: {
    firstName: string;
    lastName: string;
    email: string;
    jobRole: string;
    practiceId: string;
    practiceName: string;
    sharedMailbox: boolean;
  }[];
  email: EmailPreview | null;
}

export interface CreateCampaignInput {
  name: string;
  templateIds: string[];
  landingPageId: string | null;
  sendingProfileId: string;
  audience: Audience;
  launchAt: string;
  sendBy: string | null;
  businessHours: BusinessHours;
}

/** What the wizard lists from the templates, landing pages and sending profiles APIs. */
export interface TemplateOption {
  id: string;
  builtin: boolean;
  name: string;
  category: string;
  difficulty: number;
  senderName: string;
  subject: string;
}
export interface TemplateDetail extends TemplateOption {
  html: string;
}
export interface NamedOption {
  id: string;
  name: string;
}

export const campaignKeys = {
  all: ['phishing', 'campaigns'] as const,
  list: (status: CampaignStatus | null) => ['phishing', 'campaigns', 'list', status] as const,
  audience: (audience: Audience) => ['phishing', 'campaigns', 'audience', audience] as const,
};

export function useCampaigns(status: CampaignStatus | null) {
  return useInfiniteQuery({
    queryKey: campaignKeys.list(status),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<CampaignView>>('/phishing/campaigns', {
        query: { status, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Live progress while a campaign sends.
    refetchInterval: 15_000,
  });
}

export function useAudiencePreview(audience: Audience, templateId: string | null, enabled = true) {
  return useQuery({
    queryKey: [...campaignKeys.audience(audience), templateId],
    queryFn: ({ signal }) =>
      api.post<AudiencePreview>('/phishing/campaigns/preview-audience', {
        json: { audience, ...(templateId ? { templateId } : {}) },
        signal,
      }),
    enabled,
    placeholderData: (previous) => previous,
  });
}

export function useCreateCampaign() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCampaignInput) =>
      api.post<CampaignView>('/phishing/campaigns', { json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
  });
}

export type CampaignAction = 'pause' | 'resume' | 'cancel';

export function useCampaignAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: CampaignAction }) =>
      api.post<CampaignView>(`/phishing/campaigns/${encodeURIComponent(id)}/${action}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: campaignKeys.all }),
  });
}

export function useTemplateOptions() {
  return useQuery({
    queryKey: ['phishing', 'campaigns', 'template-options'],
    queryFn: async () => (await api.get<{ items: TemplateOption[] }>('/phishing/templates')).items,
  });
}

export function useTemplateDetail(id: string | null) {
  return useQuery({
    queryKey: ['phishing', 'campaigns', 'template', id],
    queryFn: () => api.get<TemplateDetail>(`/phishing/templates/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });
}

export function useSendingProfileOptions() {
  return useQuery({
    queryKey: ['phishing', 'campaigns', 'sending-profiles'],
    queryFn: async () => (await api.get<{ items: NamedOption[] }>('/phishing/sending-profiles')).items,
  });
}

export function useLandingPageOptions() {
  return useQuery({
    queryKey: ['phishing', 'campaigns', 'landing-pages'],
    queryFn: async () =>
      (
        await api.get<{ items: (NamedOption & { kind: string; builtin: boolean })[] }>(
          '/phishing/landing-pages',
        )
      ).items,
  });
}
