import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import type { ChangeEvent, FormEvent } from 'react';
import { useSetup } from '../../api/session.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import type { FieldErrors } from '../../components/forms/server-errors.ts';
import { useFormState } from '../../components/forms/use-form-state.ts';
import { passwordProblem, passwordRule } from './password-rule.ts';
import { useContinueAfterSignIn } from './use-continue-after-sign-in.ts';

interface SetupValues extends Record<string, unknown> {
  dsoName: string;
  displayName: string;
  email: string;
  password: string;
}

function validate(values: SetupValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.dsoName.trim()) errors.dsoName = 'Enter the name of your DSO.';
  if (!values.displayName.trim()) errors.displayName = 'Enter your name.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) errors.email = 'Enter an email address.';
  const problem = passwordProblem(values.password, [values.displayName, values.email]);
  if (problem) errors.password = problem;
  return errors;
}

/** First run: creates the DSO and its first administrator, who then sets up MFA. */
export function SetupForm() {
  const setup = useSetup();
  const continueAfterSignIn = useContinueAfterSignIn();
  const form = useFormState<SetupValues>({ dsoName: '', displayName: '', email: '', password: '' });
  const { values, errors, setField } = form;

  const field = (key: 'dsoName' | 'displayName' | 'email' | 'password') => ({
    value: values[key],
    error: errors[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setField(key, event.currentTarget.value),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.validate(validate)) return;
    const input = {
      dsoName: values.dsoName.trim(),
      displayName: values.displayName.trim(),
      email: values.email.trim(),
      password: values.password,
    };
    await setup
      .mutateAsync(input)
      .then((result) => continueAfterSignIn(result.mfa, '/'), form.showServerError);
  };

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label="First-run setup">
      <Stack gap="md">
        <FormErrorAlert error={form.formError} />
        <TextInput
          label="DSO name"
          required
          maxLength={200}
          autoComplete="organization"
          {...field('dsoName')}
        />
        <TextInput label="Your name" required maxLength={200} autoComplete="name" {...field('displayName')} />
        <TextInput
          label="Email"
          type="email"
          required
          maxLength={254}
          autoComplete="email"
          {...field('email')}
        />
        <PasswordInput
          label="Password"
          description={passwordRule}
          required
          autoComplete="new-password"
          {...field('password')}
        />
        <Button type="submit" loading={setup.isPending}>
          Create DSO and administrator
        </Button>
      </Stack>
    </form>
  );
}
