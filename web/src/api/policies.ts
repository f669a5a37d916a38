import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';

export type PolicyCategory =
  | 'governance'
  | 'workforce'
  | 'access'
  | 'audit'
  | 'contingency'
  | 'incident'
  | 'physical'
  | 'vendors'
  | 'training'
  | 'other';
export type ReviewStatus = 'not_approved' | 'current' | 'due_soon' | 'overdue';
export type VersionStatus = 'draft' | 'approved' | 'retired';

export interface PolicyTemplate {
  id: string;
  title: string;
  category: PolicyCategory;
  reviewIntervalMonths: number;
  hipaa: string[];
  body: string;
}

export interface PolicyVersion {
  id: string;
  policyId: string;
  version: number;
  status: VersionStatus;
  body: string;
  sha256: string;
  changeNote: string | null;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface PolicyView {
  id: string;
  templateId: string | null;
  title: string;
  category: PolicyCategory;
  hipaa: string[];
  ownerUserId: string | null;
  ownerName: string | null;
  reviewIntervalMonths: number;
  nextReviewDate: string | null;
  reviewStatus: ReviewStatus;
  currentVersion: {
    id: string;
    version: number;
    status: VersionStatus;
    approvedBy: string | null;
    approvedAt: string | null;
  } | null;
  latestVersion: { id: string; version: number; status: VersionStatus } | null;
  createdAt: string;
  updatedAt: string;
}

export interface PolicyDetail extends PolicyView {
  versions: PolicyVersion[];
}

export interface CreatePolicyInput {
  templateId?: string;
  title?: string;
  body?: string;
  category?: PolicyCategory;
  reviewIntervalMonths?: number;
  securityOfficial?: string;
}

export interface CampaignView {
  id: string;
  title: string;
  status: 'open' | 'closed';
  dueDate: string;
  overdue: boolean;
  audience: { practiceIds: string[]; jobRoles: string[] };
  policies: { policyId: string; versionId: string; title: string; version: number }[];
  total: number;
  acknowledged: number;
  percent: number;
  createdBy: string;
  createdAt: string;
  closedAt: string | null;
}

export interface CampaignPerson {
  attestationId: string;
  personId: string;
  firstName: string;
  lastName: string;
  email: string;
  jobRole: string;
  practices: { id: string; name: string }[];
  status: 'pending' | 'acknowledged';
  acknowledgedAt: string | null;
  method: string | null;
  remindersSent: number;
  lastRemindedAt: string | null;
}

export interface CampaignDetail extends CampaignView {
  practices: { practiceId: string; name: string; total: number; acknowledged: number; percent: number }[];
  people: CampaignPerson[];
}

export interface Delivery {
  sent: number;
  notSent: number;
  problem: string | null;
  skipped: number;
}

export interface CreateCampaignInput {
  title: string;
  policyVersionIds: string[];
  audience: { practiceIds?: string[]; jobRoles?: string[] };
  dueDate: string;
}

export interface PublicAttestation {
  firstName: string;
  dsoName: string;
  campaignTitle: string;
  dueDate: string;
  status: 'pending' | 'acknowledged';
  acknowledgedAt: string | null;
  policies: { title: string; version: number; body: string }[];
}

export const policyKeys = {
  all: ['compliance', 'policies'] as const,
  templates: ['compliance', 'policy-templates'] as const,
  list: () => ['compliance', 'policies', 'list'] as const,
  detail: (id: string) => ['compliance', 'policies', 'detail', id] as const,
  campaigns: ['compliance', 'campaigns'] as const,
  campaign: (id: string) => ['compliance', 'campaigns', 'detail', id] as const,
};

const policyPath = (id: string) => `/compliance/policies/${encodeURIComponent(id)}`;
const campaignPath = (id: string) => `/compliance/campaigns/${encodeURIComponent(id)}`;

export function usePolicyTemplates() {
  return useQuery({
    queryKey: policyKeys.templates,
    queryFn: () => api.get<{ items: PolicyTemplate[] }>('/compliance/policy-templates'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function usePolicies() {
  return useQuery({
    queryKey: policyKeys.list(),
    queryFn: () => api.get<{ items: PolicyView[] }>('/compliance/policies'),
  });
}

export function usePolicy(id: string) {
  return useQuery({ queryKey: policyKeys.detail(id), queryFn: () => api.get<PolicyDetail>(policyPath(id)) });
}

function useInvalidatePolicies() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: policyKeys.all });
}

export function useCreatePolicy() {
  const invalidate = useInvalidatePolicies();
  return useMutation({
    mutationFn: (input: CreatePolicyInput) => api.post<PolicyDetail>('/compliance/policies', { json: input }),
    onSuccess: invalidate,
  });
}

export function useCreatePolicyVersion(id: string) {
  const invalidate = useInvalidatePolicies();
  return useMutation({
    mutationFn: (input: { body: string; changeNote: string }) =>
      api.post<PolicyDetail>(`${policyPath(id)}/versions`, { json: input }),
    onSuccess: invalidate,
  });
}

export function useApprovePolicyVersion(id: string) {
  const invalidate = useInvalidatePolicies();
  return useMutation({
    mutationFn: (versionId: string) =>
      api.post<PolicyDetail>(`${policyPath(id)}/versions/${encodeURIComponent(versionId)}/approve`),
    onSuccess: invalidate,
  });
}

export function useUpdatePolicy(id: string) {
  const invalidate = useInvalidatePolicies();
  return useMutation({
    mutationFn: (input: { reviewIntervalMonths?: number; ownerUserId?: string | null; title?: string }) =>
      api.patch<PolicyView>(policyPath(id), { json: input }),
    onSuccess: invalidate,
  });
}

export function useCampaigns() {
  return useQuery({
    queryKey: policyKeys.campaigns,
    queryFn: () => api.get<{ items: CampaignView[] }>('/compliance/campaigns'),
  });
}

export function useCampaign(id: string | null) {
  return useQuery({
    queryKey: policyKeys.campaign(id ?? ''),
    queryFn: () => api.get<CampaignDetail>(campaignPath(id ?? '')),
    enabled: id !== null,
  });
}

function useInvalidateCampaigns() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: policyKeys.campaigns });
}

export function useCreateCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (input: CreateCampaignInput) =>
      api.post<CampaignDetail & { delivery: Delivery }>('/compliance/campaigns', { json: input }),
    onSuccess: invalidate,
  });
}

export function useCloseCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (id: string) => api.post<CampaignDetail>(`${campaignPath(id)}/close`),
    onSuccess: invalidate,
  });
}

export function useRemindCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (id: string) => api.post<Delivery>(`${campaignPath(id)}/remind`),
    onSuccess: invalidate,
  });
}

export function useAttestationLookup(token: string) {
  return useQuery({
    queryKey: ['attestation-link', token] as const,
    queryFn: () => api.post<PublicAttestation>('/attestations/lookup', { json: { token } }),
    enabled: token.length > 0,
    retry: false,
  });
}

export function useAcknowledgeLink() {
  return useMutation({
    mutationFn: (token: string) =>
      api.post<PublicAttestation>('/attestations/acknowledge', { json: { token } }),
  });
}

/** One of the signed-in person's own attestations (matched by their email). */
export interface MyAttestation {
  id: string;
  campaignId: string;
  campaignTitle: string;
  dueDate: string;
  overdue: boolean;
  status: 'pending' | 'acknowledged';
  acknowledgedAt: string | null;
  method: string | null;
  policies: { title: string; version: number; body: string }[];
}

const myAttestationsKey = ['me', 'attestations'] as const;

export function useMyAttestations() {
  return useQuery({
    queryKey: myAttestationsKey,
    queryFn: () => api.get<{ items: MyAttestation[] }>('/me/attestations'),
  });
}

export function useAcknowledgeMine() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<MyAttestation>(`/me/attestations/${encodeURIComponent(id)}/acknowledge`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myAttestationsKey }),
  });
}
