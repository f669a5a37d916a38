import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';
import { api, apiRequest, buildUrl } from './client.ts';
import { getCsrfToken } from './csrf-token.ts';
import type { ApiIssue } from './types.ts';

export type ControlStatus = 'ok' | 'stale' | 'failing' | 'not_assessed' | 'not_applicable';
export type SignalState = 'pass' | 'warn' | 'fail' | 'stale' | 'missing';

export interface ControlSignal {
  signal: string;
  value: number | null;
  observedAt: string | null;
  state: SignalState;
}

export interface ControlStatusView {
  id: string;
  title: string;
  category: string;
  scope: 'dso' | 'practice';
  status: ControlStatus;
  reason: string;
  hipaa: string[];
  csf: string[];
  evidenceCount: number;
  nextExpiry: string | null;
  signals: ControlSignal[];
}

export interface ControlList {
  items: ControlStatusView[];
  counts: Record<ControlStatus, number>;
  categories: { id: string; title: string }[];
}

export interface EvidenceView {
  id: string;
  controlId: string;
  practiceId: string | null;
  vendorId: string | null;
  kind: 'file' | 'link' | 'attestation';
  title: string;
  description: string | null;
  fileName: string | null;
  mediaType: string | null;
  size: number | null;
  sha256: string | null;
  url: string | null;
  statement: string | null;
  attestedBy: string | null;
  attestedByName: string | null;
  effectiveDate: string;
  expiresAt: string | null;
  isValid: boolean;
  ownerUserId: string | null;
  reviewerUserId: string | null;
  reviewedAt: string | null;
  status: 'active' | 'superseded' | 'rejected';
  withdrawnReason: string | null;
  withdrawnAt: string | null;
  uploadedBy: string;
  uploadedByName: string | null;
  uploadedAt: string;
  retainUntil: string;
}

export interface SignalReadingView {
  practiceId: string | null;
  practiceName: string | null;
  value: number;
  observedAt: string;
  source: string;
  state: SignalState;
}

export interface SignalSummary {
  id: string;
  title: string;
  unit: string;
  value: number | null;
  observedAt: string | null;
  state: SignalState;
  controlIds: string[];
  description: string;
  direction: 'higher' | 'lower';
  warnAt: number;
  failAt: number;
  maxAgeDays: number;
  readings: SignalReadingView[];
}

export interface ControlDetail extends ControlStatusView {
  description: string;
  categoryTitle: string;
  hicp: string[];
  cpg: string[];
  evidenceGuidance: string;
  validityDays: number;
  settings: {
    ownerUserId: string | null;
    reviewerUserId: string | null;
    notApplicableReason: string | null;
    updatedAt: string | null;
  };
  signalDetails: SignalSummary[];
  evidence: EvidenceView[];
}

export interface EvidenceFields {
  controlId: string;
  title: string;
  effectiveDate: string;
  expiresAt?: string | undefined;
  practiceId?: string | null | undefined;
  description?: string | null | undefined;
  ownerUserId?: string | null | undefined;
  reviewerUserId?: string | null | undefined;
}

export type NewEvidence =
  | { kind: 'file'; file: File; fields: EvidenceFields }
  | { kind: 'link'; url: string; fields: EvidenceFields }
  | { kind: 'attestation'; statement: string; fields: EvidenceFields };

export interface ReadingInput {
  signal: string;
  practiceId?: string | null;
  value: number;
  observedAt: string;
}

export const controlKeys = {
  all: ['controls'] as const,
  list: (params: object) => ['controls', 'list', params] as const,
  detail: (id: string) => ['controls', 'detail', id] as const,
  signals: ['controls', 'signals'] as const,
};

export function useControlList(params: {
  status?: ControlStatus | undefined;
  category?: string | undefined;
  search?: string | undefined;
}) {
  return useQuery({
    queryKey: controlKeys.list(params),
    queryFn: ({ signal }) => api.get<ControlList>('/compliance/controls', { query: params, signal }),
  });
}

export function useControl(id: string) {
  return useQuery({
    queryKey: controlKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<ControlDetail>(`/compliance/controls/${encodeURIComponent(id)}`, { signal }),
  });
}

export function useSignals() {
  return useQuery({
    queryKey: controlKeys.signals,
    queryFn: async ({ signal }) =>
      (await api.get<{ items: SignalSummary[] }>('/compliance/signals', { signal })).items,
  });
}

function useInvalidateControls() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: controlKeys.all });
}

/** Multipart upload: the shared client sends JSON or CSV only. */
async function uploadFile(file: File, fields: EvidenceFields): Promise<EvidenceView> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined && value !== null && value !== '') form.append(key, String(value));
  }
  form.append('file', file, file.name);
  const headers = new Headers({ accept: 'application/json' });
  const csrf = getCsrfToken();
  if (csrf) headers.set('X-CSRF-Token', csrf);
  let response: Response;
  try {
    response = await fetch(buildUrl('/compliance/evidence'), {
      method: 'POST',
      body: form,
      headers,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ code: 'NETWORK_ERROR', message: 'The Enamel server cannot be reached.', status: 0 });
  }
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; issues?: ApiIssue[]; requestId?: string };
  } & EvidenceView;
  if (!response.ok) {
    throw new ApiError({
      code: body.error?.code ?? `HTTP_${response.status}`,
      message: body.error?.message ?? `The server answered ${response.status}.`,
      status: response.status,
      issues: body.error?.issues ?? [],
      requestId: body.error?.requestId ?? null,
    });
  }
  return body;
}

export function useCreateEvidence() {
  const invalidate = useInvalidateControls();
  return useMutation({
    mutationFn: (input: NewEvidence) => {
      switch (input.kind) {
        case 'file':
          return uploadFile(input.file, input.fields);
        case 'link':
          return api.post<EvidenceView>('/compliance/evidence', {
            json: { kind: 'link', url: input.url, ...input.fields },
          });
        case 'attestation':
          return api.post<EvidenceView>('/compliance/evidence', {
            json: { kind: 'attestation', statement: input.statement, ...input.fields },
          });
      }
    },
    onSuccess: invalidate,
  });
}

export function useWithdrawEvidence() {
  const invalidate = useInvalidateControls();
  return useMutation({
    mutationFn: (input: { id: string; status: 'rejected' | 'superseded'; reason: string }) =>
      api.post<EvidenceView>(`/compliance/evidence/${encodeURIComponent(input.id)}/withdraw`, {
        json: { status: input.status, reason: input.reason },
      }),
    onSuccess: invalidate,
  });
}

export function useReviewEvidence() {
  const invalidate = useInvalidateControls();
  return useMutation({
    mutationFn: (id: string) =>
      api.patch<EvidenceView>(`/compliance/evidence/${encodeURIComponent(id)}`, { json: { reviewed: true } }),
    onSuccess: invalidate,
  });
}

export function useUpdateControlSettings(id: string) {
  const invalidate = useInvalidateControls();
  return useMutation({
    mutationFn: (input: {
      ownerUserId: string | null;
      reviewerUserId: string | null;
      notApplicableReason: string | null;
    }) =>
      apiRequest<ControlDetail>('PUT', `/compliance/controls/${encodeURIComponent(id)}/settings`, {
        json: input,
      }),
    onSuccess: invalidate,
  });
}

export function useRecordReading() {
  const invalidate = useInvalidateControls();
  return useMutation({
    mutationFn: (input: ReadingInput) =>
      api.post<{ items: unknown[] }>('/compliance/signals/readings', { json: input }),
    onSuccess: invalidate,
  });
}

export function useImportReadings() {
  const invalidate = useInvalidateControls();
  return useMutation({
    mutationFn: (csv: string) => api.post<{ imported: number }>('/compliance/signals/import', { csv }),
    onSuccess: invalidate,
  });
}

export function evidenceDownloadUrl(id: string): string {
  return buildUrl(`/compliance/evidence/${encodeURIComponent(id)}/download`);
}
