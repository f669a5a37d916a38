/** Messages another page hands to the sign-in page through the router's location state (not the URL). */
const notices = {
  'password-changed': 'Password changed; sign in again.',
} as const;

export type SignInNotice = keyof typeof notices;

export function signInNotice(notice: SignInNotice): { notice: SignInNotice } {
  return { notice };
}

export function noticeText(state: unknown): string | null {
  if (typeof state !== 'object' || state === null || !('notice' in state)) return null;
  const notice = (state as { notice: unknown }).notice;
  return typeof notice === 'string' && notice in notices ? notices[notice as SignInNotice] : null;
}
