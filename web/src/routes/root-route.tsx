import { Container } from '@mantine/core';
import { Navigate, useLocation } from 'react-router';
import { isApiError } from '../api/api-error.ts';
import { authFailureOf } from '../api/auth-events.ts';
import { useMe } from '../api/me.ts';
import { AppLayout } from '../components/app-layout.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { mfaPath } from '../features/identity/next-path.ts';

/** The signed-in application: without a session the client sends the user to sign in (see app.tsx). */
export function RootRoute() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <PageLoader label="Loading Enamel" />;
  if (me.isError) {
    if (isApiError(me.error) && authFailureOf(me.error)) return <PageLoader label="Loading Enamel" />;
    return (
      <Container size="sm" py="xl">
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </Container>
    );
  }
  if (me.data.session.mfaRequired && !me.data.session.mfaPassed) {
    return <Navigate to={mfaPath(location.pathname + location.search)} replace />;
  }
  return <AppLayout me={me.data} />;
}
