import { Alert, Anchor, Button, Divider, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import { useRequestMagicLink, useRequestPasswordReset, useSetupStatus } from '../api/session.ts';
import { AuthLayout } from '../components/auth-layout.tsx';
import { PageLoader } from '../components/query-status.tsx';
import { EmailLinkRequestForm } from '../features/identity/email-link-request-form.tsx';
import { safeNextPath } from '../features/identity/next-path.ts';
import { PasskeySignInButton } from '../features/identity/passkeys/passkey-buttons.tsx';
import { SignInForm } from '../features/identity/sign-in-form.tsx';
import { noticeText } from '../features/identity/sign-in-notice.ts';
import { SsoErrorAlert, SsoSignInButtons } from '../features/identity/sso-sign-in.tsx';

const views = ['password', 'forgot-password', 'email-link'] as const;
type View = (typeof views)[number];

/** The sign-in page's URL for a view, keeping `next`. */
function viewPath(view: View, next: string): string {
  const params = new URLSearchParams();
  if (view !== 'password') params.set('view', view);
  if (next !== '/') params.set('next', next);
  const search = params.toString();
  return `/sign-in${search ? `?${search}` : ''}`;
}

const magicLinkSent =
  'If you’re staff with an account, check your email (valid 15 minutes). Managers and administrators sign in ' +
  'with a password and an authenticator app, or single sign-on.';

function BackToSignIn({ next }: { next: string }) {
  return (
    <Anchor component={Link} to={viewPath('password', next)} size="sm">
      Back to sign-in
    </Anchor>
  );
}

function ForgotPasswordView({ next, email, onEmailChange }: ViewProps) {
  const request = useRequestPasswordReset();
  return (
    <AuthLayout title="Reset your password" description="We’ll email you a link to choose a new one.">
      <EmailLinkRequestForm
        label="Reset password"
        submitLabel="Email me a reset link"
        sentMessage="If an account uses that address, we’ve emailed a link (valid 30 minutes)."
        request={request}
        email={email}
        onEmailChange={onEmailChange}
      />
      <BackToSignIn next={next} />
    </AuthLayout>
  );
}

function EmailLinkView({ next, email, onEmailChange }: ViewProps) {
  const request = useRequestMagicLink();
  return (
    <AuthLayout
      title="Email me a sign-in link"
      description="For staff: sign in without a password, with a link sent to your work email."
    >
      <EmailLinkRequestForm
        label="Email me a sign-in link"
        submitLabel="Email me a sign-in link"
        sentMessage={magicLinkSent}
        request={request}
        email={email}
        onEmailChange={onEmailChange}
      />
      <BackToSignIn next={next} />
    </AuthLayout>
  );
}

interface ViewProps {
  next: string;
  email: string;
  onEmailChange: (email: string) => void;
}

function PasswordView({ next, email, onEmailChange }: ViewProps) {
  const [searchParams] = useSearchParams();
  const location = useLocation();
  const notice = noticeText(location.state);
  return (
    <AuthLayout title="Sign in" description="Security and HIPAA compliance for your practices.">
      {notice && <Alert color="teal" role="status" title={notice} />}
      <SsoErrorAlert code={searchParams.get('error')} />
      <SignInForm
        next={next}
        email={email}
        onEmailChange={onEmailChange}
        forgotPasswordPath={viewPath('forgot-password', next)}
      />
      <Divider label="or" labelPosition="center" />
      <Stack gap="xs">
        <PasskeySignInButton next={next} />
        <SsoSignInButtons />
        <Button component={Link} to={viewPath('email-link', next)} variant="default">
          Email me a sign-in link
        </Button>
      </Stack>
      <Text size="sm" c="dimmed">
        New here? Ask your administrator for a setup link.
      </Text>
    </AuthLayout>
  );
}

export function SignInPage() {
  const [searchParams] = useSearchParams();
  const setup = useSetupStatus();
  const [email, setEmail] = useState('');
  if (setup.isPending) return <PageLoader label="Loading Enamel" />;
  // A fresh server has nobody to sign in: first-run setup comes first.
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  const next = safeNextPath(searchParams.get('next'));
  const view = views.find((candidate) => candidate === searchParams.get('view')) ?? 'password';
  const props = { next, email, onEmailChange: setEmail };
  switch (view) {
    case 'forgot-password':
      return <ForgotPasswordView {...props} />;
    case 'email-link':
      return <EmailLinkView {...props} />;
    case 'password':
      return <PasswordView {...props} />;
  }
}
