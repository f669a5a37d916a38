import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Page } from './types.ts';

export type Rating = 'low' | 'medium' | 'high';
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';
export type RiskStatus = 'proposed' | 'open' | 'closed';
export type RiskState = 'proposed' | 'open' | 'accepted' | 'acceptance_expired' | 'closed';
export type Treatment = 'mitigate' | 'accept' | 'transfer' | 'avoid';
export type TaskStatus = 'open' | 'in_progress' | 'done' | 'cancelled';

export interface OwnerRef {
  id: string;
  displayName: string;
  email: string;
}

export interface RiskView {
  id: string;
  practiceId: string | null;
  practiceName: string | null;
  title: string;
  threat: string;
  vulnerability: string;
  assetGroup: string;
  likelihood: Rating;
  impact: Rating;
  level: RiskLevel;
  residualLikelihood: Rating | null;
  residualImpact: Rating | null;
  residualLevel: RiskLevel | null;
  status: RiskStatus;
  state: RiskState;
  source: string;
  sourceRef: string | null;
  ownerUserId: string | null;
  owner: OwnerRef | null;
  treatment: Treatment | null;
  treatmentNote: string | null;
  nextReviewDate: string | null;
  acceptance: { approver: string; reason: string; expiresOn: string; acceptedAt: string } | null;
  closeSuggested: boolean;
  sourceResolvedAt: string | null;
  needsReview: boolean;
  editable: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RiskInput {
  title?: string;
  threat?: string;
  vulnerability?: string;
  assetGroup?: string;
  likelihood?: Rating;
  impact?: Rating;
  practiceId?: string | null;
  ownerUserId?: string | null;
  treatment?: Treatment | null;
  treatmentNote?: string | null;
  residualLikelihood?: Rating | null;
  residualImpact?: Rating | null;
  nextReviewDate?: string | null;
  status?: RiskStatus;
}

export interface RiskFilters {
  status?: string;
  level?: string;
  practiceId?: string;
  treatment?: string;
  ownerUserId?: string;
  source?: string;
  likelihood?: string;
  impact?: string;
  residualLikelihood?: string;
  residualImpact?: string;
}

export interface MatrixSide {
  cells: { likelihood: Rating; impact: Rating; level: RiskLevel; count: number }[];
  levels: Record<RiskLevel, number>;
  unrated: number;
}

export interface RiskMatrix {
  total: number;
  inherent: MatrixSide;
  residual: MatrixSide;
}

export interface ProposeResult {
  created: number;
  updated: number;
  unchanged: number;
  flaggedForClosing: number;
}

export interface TaskView {
  id: string;
  practiceId: string | null;
  practiceName: string | null;
  title: string;
  description: string | null;
  ownerUserId: string | null;
  owner: OwnerRef | null;
  dueDate: string;
  status: TaskStatus;
  overdue: boolean;
  riskIds: string[];
  risks: { id: string; title: string; level: string }[];
  controlIds: string[];
  controls: { id: string; title: string }[];
  completedAt: string | null;
  lastReminderAt: string | null;
  escalatedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TaskInput {
  title?: string;
  description?: string | null;
  ownerUserId?: string | null;
  dueDate?: string;
  status?: TaskStatus;
  practiceId?: string | null;
  riskIds?: string[];
  controlIds?: string[];
}

export interface TaskFilters {
  status?: string;
  overdue?: string;
  practiceId?: string;
  riskId?: string;
  ownerUserId?: string;
}

export const riskKeys = {
  all: ['compliance-risks'] as const,
  list: (filters: RiskFilters) => ['compliance-risks', 'list', filters] as const,
  one: (id: string) => ['compliance-risks', 'one', id] as const,
  matrix: (practiceId?: string) => ['compliance-risks', 'matrix', practiceId ?? ''] as const,
  owners: ['compliance-risks', 'owners'] as const,
  tasks: ['compliance-tasks'] as const,
  taskList: (filters: TaskFilters) => ['compliance-tasks', 'list', filters] as const,
};

const riskPath = (id: string) => `/compliance/risks/${encodeURIComponent(id)}`;
const taskPath = (id: string) => `/compliance/tasks/${encodeURIComponent(id)}`;

export function useRiskList(filters: RiskFilters) {
  return useInfiniteQuery({
    queryKey: riskKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<RiskView>>('/compliance/risks', {
        query: { ...filters, limit: 100, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Every risk at once (up to 200), for pickers. */
export function useRiskOptions() {
  return useQuery({
    queryKey: riskKeys.list({ status: 'open' }),
    queryFn: async () =>
      (await api.get<Page<RiskView>>('/compliance/risks', { query: { limit: 200 } })).items,
  });
}

export function useRiskMatrix(practiceId?: string) {
  return useQuery({
    queryKey: riskKeys.matrix(practiceId),
    queryFn: () => api.get<RiskMatrix>('/compliance/risks/matrix', { query: { practiceId } }),
  });
}

export function useOwnerOptions() {
  return useQuery({
    queryKey: riskKeys.owners,
    queryFn: async () =>
      (await api.get<{ items: (OwnerRef & { role: string })[] }>('/compliance/risk-owners')).items,
  });
}

function useInvalidateRisks() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: riskKeys.all });
    await queryClient.invalidateQueries({ queryKey: riskKeys.tasks });
  };
}

export function useCreateRisk() {
  const onSuccess = useInvalidateRisks();
  return useMutation({
    mutationFn: (input: RiskInput) => api.post<RiskView>('/compliance/risks', { json: input }),
    onSuccess,
  });
}

export function useUpdateRisk() {
  const onSuccess = useInvalidateRisks();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: RiskInput }) =>
      api.patch<RiskView>(riskPath(id), { json: input }),
    onSuccess,
  });
}

export function useAcceptRisk() {
  const onSuccess = useInvalidateRisks();
  return useMutation({
    mutationFn: ({ id, reason, expiresOn }: { id: string; reason: string; expiresOn: string }) =>
      api.post<RiskView>(`${riskPath(id)}/accept`, { json: { reason, expiresOn } }),
    onSuccess,
  });
}

export function useProposeRisks() {
  const onSuccess = useInvalidateRisks();
  return useMutation({
    mutationFn: () => api.post<ProposeResult>('/compliance/risks/propose'),
    onSuccess,
  });
}

export function useTaskList(filters: TaskFilters) {
  return useInfiniteQuery({
    queryKey: riskKeys.taskList(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<TaskView>>('/compliance/tasks', {
        query: { ...filters, limit: 100, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCreateTask() {
  const onSuccess = useInvalidateRisks();
  return useMutation({
    mutationFn: (input: TaskInput) => api.post<TaskView>('/compliance/tasks', { json: input }),
    onSuccess,
  });
}

export function useUpdateTask() {
  const onSuccess = useInvalidateRisks();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: TaskInput }) =>
      api.patch<TaskView>(taskPath(id), { json: input }),
    onSuccess,
  });
}

/** Catalogue controls to link tasks to (id and title only). */
export function useControlOptions() {
  return useQuery({
    queryKey: ['compliance-risks', 'control-options'] as const,
    queryFn: async () =>
      (await api.get<{ items: { id: string; title: string }[] }>('/compliance/controls')).items.map((c) => ({
        id: c.id,
        title: c.title,
      })),
  });
}
