import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from './api-error.ts';
import { apiRequest, buildUrl } from './client.ts';
import { getCsrfToken } from './csrf-token.ts';
import type { Page } from './types.ts';

export const reportStatuses = ['new', 'simulation'] as const;

export interface ReportedEmailView {
  id: string;
  status: string;
  source: 'smtp' | 'imap' | 'api' | 'upload';
  subject: string | null;
  fromAddress: string | null;
  reporterEmail: string | null;
  receivedAt: string;
  size: number;
  sha256: string;
  simulation: { messageId: string; campaignId: string } | null;
}

export interface IntakeResult {
  outcome: 'simulation' | 'queued' | 'duplicate';
  reportedEmail: ReportedEmailView | null;
  thankYou: 'sent' | 'not_configured' | 'failed' | 'not_needed';
  message: string;
}

export interface ReportMailboxView {
  configured: boolean;
  host: string | null;
  port: number | null;
  secure: boolean;
  username: string | null;
  password: 'set' | 'not set';
  folder: string;
  enabled: boolean;
  lastPolledAt: string | null;
  lastError: string | null;
  smtpReceiver: { enabled: boolean; host: string; port: number };
}

export interface ReportMailboxInput {
  host: string;
  port: number;
  secure: boolean;
  username: string;
  /** Left out to keep the stored password. */
  password?: string;
  folder: string;
  enabled: boolean;
}

export interface MailboxTestResult {
  ok: boolean;
  message: string;
  messages: number | null;
}

const keys = {
  all: ['phishing-reporting'] as const,
  list: (status: string | null) => ['phishing-reporting', 'list', status ?? 'all'] as const,
  mailbox: ['phishing-reporting', 'mailbox'] as const,
};

export function useReportedEmails(status: string | null, enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: keys.list(status),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<Page<ReportedEmailView>>('GET', '/phishing/reported-emails', {
        query: { status, limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The file is the request body as it is (.eml as message/rfc822, .msg as an Outlook message). */
async function uploadReportedEmail(file: File): Promise<IntakeResult> {
  const isMsg = /\.msg$/i.test(file.name);
  const headers = new Headers({
    accept: 'application/json',
    'content-type': isMsg ? 'application/vnd.ms-outlook' : 'message/rfc822',
  });
  const csrfToken = getCsrfToken();
  if (csrfToken) headers.set('X-CSRF-Token', csrfToken);
  let response: Response;
  try {
    response = await fetch(buildUrl('/phishing/reported-emails/upload'), {
      method: 'POST',
      headers,
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ code: 'NETWORK_ERROR', message: 'The Enamel server cannot be reached.', status: 0 });
  }
  const body = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string };
  } & Partial<IntakeResult>;
  if (!response.ok) {
    throw new ApiError({
      code: body.error?.code ?? `HTTP_${response.status}`,
      message: body.error?.message ?? `The server answered ${response.status}.`,
      status: response.status,
    });
  }
  return body as IntakeResult;
}

export function useUploadReportedEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadReportedEmail,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useReportMailbox(enabled = true) {
  return useQuery({
    enabled,
    queryKey: keys.mailbox,
    queryFn: () => apiRequest<ReportMailboxView>('GET', '/phishing/report-mailbox'),
  });
}

export function useSaveReportMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReportMailboxInput) =>
      apiRequest<ReportMailboxView>('PUT', '/phishing/report-mailbox', { json: input }),
    onSuccess: (saved) => queryClient.setQueryData(keys.mailbox, saved),
  });
}

export function useTestReportMailbox() {
  return useMutation({
    mutationFn: () => apiRequest<MailboxTestResult>('POST', '/phishing/report-mailbox/test'),
  });
}
