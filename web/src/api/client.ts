import { ApiError } from './api-error.ts';
import { reportAuthFailure } from './auth-events.ts';
import { getCsrfToken } from './csrf-token.ts';
import type { ApiIssue } from './types.ts';

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  json?: unknown;
  csv?: string;
  signal?: AbortSignal;
}

interface ErrorBody {
  error?: { code?: string; message?: string; issues?: ApiIssue[]; requestId?: string };
}

export function buildUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function buildInit(method: string, options: RequestOptions): RequestInit {
  const headers = new Headers({ accept: 'application/json' });
  const csrfToken = getCsrfToken();
  // Every cookie-authenticated change must echo the session's token (docs/api.md, Conventions).
  if (csrfToken && !safeMethods.has(method)) headers.set('X-CSRF-Token', csrfToken);
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (options.signal) init.signal = options.signal;
  if (options.csv !== undefined) {
    headers.set('content-type', 'text/csv');
    init.body = options.csv;
  } else if (options.json !== undefined) {
    headers.set('content-type', 'application/json');
    init.body = JSON.stringify(options.json);
  }
  return init;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  const error = body.error ?? {};
  return new ApiError({
    code: error.code ?? `HTTP_${response.status}`,
    message: error.message ?? `The server answered ${response.status} ${response.statusText}.`,
    status: response.status,
    issues: error.issues ?? [],
    requestId: error.requestId ?? null,
  });
}

/** Calls the API; resolves with the JSON body, or rejects with an ApiError. */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), buildInit(method, options));
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError({ code: 'NETWORK_ERROR', message: 'The Enamel server cannot be reached.', status: 0 });
  }
  if (!response.ok) {
    const error = await toApiError(response);
    reportAuthFailure(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => apiRequest<T>('GET', path, options),
  post: <T>(path: string, options?: RequestOptions) => apiRequest<T>('POST', path, options),
  patch: <T>(path: string, options?: RequestOptions) => apiRequest<T>('PATCH', path, options),
  delete: <T>(path: string, options?: RequestOptions) => apiRequest<T>('DELETE', path, options),
};
