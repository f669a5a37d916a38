import { Alert, Anchor, Button, Group, PasswordInput, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, isApiError } from '../../api/api-error.ts';
import { useSignIn } from '../../api/session.ts';
import { useContinueAfterSignIn } from './use-continue-after-sign-in.ts';

function problemOf(error: unknown): { title: string; message: string } {
  if (isApiError(error) && error.code === 'AUTH_LOCKED') {
    return { title: 'Sign-in is locked for now', message: error.message };
  }
  if (isApiError(error) && error.code === 'AUTH_INVALID_CREDENTIALS') {
    return { title: 'Wrong email or password', message: 'Check both and try again.' };
  }
  return { title: 'Could not sign in', message: errorMessage(error) };
}

interface SignInFormProps {
  next: string;
  /** The email is kept by the page, so the link request forms start with what was typed here. */
  email: string;
  onEmailChange: (email: string) => void;
  forgotPasswordPath: string;
}

export function SignInForm({ next, email, onEmailChange: setEmail, forgotPasswordPath }: SignInFormProps) {
  const [password, setPassword] = useState('');
  const signIn = useSignIn();
  const continueAfterSignIn = useContinueAfterSignIn();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim() || !password) return;
    signIn.mutate(
      { email: email.trim(), password },
      { onSuccess: (result) => continueAfterSignIn(result.mfa, next) },
    );
  };
  const problem = signIn.error ? problemOf(signIn.error) : null;

  return (
    <form onSubmit={submit} aria-label="Sign in">
      <Stack gap="md">
        {problem && (
          <Alert color="red" title={problem.title} role="alert">
            {problem.message}
          </Alert>
        )}
        <TextInput
          label="Email"
          type="email"
          required
          autoComplete="username"
          value={email}
          onChange={(event) => setEmail(event.currentTarget.value)}
          data-autofocus
        />
        <PasswordInput
          label="Password"
          required
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        <Group justify="flex-end" mt={-8}>
          <Anchor component={Link} to={forgotPasswordPath} size="sm">
            Forgot password?
          </Anchor>
        </Group>
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
