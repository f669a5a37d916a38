import { Alert } from '@mantine/core';
import { useEffect, useState } from 'react';
import { AuthLayout } from '../components/auth-layout.tsx';
import { SetupLinkForm } from '../features/identity/setup-link-form.tsx';

/** Reads the one-time token from the fragment (never sent to a server or kept in logs), then drops it from the URL. */
function useFragmentToken(): string {
  const [token] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, '')));
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, []);
  return token;
}

export function SetupLinkPage() {
  const token = useFragmentToken();
  return (
    <AuthLayout title="Set up your account" description="Choose the password you will sign in with.">
      {token.length >= 20 ? (
        <SetupLinkForm token={token} />
      ) : (
        <Alert color="red" role="alert" title="The link is incomplete">
          Open the whole setup link you were given, or ask your administrator for a new one.
        </Alert>
      )}
    </AuthLayout>
  );
}
