import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from './client.ts';

/** The risk-analysis questionnaire, answers at DSO, region and practice scope, progress and the heatmap. */

export type ScopeType = 'dso' | 'region' | 'practice';

export interface Reference {
  id: string;
  title: string;
}

export interface OptionView {
  id: string;
  label: string;
  score: number;
  guidance: string;
  notApplicable: boolean;
  vulnerabilities: Reference[];
}

export interface QuestionView {
  id: string;
  area: string;
  text: string;
  regulation: Reference[];
  csf: Reference[];
  /** Catalogue controls that carry the question out. */
  controls: Reference[];
  defaultScope: ScopeType;
  allowNotApplicable: boolean;
  options: OptionView[];
}

export interface AreaView {
  id: string;
  title: string;
  questions: number;
}

export interface QuestionnaireView {
  version: string;
  effectiveDate: string;
  scoreScale: Record<string, string>;
  areas: AreaView[];
  questions: QuestionView[];
}

export interface AnswerView {
  id: string;
  scopeType: ScopeType;
  scopeId: string;
  questionId: string;
  optionId: string;
  score: number | null;
  justification: string | null;
  note: string | null;
  answeredBy: string;
  answeredAt: string;
}

export type LevelAnswer = AnswerView & { level: ScopeType };

export interface AreaProgress {
  areaId: string;
  answered: number;
  total: number;
  percent: number;
}

export interface ScopeAssessmentView {
  scopeType: ScopeType;
  scopeId: string;
  name: string;
  regionId: string | null;
  questions: {
    questionId: string;
    area: string;
    own: AnswerView | null;
    inherited: LevelAnswer | null;
    effective: LevelAnswer | null;
    overrides: boolean;
  }[];
  areas: AreaProgress[];
  answered: number;
  total: number;
  percent: number;
}

export interface ProgressView {
  practices: {
    practiceId: string;
    practiceName: string;
    regionId: string | null;
    answered: number;
    total: number;
    percent: number;
    areas: AreaProgress[];
  }[];
  areas: (AreaProgress & { title: string })[];
  totals: { practices: number; completePractices: number; answered: number; total: number; percent: number };
}

export interface HeatmapCell {
  areaId: string;
  answered: number;
  total: number;
  gaps: number;
  score: number | null;
}

export interface HeatmapView {
  areas: AreaView[];
  rows: {
    practiceId: string;
    practiceName: string;
    regionId: string | null;
    answered: number;
    total: number;
    cells: HeatmapCell[];
  }[];
  areaTotals: HeatmapCell[];
}

export interface AnswerInput {
  optionId: string;
  justification?: string | null;
  note?: string | null;
}

export const assessmentKeys = {
  all: ['compliance', 'assessment'] as const,
  questionnaire: ['compliance', 'assessment', 'questionnaire'] as const,
  scope: (scopeType: ScopeType, scopeId: string) =>
    ['compliance', 'assessment', 'scope', scopeType, scopeId] as const,
  progress: ['compliance', 'assessment', 'progress'] as const,
  heatmap: (regionId: string | null) => ['compliance', 'assessment', 'heatmap', regionId] as const,
};

const answerPath = (scopeType: ScopeType, scopeId: string, questionId: string) =>
  `/compliance/answers/${scopeType}/${encodeURIComponent(scopeId)}/${encodeURIComponent(questionId)}`;

export function useQuestionnaire() {
  return useQuery({
    queryKey: assessmentKeys.questionnaire,
    queryFn: () => api.get<QuestionnaireView>('/compliance/questionnaire'),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useScopeAssessment(scopeType: ScopeType, scopeId: string | null) {
  return useQuery({
    queryKey: assessmentKeys.scope(scopeType, scopeId ?? ''),
    queryFn: () =>
      api.get<ScopeAssessmentView>('/compliance/assessment', {
        query: { scopeType, scopeId: scopeId ?? '' },
      }),
    enabled: scopeId !== null && scopeId !== '',
  });
}

export function useComplianceProgress() {
  return useQuery({
    queryKey: assessmentKeys.progress,
    queryFn: () => api.get<ProgressView>('/compliance/progress'),
  });
}

export function useHeatmap(regionId: string | null) {
  return useQuery({
    queryKey: assessmentKeys.heatmap(regionId),
    queryFn: () => api.get<HeatmapView>('/compliance/heatmap', { query: { regionId } }),
  });
}

/** An answer changes what every practice below it inherits, so every assessment view refreshes. */
function useInvalidateAssessment() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all });
}

export function useSetAnswer(scopeType: ScopeType, scopeId: string) {
  const invalidate = useInvalidateAssessment();
  return useMutation({
    mutationFn: ({ questionId, input }: { questionId: string; input: AnswerInput }) =>
      apiRequest<AnswerView>('PUT', answerPath(scopeType, scopeId, questionId), { json: input }),
    onSuccess: invalidate,
  });
}

export function useClearAnswer(scopeType: ScopeType, scopeId: string) {
  const invalidate = useInvalidateAssessment();
  return useMutation({
    mutationFn: (questionId: string) => api.delete<void>(answerPath(scopeType, scopeId, questionId)),
    onSuccess: invalidate,
  });
}
