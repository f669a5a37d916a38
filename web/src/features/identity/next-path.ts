/** Where to go after signing in: only a path of this app, never another site ("//evil.example"). */
export function safeNextPath(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//')) return '/';
  return value;
}

function withNext(path: string, next: string): string {
  return next === '/' ? path : `${path}?next=${encodeURIComponent(next)}`;
}

export function signInPath(next = '/'): string {
  return withNext('/sign-in', next);
}

export function mfaPath(next = '/'): string {
  return withNext('/mfa', next);
}

/** The pages that need no session at all: a 401 there is no reason to go to the sign-in page. */
export const signedOutPaths: readonly string[] = [
  '/sign-in',
  '/setup',
  '/setup-link',
  '/reset-password',
  '/magic-link',
];

/** The pages reached without a finished sign-in. */
export const publicPaths: readonly string[] = [...signedOutPaths, '/mfa'];
