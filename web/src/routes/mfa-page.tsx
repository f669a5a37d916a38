import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { isApiError } from '../api/api-error.ts';
import { authFailureOf } from '../api/auth-events.ts';
import { useMe } from '../api/me.ts';
import { useMfaPassed } from '../api/session.ts';
import { AuthLayout } from '../components/auth-layout.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { MfaChallenge } from '../features/identity/mfa-challenge.tsx';
import { MfaEnrolment } from '../features/identity/mfa-enrolment.tsx';
import { safeNextPath } from '../features/identity/next-path.ts';
import { RecoveryCodes } from '../features/identity/recovery-codes.tsx';

/** The second step of signing in: enrolment the first time, a code afterwards. */
export function MfaPage() {
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const me = useMe();
  const markPassed = useMfaPassed();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [isContinuing, setIsContinuing] = useState(false);

  if (me.isPending) return <PageLoader label="Loading" />;
  if (me.isError) {
    // Without a session the client is already on its way to the sign-in page.
    if (isApiError(me.error) && authFailureOf(me.error)) return <PageLoader label="Loading" />;
    return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  }
  if (recoveryCodes) {
    return (
      <AuthLayout title="Your recovery codes" size="sm">
        <RecoveryCodes
          codes={recoveryCodes}
          account={me.data.user.email}
          isContinuing={isContinuing}
          onDone={() => {
            setIsContinuing(true);
            void markPassed().then(() => setRecoveryCodes(null));
          }}
        />
      </AuthLayout>
    );
  }
  const { session, user } = me.data;
  if (session.mfaPassed || !session.mfaRequired) return <Navigate to={next} replace />;
  if (!user.mfaEnabled) {
    return (
      <AuthLayout
        title="Set up two-step sign-in"
        description="Your role needs a second step when signing in."
      >
        <MfaEnrolment userId={user.id} onConfirmed={setRecoveryCodes} />
      </AuthLayout>
    );
  }
  return (
    <AuthLayout title="Two-step sign-in" description={`Signed in as ${user.email}.`}>
      <MfaChallenge />
    </AuthLayout>
  );
}
