import { Button, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { FormEvent } from 'react';
import { useSignOff } from '../../api/compliance-reports.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { useFormState } from '../../components/forms/use-form-state.ts';

const defaultStatement =
  'I have reviewed this risk analysis, including the scores per area and practice, the risk register and the ' +
  'remediation plan, and I accept it as the current assessment of the risks to our ePHI.';

export function SignOffForm() {
  const signOff = useSignOff();
  const form = useFormState({ signerTitle: 'Security Official', statement: defaultStatement });
  const { values, errors } = form;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const ok = form.validate((v) => ({
      ...(v.signerTitle.trim() === '' ? { signerTitle: 'Enter your title.' } : {}),
      ...(v.statement.trim() === '' ? { statement: 'Enter the statement you sign.' } : {}),
    }));
    if (!ok) return;
    signOff.mutate(values, {
      onSuccess: () => notifications.show({ color: 'green', message: 'The risk analysis is signed off.' }),
      onError: (error) => form.showServerError(error),
    });
  };

  return (
    <Paper withBorder radius="md" p="md">
      <form ref={form.formRef} onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            Sign off the risk analysis
          </Title>
          <Text size="sm" c="dimmed">
            Your name, the date and a fingerprint (SHA-256) of the report's data are recorded. A later report
            shows whether the data changed since.
          </Text>
          <FormErrorAlert error={form.formError} />
          <TextInput
            label="Your title"
            required
            maxLength={120}
            value={values.signerTitle}
            onChange={(event) => form.setField('signerTitle', event.currentTarget.value)}
            error={errors.signerTitle}
          />
          <Textarea
            label="Statement"
            required
            autosize
            minRows={3}
            maxLength={2000}
            value={values.statement}
            onChange={(event) => form.setField('statement', event.currentTarget.value)}
            error={errors.statement}
          />
          <Button type="submit" loading={signOff.isPending} w="fit-content">
            Sign off
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
