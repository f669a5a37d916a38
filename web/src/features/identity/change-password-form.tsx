import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ChangeEvent, FormEvent } from 'react';
import { useChangePassword } from '../../api/session.ts';
import type { UserView } from '../../api/types.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import type { FieldErrors } from '../../components/forms/server-errors.ts';
import { useFormState } from '../../components/forms/use-form-state.ts';
import { passwordProblem, passwordRule } from './password-rule.ts';

interface PasswordValues extends Record<string, unknown> {
  currentPassword: string;
  newPassword: string;
  repeatPassword: string;
}

const empty: PasswordValues = { currentPassword: '', newPassword: '', repeatPassword: '' };

export function ChangePasswordForm({ user }: { user: UserView }) {
  const change = useChangePassword();
  const form = useFormState<PasswordValues>(empty);
  const { values, errors, setField } = form;

  const validate = (current: PasswordValues): FieldErrors => {
    const found: FieldErrors = {};
    if (!current.currentPassword) found.currentPassword = 'Enter your current password.';
    const problem = passwordProblem(current.newPassword, [user.displayName, user.email]);
    if (problem) found.newPassword = problem;
    if (current.repeatPassword !== current.newPassword) found.repeatPassword = 'The two passwords differ.';
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!form.validate(validate)) return;
    const input = { currentPassword: values.currentPassword, newPassword: values.newPassword };
    await change.mutateAsync(input).then(() => {
      form.setValues(empty);
      notifications.show({ color: 'green', message: 'Password changed. Your other sessions were ended.' });
    }, form.showServerError);
  };

  const field = (key: 'currentPassword' | 'newPassword' | 'repeatPassword') => ({
    value: values[key],
    error: errors[key],
    onChange: (event: ChangeEvent<HTMLInputElement>) => setField(key, event.currentTarget.value),
  });

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb={4}>
        Change password
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Changing it signs you out everywhere else.
      </Text>
      <form ref={form.formRef} onSubmit={submit} noValidate aria-label="Change password">
        <Stack gap="sm" maw={480}>
          <FormErrorAlert error={form.formError} />
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            {...field('currentPassword')}
          />
          <PasswordInput
            label="New password"
            description={passwordRule}
            autoComplete="new-password"
            required
            {...field('newPassword')}
          />
          <PasswordInput
            label="Repeat the new password"
            autoComplete="new-password"
            required
            {...field('repeatPassword')}
          />
          <Group>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
