// The session's CSRF token lives in memory only: it comes with every sign-in answer and with GET /me, which the
// app loads first after a reload, so a token kept in storage would only widen what a script could read.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function getCsrfToken(): string | null {
  return csrfToken;
}
