import { Text } from '@mantine/core';
import { Navigate, useSearchParams } from 'react-router';
import { useSetupStatus } from '../api/session.ts';
import { AuthLayout } from '../components/auth-layout.tsx';
import { PageLoader } from '../components/query-status.tsx';
import { safeNextPath } from '../features/identity/next-path.ts';
import { SignInForm } from '../features/identity/sign-in-form.tsx';

export function SignInPage() {
  const [searchParams] = useSearchParams();
  const setup = useSetupStatus();
  if (setup.isPending) return <PageLoader label="Loading Enamel" />;
  // A fresh server has nobody to sign in: first-run setup comes first.
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  return (
    <AuthLayout title="Sign in" description="Security and HIPAA compliance for your practices.">
      <SignInForm next={safeNextPath(searchParams.get('next'))} />
      <Text size="sm" c="dimmed">
        New here? Ask your administrator for a setup link.
      </Text>
    </AuthLayout>
  );
}
