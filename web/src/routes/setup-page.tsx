import { Navigate } from 'react-router';
import { useSetupStatus } from '../api/session.ts';
import { AuthLayout } from '../components/auth-layout.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { SetupForm } from '../features/identity/setup-form.tsx';

export function SetupPage() {
  const status = useSetupStatus();
  if (status.isPending) return <PageLoader label="Loading Enamel" />;
  if (status.isError) return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data.needed) return <Navigate to="/sign-in" replace />;
  return (
    <AuthLayout
      title="Welcome to Enamel"
      description="Name your dental service organization and create its first administrator account. You will set up two-step sign-in next."
      size="sm"
    >
      <SetupForm />
    </AuthLayout>
  );
}
