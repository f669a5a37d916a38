import type { ApiIssue } from './types.ts';

/** An error answered by the API (or a network failure, with status 0 and code NETWORK_ERROR). */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly issues: ApiIssue[];
  readonly requestId: string | null;

  constructor(init: {
    code: string;
    message: string;
    status: number;
    issues?: ApiIssue[];
    requestId?: string | null;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.issues = init.issues ?? [];
    this.requestId = init.requestId ?? null;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** A message fit for the user, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
