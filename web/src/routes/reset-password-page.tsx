import { AuthLayout } from '../components/auth-layout.tsx';
import { LinkInvalidAlert, ResetPasswordForm } from '../features/identity/reset-password-form.tsx';
import { useFragmentToken } from '../features/identity/use-fragment-token.ts';

/** The page of an emailed password reset link: `/reset-password#TOKEN`. */
export function ResetPasswordPage() {
  const token = useFragmentToken();
  return (
    <AuthLayout title="Choose a new password" description="Every other session of your account will end.">
      {token ? <ResetPasswordForm token={token} /> : <LinkInvalidAlert request="forgot-password" />}
    </AuthLayout>
  );
}
