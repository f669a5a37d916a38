import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';
import { reportAuthFailure } from './auth-events.ts';
import { api, buildUrl } from './client.ts';
import { getCsrfToken } from './csrf-token.ts';
import type { ApiIssue } from './types.ts';

// Views of the template library and landing pages API (docs/phishing/templates.md).

export const templateCategories = [
  'patient-intake',
  'payer',
  'regulator',
  'association',
  'vendor',
  'finance-hr',
  'it',
] as const;
export type TemplateCategory = (typeof templateCategories)[number];
export type TemplateSource = 'builtin' | 'custom' | 'eml' | 'gophish';
export type LandingPageKind = 'teachable' | 'credential';

export interface RedFlag {
  label: string;
  explanation: string;
}

export interface Variable {
  name: string;
  description: string;
}

export interface TemplateSummary {
  id: string;
  builtin: boolean;
  source: TemplateSource;
  name: string;
  category: TemplateCategory;
  difficulty: number;
  senderName: string;
  senderAddress: string;
  subject: string;
  redFlagCount: number;
  updatedAt: string | null;
}

export interface TemplateView extends TemplateSummary {
  html: string;
  text: string;
  redFlags: RedFlag[];
  variables: Variable[];
  createdAt: string | null;
}

export interface TemplateInput {
  name: string;
  category: TemplateCategory;
  difficulty: number;
  senderName: string;
  senderAddress: string;
  subject: string;
  html: string;
  text?: string;
  redFlags: RedFlag[];
}

export interface TemplateFilters {
  category?: TemplateCategory | undefined;
  difficulty?: number | undefined;
}

export interface LandingPageView {
  id: string;
  builtin: boolean;
  source: 'builtin' | 'custom' | 'gophish';
  name: string;
  kind: LandingPageKind;
  html: string;
  redirectUrl: string | null;
  variables: Variable[];
  createdAt: string | null;
  updatedAt: string | null;
}

export interface LandingPageInput {
  name: string;
  kind: LandingPageKind;
  html: string;
  redirectUrl: string | null;
}

export interface GophishImportResult {
  templates: { id: string; name: string }[];
  landingPages: { id: string; name: string; kind: LandingPageKind }[];
  groups: {
    name: string;
    matched: { email: string; personId: string; name: string }[];
    unmatched: { email: string; firstName: string; lastName: string; position: string }[];
  }[];
  warnings: { path: (string | number)[]; message: string }[];
}

const keys = {
  all: ['phishing', 'templates'] as const,
  list: (filters: TemplateFilters) => ['phishing', 'templates', 'list', filters] as const,
  one: (id: string) => ['phishing', 'templates', 'one', id] as const,
  pages: ['phishing', 'landing-pages'] as const,
};

const templatePath = (id: string) => `/phishing/templates/${encodeURIComponent(id)}`;
const pagePath = (id: string) => `/phishing/landing-pages/${encodeURIComponent(id)}`;

export function useTemplates(filters: TemplateFilters) {
  return useQuery({
    queryKey: keys.list(filters),
    queryFn: () =>
      api.get<{ items: TemplateSummary[] }>('/phishing/templates', {
        query: { category: filters.category, difficulty: filters.difficulty },
      }),
  });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: keys.one(id ?? ''),
    queryFn: () => api.get<TemplateView>(templatePath(id ?? '')),
    enabled: id !== null,
  });
}

/** Creates (id null) or updates a custom template. */
export function useSaveTemplate(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TemplateInput) =>
      id === null
        ? api.post<TemplateView>('/phishing/templates', { json: input })
        : api.patch<TemplateView>(templatePath(id), { json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['phishing'] }),
  });
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(templatePath(id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['phishing'] }),
  });
}

/** Posts a raw message as message/rfc822 (the shared client sends JSON and CSV only). */
async function postEml(file: File, category: TemplateCategory, difficulty: number): Promise<TemplateView> {
  const headers = new Headers({ accept: 'application/json', 'content-type': 'message/rfc822' });
  const csrf = getCsrfToken();
  if (csrf) headers.set('X-CSRF-Token', csrf);
  const response = await fetch(buildUrl('/phishing/templates/import-eml', { category, difficulty }), {
    method: 'POST',
    headers,
    body: file,
    credentials: 'same-origin',
  });
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; issues?: ApiIssue[]; requestId?: string };
  };
  if (response.ok) return body as unknown as TemplateView;
  const error = new ApiError({
    code: body.error?.code ?? `HTTP_${response.status}`,
    message: body.error?.message ?? `The server answered ${response.status}.`,
    status: response.status,
    issues: body.error?.issues ?? [],
    requestId: body.error?.requestId ?? null,
  });
  reportAuthFailure(error);
  throw error;
}

export function useImportEml() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      file,
      category,
      difficulty,
    }: {
      file: File;
      category: TemplateCategory;
      difficulty: number;
    }) => postEml(file, category, difficulty),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['phishing'] }),
  });
}

export function useImportGophish() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      json,
      category,
      difficulty,
    }: {
      json: unknown;
      category: TemplateCategory;
      difficulty: number;
    }) =>
      api.post<GophishImportResult>('/phishing/templates/import-gophish', {
        json,
        query: { category, difficulty },
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['phishing'] }),
  });
}

export function useLandingPages() {
  return useQuery({
    queryKey: keys.pages,
    queryFn: () => api.get<{ items: LandingPageView[] }>('/phishing/landing-pages'),
  });
}

export function useSaveLandingPage(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LandingPageInput) =>
      id === null
        ? api.post<LandingPageView>('/phishing/landing-pages', { json: input })
        : api.patch<LandingPageView>(pagePath(id), { json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['phishing'] }),
  });
}

export function useDeleteLandingPage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(pagePath(id)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['phishing'] }),
  });
}
