import type { ApiError } from './api-error.ts';

/** What the app must do after an API answer says the session is missing or has not passed MFA. */
export type AuthFailure = 'sign-in' | 'mfa';

type Listener = (failure: AuthFailure, error: ApiError) => void;

let listener: Listener | null = null;

/** The app registers one listener (it navigates); the client stays free of routing. */
export function onAuthFailure(next: Listener | null): void {
  listener = next;
}

export function authFailureOf(error: ApiError): AuthFailure | null {
  if (error.status === 401 && error.code === 'AUTH_REQUIRED') return 'sign-in';
  if (error.status === 403 && error.code === 'AUTH_MFA_REQUIRED') return 'mfa';
  return null;
}

export function reportAuthFailure(error: ApiError): void {
  const failure = authFailureOf(error);
  if (failure && listener) listener(failure, error);
}
