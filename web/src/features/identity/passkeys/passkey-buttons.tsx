import { Alert, Button, Stack } from '@mantine/core';
import { usePasskeyMfa, usePasskeySignIn } from '../../../api/passkeys.ts';
import { useContinueAfterSignIn } from '../use-continue-after-sign-in.ts';
import { passkeyErrorMessage } from './passkey-error.ts';

/** "Sign in with a passkey" on the sign-in page: no email needed, the browser offers its passkeys. */
export function PasskeySignInButton({ next }: { next: string }) {
  const signIn = usePasskeySignIn();
  const continueAfterSignIn = useContinueAfterSignIn();
  return (
    <Stack gap="xs">
      {signIn.error && (
        <Alert color="red" role="alert" title="Passkey sign-in failed">
          {passkeyErrorMessage(signIn.error)}
        </Alert>
      )}
      <Button
        variant="default"
        loading={signIn.isPending}
        onClick={() =>
          signIn.mutate(undefined, { onSuccess: (result) => continueAfterSignIn(result.mfa, next) })
        }
      >
        Sign in with a passkey
      </Button>
    </Stack>
  );
}

/** "Use a passkey" on the MFA challenge: a registered passkey answers the second step. */
export function PasskeyMfaButton() {
  const verify = usePasskeyMfa();
  return (
    <Stack gap="xs">
      {verify.error && (
        <Alert color="red" role="alert" title="Passkey not accepted">
          {passkeyErrorMessage(verify.error)}
        </Alert>
      )}
      <Button variant="default" loading={verify.isPending} onClick={() => verify.mutate()}>
        Use a passkey
      </Button>
    </Stack>
  );
}
