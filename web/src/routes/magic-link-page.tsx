import { Alert, Button, Stack, Text } from '@mantine/core';
import { isApiError } from '../api/api-error.ts';
import { useVerifyMagicLink } from '../api/session.ts';
import { AuthLayout } from '../components/auth-layout.tsx';
import { LinkInvalidAlert } from '../features/identity/reset-password-form.tsx';
import { useContinueAfterSignIn } from '../features/identity/use-continue-after-sign-in.ts';
import { useFragmentToken } from '../features/identity/use-fragment-token.ts';

/**
 * The page of an emailed staff sign-in link: `/magic-link#TOKEN`. It waits for a click because mail
 * security scanners open links in a real browser, and would otherwise spend the one-time link themselves.
 */
export function MagicLinkPage() {
  const token = useFragmentToken();
  const verify = useVerifyMagicLink();
  const continueAfterSignIn = useContinueAfterSignIn();

  const linkInvalid =
    !token ||
    (isApiError(verify.error) &&
      (verify.error.code === 'AUTH_LINK_INVALID' || verify.error.code === 'VALIDATION_FAILED'));
  return (
    <AuthLayout title="Sign in to Enamel" description="With the link we emailed you.">
      {linkInvalid ? (
        <LinkInvalidAlert request="email-link" />
      ) : (
        <Stack gap="md">
          {verify.error && (
            <Alert color="red" role="alert" title="Could not sign in">
              {verify.error.message}
            </Alert>
          )}
          <Text size="sm">The link works once. Continue on this device to sign in.</Text>
          <Button
            loading={verify.isPending || verify.isSuccess}
            onClick={() =>
              verify.mutate(token, { onSuccess: (result) => continueAfterSignIn(result.mfa, '/') })
            }
            data-autofocus
          >
            Continue to Enamel
          </Button>
        </Stack>
      )}
    </AuthLayout>
  );
}
