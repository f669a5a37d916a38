import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, buildUrl } from './client.ts';

export type SuggestedAnswer = 'yes' | 'partly' | 'no' | 'unknown';

export type InsuranceEvidence =
  | {
      kind: 'control';
      id: string;
      title: string;
      status: 'ok' | 'stale' | 'failing' | 'not_assessed' | 'not_applicable' | 'unknown';
      reason: string;
      nextExpiry: string | null;
    }
  | {
      kind: 'signal';
      id: string;
      title: string;
      unit: string;
      value: number | null;
      observedAt: string | null;
      state: 'pass' | 'warn' | 'fail' | 'stale' | 'missing';
    }
  | { kind: 'vendors'; withEphi: number; signed: number; missing: string[] };

export interface InsuranceWarning {
  severity: 'warning' | 'critical';
  message: string;
  fix: string;
}

export interface InsuranceAnswer {
  id: string;
  topic: string;
  text: string;
  suggested: SuggestedAnswer;
  supported: boolean;
  evidence: InsuranceEvidence[];
  warnings: InsuranceWarning[];
  toSupportYes: string;
}

export interface InsuranceView {
  version: string;
  generatedAt: string;
  summary: Record<SuggestedAnswer, number> & { warnings: number };
  questions: InsuranceAnswer[];
}

export interface SignOffView {
  id: string;
  signerName: string;
  signerTitle: string;
  statement: string;
  contentSha256: string;
  signedAt: string;
}

export interface SignOffHistory {
  items: SignOffView[];
  currentSha256: string;
  changedSinceSignOff: boolean | null;
}

export interface SignOffInput {
  signerTitle: string;
  statement: string;
}

const keys = {
  insurance: ['compliance', 'insurance'] as const,
  signOffs: ['compliance', 'report', 'sign-offs'] as const,
};

export function useInsuranceView(enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.insurance,
    queryFn: ({ signal }) => api.get<InsuranceView>('/compliance/insurance', { signal }),
  });
}

export function useSignOffHistory(enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.signOffs,
    queryFn: ({ signal }) => api.get<SignOffHistory>('/compliance/report/sign-offs', { signal }),
  });
}

export function useSignOff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: SignOffInput) =>
      api.post<SignOffView>('/compliance/report/sign-off', { json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.signOffs }),
  });
}

/** A plain link: the browser downloads the stream itself (a GET needs no CSRF token). */
export function reportUrl(format: 'pdf' | 'csv'): string {
  return buildUrl('/compliance/report', { format });
}
