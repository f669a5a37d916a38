import { Alert, Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../api/api-error.ts';
import { useConfirmPasswordReset } from '../../api/session.ts';
import { mapServerError } from '../../components/forms/server-errors.ts';
import { passwordProblem, passwordRule } from './password-rule.ts';
import { signInNotice } from './sign-in-notice.ts';

/** Unknown, used or expired; a token the server's schema refuses (a cut-off link) is just as unusable. */
function isLinkInvalid(error: unknown): boolean {
  if (!isApiError(error)) return false;
  if (error.code === 'AUTH_LINK_INVALID') return true;
  return error.code === 'VALIDATION_FAILED' && error.issues.some((issue) => issue.path?.[1] === 'token');
}

export function LinkInvalidAlert({ request }: { request: 'forgot-password' | 'email-link' }) {
  return (
    <Alert color="red" role="alert" title="This link cannot be used">
      It was already used, has expired, or was cut off when copied.{' '}
      <Anchor component={Link} to={`/sign-in?view=${request}`} inherit>
        {request === 'forgot-password' ? 'Request a new reset link' : 'Request a new sign-in link'}
      </Anchor>
      .
    </Alert>
  );
}

/** Chooses a new password from an emailed reset link; the sessions of the account end. */
export function ResetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const confirm = useConfirmPasswordReset();
  const navigate = useNavigate();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The link does not tell the browser the account's name or email; the server checks those.
    const problem = passwordProblem(password, []);
    if (problem) return setClientError(problem);
    if (password !== confirmation) return setClientError('The two passwords differ.');
    setClientError(null);
    confirm.mutate(
      { token, password },
      {
        onSuccess: () =>
          void navigate('/sign-in', { replace: true, state: signInNotice('password-changed') }),
      },
    );
  };

  const linkInvalid = isLinkInvalid(confirm.error);
  const mapped = confirm.error && !linkInvalid ? mapServerError(confirm.error, ['password']) : null;
  return (
    <form onSubmit={submit} noValidate aria-label="Choose a new password">
      <Stack gap="md">
        {linkInvalid && <LinkInvalidAlert request="forgot-password" />}
        {mapped?.formError && <Alert color="red" role="alert" title={mapped.formError.message} />}
        <PasswordInput
          label="New password"
          description={passwordRule}
          required
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={clientError ?? mapped?.fieldErrors.password}
          data-autofocus
        />
        <PasswordInput
          label="Repeat the password"
          required
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.currentTarget.value)}
        />
        <Button type="submit" loading={confirm.isPending} disabled={linkInvalid}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}
