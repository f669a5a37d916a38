import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from './client.ts';
import type { Page } from './types.ts';

// Views of the phishing results API (docs/phishing/results.md).

export interface ResultStats {
  recipients: number;
  sent: number;
  errors: number;
  opened: number;
  clicked: number;
  submitted: number;
  reported: number;
  failed: number;
  missed: number;
  automatedRecipients: number;
  automatedEvents: number;
  failRate: number | null;
  reportRate: number | null;
  missRate: number | null;
  openRate: number | null;
  resilienceRatio: number | null;
}

export interface CampaignResults {
  campaign: { id: string; name: string; status: string; launchAt: string; completedAt: string | null };
  practiceIds: string[] | null;
  stats: ResultStats;
  firstSentAt: string | null;
  firstReportAt: string | null;
  secondsToFirstReport: number | null;
  byPractice: (ResultStats & { practiceId: string | null; practiceName: string | null })[];
  byJobRole: (ResultStats & { jobRole: string })[];
  sharedMailboxes: ResultStats;
}

export const recipientStatuses = ['failed', 'reported', 'missed', 'error', 'automated'] as const;
export type RecipientStatus = (typeof recipientStatuses)[number];

export interface RecipientView {
  id: string;
  personId: string | null;
  email: string;
  firstName: string;
  lastName: string;
  practiceId: string | null;
  practiceName: string | null;
  jobRole: string;
  sharedMailbox: boolean;
  state: string;
  sentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  submittedAt: string | null;
  reportedAt: string | null;
  automatedClicks: number;
  failed: boolean;
  result: string;
  lastError: string | null;
}

export interface RecipientFilters {
  status?: RecipientStatus | undefined;
  practiceId?: string | undefined;
  q?: string | undefined;
}

export interface TimelineView {
  recipient: RecipientView;
  events: {
    id: string;
    type: string;
    label: string;
    occurredAt: string;
    automated: boolean;
    ip: string | null;
    userAgent: string | null;
    detail: Record<string, string | number | boolean>;
  }[];
}

export interface RepeatOffender {
  personId: string | null;
  email: string;
  firstName: string;
  lastName: string;
  practiceId: string | null;
  practiceName: string | null;
  jobRole: string;
  failures: number;
  campaigns: number;
  lastFailedAt: string | null;
}

export interface TrendPoint {
  campaignId: string;
  name: string;
  status: string;
  launchAt: string;
  sent: number;
  failed: number;
  reported: number;
  failRate: number | null;
  reportRate: number | null;
}

export const webhookEvents = ['phishing.failed', 'phishing.reported', 'phishing.sent'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];

export interface WebhookView {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  secret: 'set';
  deliveries: { pending: number; delivered: number; failed: number };
  lastError: string | null;
  lastDeliveredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookInput {
  name?: string;
  url?: string;
  events?: WebhookEvent[];
  active?: boolean;
}

const campaignPath = (id: string) => `/phishing/campaigns/${encodeURIComponent(id)}`;

const keys = {
  results: (id: string) => ['phishing-results', id] as const,
  recipients: (id: string, filters: RecipientFilters) =>
    ['phishing-results', id, 'recipients', filters] as const,
  timeline: (id: string, messageId: string) => ['phishing-results', id, 'timeline', messageId] as const,
  offenders: (threshold: number) => ['phishing-results', 'offenders', threshold] as const,
  trends: ['phishing-results', 'trends'] as const,
  webhooks: ['phishing-webhooks'] as const,
};

/** Refetches every few seconds while the campaign is sending, so progress shows live. */
export function useCampaignResults(id: string) {
  return useQuery({
    queryKey: keys.results(id),
    queryFn: ({ signal }) => api.get<CampaignResults>(`${campaignPath(id)}/results`, { signal }),
    refetchInterval: (query) => (query.state.data?.campaign.status === 'sending' ? 4000 : false),
  });
}

export function useRecipients(id: string, filters: RecipientFilters, live: boolean) {
  return useInfiniteQuery({
    queryKey: keys.recipients(id, filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<RecipientView>>(`${campaignPath(id)}/recipients`, {
        query: { ...filters, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: live ? 8000 : false,
  });
}

export function useTimeline(id: string, messageId: string | null) {
  return useQuery({
    queryKey: keys.timeline(id, messageId ?? ''),
    queryFn: ({ signal }) =>
      api.get<TimelineView>(
        `${campaignPath(id)}/recipients/${encodeURIComponent(messageId ?? '')}/timeline`,
        {
          signal,
        },
      ),
    enabled: messageId !== null,
  });
}

export function useRepeatOffenders(threshold: number) {
  return useQuery({
    queryKey: keys.offenders(threshold),
    queryFn: ({ signal }) =>
      api.get<{ threshold: number; items: RepeatOffender[] }>('/phishing/results/repeat-offenders', {
        query: { threshold },
        signal,
      }),
  });
}

export function useTrends() {
  return useQuery({
    queryKey: keys.trends,
    queryFn: ({ signal }) => api.get<{ items: TrendPoint[] }>('/phishing/results/trends', { signal }),
  });
}

export function resultsCsvUrl(id: string): string {
  return buildUrl(`${campaignPath(id)}/results.csv`);
}

export function summaryPdfUrl(id: string, practiceId?: string): string {
  return buildUrl(`${campaignPath(id)}/summary.pdf`, { practiceId });
}

export function useWebhooks() {
  return useQuery({
    queryKey: keys.webhooks,
    queryFn: ({ signal }) => api.get<{ items: WebhookView[] }>('/phishing/webhooks', { signal }),
  });
}

export function useCreateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Required<WebhookInput>) =>
      api.post<{ webhook: WebhookView; signingSecret: string }>('/phishing/webhooks', { json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhooks }),
  });
}

export function useUpdateWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: WebhookInput }) =>
      api.patch<WebhookView>(`/phishing/webhooks/${encodeURIComponent(id)}`, { json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhooks }),
  });
}

export function useDeleteWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/phishing/webhooks/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.webhooks }),
  });
}
