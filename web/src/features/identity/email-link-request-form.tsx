import { Alert, Button, Stack, TextInput } from '@mantine/core';
import type { UseMutationResult } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { errorMessage, isApiError } from '../../api/api-error.ts';
import { mapServerError } from '../../components/forms/server-errors.ts';

interface EmailLinkRequestFormProps {
  /** The form's accessible name, e.g. "Reset password". */
  label: string;
  submitLabel: string;
  /** Shown once the server accepted the request; it answers alike whether the account exists or not. */
  sentMessage: ReactNode;
  request: UseMutationResult<{ sent: true }, Error, string>;
  email: string;
  onEmailChange: (email: string) => void;
}

function problemOf(error: unknown): { title: string; message: string } | null {
  if (!error) return null;
  if (isApiError(error) && error.code === 'RATE_LIMITED')
    return { title: 'Too many requests', message: error.message };
  if (isApiError(error) && error.code === 'VALIDATION_FAILED') {
    const mapped = mapServerError(error, ['email']);
    return mapped.fieldErrors.email ? null : { title: 'Check the address', message: error.message };
  }
  return { title: 'Could not send the link', message: errorMessage(error) };
}

/** One email field that asks the server to email a one-time link: password reset or staff sign-in. */
export function EmailLinkRequestForm(props: EmailLinkRequestFormProps) {
  const { label, submitLabel, sentMessage, request, email, onEmailChange } = props;
  const [clientError, setClientError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) return setClientError('Enter your email address.');
    setClientError(null);
    request.mutate(address);
  };

  if (request.isSuccess) {
    return (
      <Alert color="teal" role="status" title="Check your email">
        {sentMessage}
      </Alert>
    );
  }
  const problem = problemOf(request.error);
  const fieldError = request.error ? mapServerError(request.error, ['email']).fieldErrors.email : undefined;
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
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
          maxLength={254}
          value={email}
          onChange={(event) => onEmailChange(event.currentTarget.value)}
          error={clientError ?? fieldError}
          data-autofocus
        />
        <Button type="submit" loading={request.isPending}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
