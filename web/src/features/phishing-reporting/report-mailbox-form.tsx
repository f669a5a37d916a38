import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  PasswordInput,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import {
  type ReportMailboxInput,
  type ReportMailboxView,
  useSaveReportMailbox,
  useTestReportMailbox,
} from '../../api/phishing-reporting.ts';
import { formatDateTime } from '../../components/format.ts';
import { FormErrorAlert } from '../../components/forms/form-error-alert.tsx';
import { useFormState } from '../../components/forms/use-form-state.ts';

type Values = Omit<ReportMailboxInput, 'password'> & { password: string };

function initialValues(view: ReportMailboxView): Values {
  return {
    host: view.host ?? 'outlook.office365.com',
    port: view.port ?? 993,
    secure: view.secure,
    username: view.username ?? '',
    password: '',
    folder: view.folder,
    enabled: view.configured ? view.enabled : true,
  };
}

function validate(values: Values, isNew: boolean): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.host.trim()) errors.host = 'Enter the IMAP server, such as outlook.office365.com';
  if (!values.username.trim()) errors.username = 'Enter the mailbox address Enamel signs in as';
  if (isNew && !values.password) errors.password = 'Enter the mailbox password (or app password)';
  if (!values.folder.trim()) errors.folder = 'Enter the folder, such as INBOX';
  return errors;
}

function PollStatus({ view }: { view: ReportMailboxView }) {
  if (!view.configured) return null;
  return (
    <Stack gap={4}>
      <Text size="sm">Last read: {view.lastPolledAt ? formatDateTime(view.lastPolledAt) : 'not yet'}</Text>
      {view.lastError && (
        <Alert color="red" title="The last attempt to read the mailbox failed">
          {view.lastError}
        </Alert>
      )}
    </Stack>
  );
}

/** The IMAP report mailbox: the password is write-only (Enamel stores it encrypted and never shows it). */
export function ReportMailboxForm({ view, readOnly }: { view: ReportMailboxView; readOnly: boolean }) {
  const form = useFormState<Values>(initialValues(view));
  const { values, errors, setField } = form;
  const save = useSaveReportMailbox();
  const test = useTestReportMailbox();
  const [replacingPassword, setReplacingPassword] = useState(!view.configured);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (readOnly || !form.validate((current) => validate(current, !view.configured))) return;
    const { password, ...rest } = values;
    const input: ReportMailboxInput = password ? { ...rest, password } : rest;
    await save
      .mutateAsync(input)
      .then(() => {
        setField('password', '');
        setReplacingPassword(false);
      })
      .catch((error: unknown) => form.showServerError(error));
  };

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label="Report mailbox">
      <Stack gap="md">
        <FormErrorAlert error={form.formError} />
        <Group grow align="flex-start">
          <TextInput
            label="IMAP server"
            description="Microsoft 365: outlook.office365.com; Google: imap.gmail.com"
            required
            disabled={readOnly}
            value={values.host}
            error={errors.host}
            onChange={(event) => setField('host', event.currentTarget.value)}
          />
          <NumberInput
            label="Port"
            description="993 with TLS"
            min={1}
            max={65535}
            disabled={readOnly}
            value={values.port}
            error={errors.port}
            onChange={(value) => setField('port', typeof value === 'number' ? value : 993)}
          />
        </Group>
        <Switch
          label="Use TLS from the start (port 993)"
          disabled={readOnly}
          checked={values.secure}
          onChange={(event) => setField('secure', event.currentTarget.checked)}
        />
        <TextInput
          label="Mailbox address"
          description="The reporting mailbox the report button sends to, such as phish-report@yourdso.com"
          required
          disabled={readOnly}
          value={values.username}
          error={errors.username}
          onChange={(event) => setField('username', event.currentTarget.value)}
        />
        {replacingPassword ? (
          <PasswordInput
            label={view.configured ? 'New password' : 'Password'}
            description="An app password where the provider offers one. Stored encrypted; never shown again."
            required={!view.configured}
            autoComplete="off"
            disabled={readOnly}
            value={values.password}
            error={errors.password}
            onChange={(event) => setField('password', event.currentTarget.value)}
          />
        ) : (
          <div>
            <Text size="sm" fw={500} mb={4}>
              Password
            </Text>
            <Group gap="sm">
              <Badge color="teal" variant="light">
                Set
              </Badge>
              {!readOnly && (
                <Button size="xs" variant="light" onClick={() => setReplacingPassword(true)}>
                  Replace
                </Button>
              )}
            </Group>
          </div>
        )}
        <TextInput
          label="Folder"
          required
          disabled={readOnly}
          value={values.folder}
          error={errors.folder}
          onChange={(event) => setField('folder', event.currentTarget.value)}
        />
        <Switch
          label="Read this mailbox"
          description="Enamel only reads: it never deletes, moves or marks the reported emails."
          disabled={readOnly}
          checked={values.enabled}
          onChange={(event) => setField('enabled', event.currentTarget.checked)}
        />
        <PollStatus view={view} />
        {!readOnly && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save mailbox
            </Button>
            <Button
              variant="default"
              disabled={!view.configured}
              loading={test.isPending}
              onClick={() => test.mutate()}
            >
              Test connection
            </Button>
          </Group>
        )}
        {test.isSuccess && (
          <Alert color={test.data.ok ? 'teal' : 'red'} role="status">
            {test.data.message}
            {test.data.messages !== null && ` ${test.data.messages} messages in the folder.`}
          </Alert>
        )}
        {test.isError && (
          <Alert color="red" role="alert">
            {errorMessage(test.error)}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
