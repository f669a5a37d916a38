import { Alert, Button, PasswordInput, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../api/api-error.ts';
import { useAcceptSetupLink } from '../../api/session.ts';
import { mapServerError } from '../../components/forms/server-errors.ts';
import { passwordProblem, passwordRule } from './password-rule.ts';
import { useContinueAfterSignIn } from './use-continue-after-sign-in.ts';

/** Chooses the first password of an account created by an administrator. */
export function SetupLinkForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [clientError, setClientError] = useState<string | null>(null);
  const accept = useAcceptSetupLink();
  const continueAfterSignIn = useContinueAfterSignIn();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The link does not tell the browser the account's name or email; the server checks those.
    const problem = passwordProblem(password, []);
    if (problem) return setClientError(problem);
    if (password !== confirmation) return setClientError('The two passwords differ.');
    setClientError(null);
    accept.mutate({ token, password }, { onSuccess: (result) => continueAfterSignIn(result.mfa, '/') });
  };

  const mapped = accept.error ? mapServerError(accept.error, ['password']) : null;
  const isLinkInvalid = isApiError(accept.error) && accept.error.code === 'AUTH_LINK_INVALID';
  return (
    <form onSubmit={submit} noValidate aria-label="Choose a password">
      <Stack gap="md">
        {isLinkInvalid && (
          <Alert color="red" role="alert" title="This link cannot be used">
            {accept.error?.message} Ask your administrator for a new one.
          </Alert>
        )}
        {!isLinkInvalid && mapped?.formError && (
          <Alert color="red" role="alert" title={mapped.formError.message} />
        )}
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
        <Button type="submit" loading={accept.isPending}>
          Set password and continue
        </Button>
      </Stack>
    </form>
  );
}
