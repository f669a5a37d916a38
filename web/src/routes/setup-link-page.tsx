import { Alert } from '@mantine/core';
import { AuthLayout } from '../components/auth-layout.tsx';
import { SetupLinkForm } from '../features/identity/setup-link-form.tsx';
import { minLinkTokenLength, useFragmentToken } from '../features/identity/use-fragment-token.ts';

export function SetupLinkPage() {
  const token = useFragmentToken();
  return (
    <AuthLayout title="Set up your account" description="Choose the password you will sign in with.">
      {token.length >= minLinkTokenLength ? (
        <SetupLinkForm token={token} />
      ) : (
        <Alert color="red" role="alert" title="The link is incomplete">
          Open the whole setup link you were given, or ask your administrator for a new one.
        </Alert>
      )}
    </AuthLayout>
  );
}
