import { Alert, Button, Stack } from '@mantine/core';
import { ssoStartUrl, useSsoSignInOptions } from '../../api/sso.ts';

/** Friendly words for the codes the SSO callback puts in `/sign-in?error=CODE` (docs/sso.md). */
const ssoErrors: Record<string, { title: string; message: string }> = {
  SSO_PROVIDER_UNAVAILABLE: {
    title: 'This sign-in option is not available',
    message:
      'The single sign-on provider was removed or turned off. Sign in another way, or ask your administrator.',
  },
  SSO_STATE_INVALID: {
    title: 'The sign-in took too long or was interrupted',
    message: 'Start again from this page, in the same browser, within 10 minutes.',
  },
  SSO_PROVIDER_ERROR: {
    title: 'Your identity provider did not complete the sign-in',
    message: 'Try again. If it keeps failing, ask your administrator to check the single sign-on settings.',
  },
  SSO_EMAIL_UNVERIFIED: {
    title: 'No verified email address',
    message: 'Your identity provider did not give Enamel a verified email address for your account.',
  },
  SSO_DOMAIN_NOT_ALLOWED: {
    title: 'This account cannot sign in here',
    message: 'Its email domain is not allowed for this provider. Use your work account.',
  },
  SSO_NO_ROLE: {
    title: 'No access to Enamel yet',
    message: 'None of your groups gives access to Enamel. Ask your administrator to add you.',
  },
  SSO_ACCOUNT_DISABLED: {
    title: 'Your account is disabled',
    message: 'Your Enamel account is disabled or has expired. Ask your administrator.',
  },
  SSO_ACCOUNT_CONFLICT: {
    title: 'This email belongs to another account',
    message: 'Ask your administrator to link your account to single sign-on.',
  },
};

const unexpected = {
  title: 'Single sign-on failed',
  message: 'Something went wrong on our side. Try again in a moment.',
};

/** The message for `?error=CODE`, or null when there is none. */
export function ssoErrorOf(code: string | null): { title: string; message: string } | null {
  if (!code) return null;
  return ssoErrors[code] ?? unexpected;
}

export function SsoErrorAlert({ code }: { code: string | null }) {
  const problem = ssoErrorOf(code);
  if (!problem) return null;
  return (
    <Alert color="red" role="alert" title={problem.title}>
      {problem.message}
    </Alert>
  );
}

/** One link per enabled provider; the server redirects to the provider, so this is a page load, not a fetch. */
export function SsoSignInButtons() {
  const options = useSsoSignInOptions();
  // Without providers (or without an answer) the page simply offers the other ways to sign in.
  if (!options.data || options.data.length === 0) return null;
  return (
    <Stack gap="xs">
      {options.data.map((option) => (
        <Button key={option.id} component="a" href={ssoStartUrl(option.id)} variant="default">
          Sign in with {option.name}
        </Button>
      ))}
    </Stack>
  );
}
