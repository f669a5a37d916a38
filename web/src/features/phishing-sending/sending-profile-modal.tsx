import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  NumberInput,
  PasswordInput,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import {
  type HeaderView,
  type SendingProfileInput,
  type SendingProfileView,
  useCreateSendingProfile,
  useUpdateSendingProfile,
} from '../../api/phishing-sending.ts';

interface FormValues {
  name: string;
  smtpUrl: string;
  maxConnections: number;
  dkimOn: boolean;
  dkimDomain: string;
  dkimSelector: string;
  dkimKey: string;
  headers: HeaderView[];
  simulationName: string;
  simulationValue: string;
}

function initialValues(profile: SendingProfileView | null): FormValues {
  return {
    name: profile?.name ?? '',
    smtpUrl: '',
    maxConnections: profile?.maxConnections ?? 5,
    dkimOn: profile?.dkim !== null && profile !== null,
    dkimDomain: profile?.dkim?.domain ?? '',
    dkimSelector: profile?.dkim?.selector ?? '',
    dkimKey: '',
    headers: profile?.headers ?? [],
    simulationName: profile?.simulationHeader.name ?? 'X-Enamel-Simulation',
    simulationValue: profile?.simulationHeader.value ?? 'true',
  };
}

/** The input to send: a secret left empty while editing keeps the stored one. */
function toInput(values: FormValues, isNew: boolean): SendingProfileInput {
  return {
    name: values.name,
    ...(isNew || values.smtpUrl !== '' ? { smtpUrl: values.smtpUrl } : {}),
    maxConnections: values.maxConnections,
    dkim: values.dkimOn
      ? {
          domain: values.dkimDomain,
          selector: values.dkimSelector,
          ...(values.dkimKey !== '' ? { privateKey: values.dkimKey } : {}),
        }
      : null,
    headers: values.headers.filter((header) => header.name.trim() !== ''),
    simulationHeader: { name: values.simulationName, value: values.simulationValue },
  };
}

interface SendingProfileModalProps {
  opened: boolean;
  /** null to create a profile. */
  profile: SendingProfileView | null;
  readOnly: boolean;
  onClose: () => void;
}

export function SendingProfileModal({ opened, profile, readOnly, onClose }: SendingProfileModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={profile ? (readOnly ? profile.name : `Edit ${profile.name}`) : 'Add sending profile'}
    >
      {opened && <SendingProfileForm profile={profile} readOnly={readOnly} onClose={onClose} />}
    </Modal>
  );
}

function SendingProfileForm({ profile, readOnly, onClose }: Omit<SendingProfileModalProps, 'opened'>) {
  const [values, setValues] = useState(() => initialValues(profile));
  const create = useCreateSendingProfile();
  const update = useUpdateSendingProfile();
  const pending = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const setHeader = (index: number, change: Partial<HeaderView>) =>
    set(
      'headers',
      values.headers.map((header, at) => (at === index ? { ...header, ...change } : header)),
    );

  const submit = async () => {
    const input = toInput(values, profile === null);
    if (profile) await update.mutateAsync({ id: profile.id, input });
    else await create.mutateAsync(input);
    onClose();
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit().catch(() => {
          // The mutation keeps the error; the alert below shows it.
        });
      }}
    >
      <Stack gap="sm">
        {error ? (
          <Alert color="red" role="alert">
            {errorMessage(error)}
          </Alert>
        ) : null}
        <TextInput
          label="Name"
          required
          disabled={readOnly}
          value={values.name}
          onChange={(event) => set('name', event.currentTarget.value)}
        />
        {profile && (
          <Text size="sm" c="dimmed">
            Sends through {profile.smtp.display} ({profile.smtp.security === 'tls' ? 'TLS' : 'STARTTLS'},
            sign-in {profile.smtp.auth}).
          </Text>
        )}
        {!readOnly && (
          <PasswordInput
            label="SMTP URL"
            description={
              profile
                ? 'Leave empty to keep the stored URL and password.'
                : 'smtp://user:password@host:587 (STARTTLS) or smtps://user:password@host:465 (TLS). Stored encrypted.'
            }
            required={profile === null}
            autoComplete="off"
            value={values.smtpUrl}
            onChange={(event) => set('smtpUrl', event.currentTarget.value)}
          />
        )}
        <NumberInput
          label="Connections in the pool"
          description="How many connections send at once (1-50)."
          min={1}
          max={50}
          disabled={readOnly}
          value={values.maxConnections}
          onChange={(value) => set('maxConnections', typeof value === 'number' ? value : 5)}
        />
        <Group grow>
          <TextInput
            label="Simulation header name"
            description="Mail administrators allow simulations by this header."
            disabled={readOnly}
            value={values.simulationName}
            onChange={(event) => set('simulationName', event.currentTarget.value)}
          />
          <TextInput
            label="Simulation header value"
            disabled={readOnly}
            value={values.simulationValue}
            onChange={(event) => set('simulationValue', event.currentTarget.value)}
          />
        </Group>
        <Checkbox
          label="Sign with DKIM"
          disabled={readOnly}
          checked={values.dkimOn}
          onChange={(event) => set('dkimOn', event.currentTarget.checked)}
        />
        {values.dkimOn && (
          <>
            <Group grow>
              <TextInput
                label="DKIM domain"
                required
                disabled={readOnly}
                value={values.dkimDomain}
                onChange={(event) => set('dkimDomain', event.currentTarget.value)}
              />
              <TextInput
                label="Selector"
                required
                disabled={readOnly}
                value={values.dkimSelector}
                onChange={(event) => set('dkimSelector', event.currentTarget.value)}
              />
            </Group>
            {!readOnly && (
              <Textarea
                label="Private key (PEM)"
                description={
                  profile?.dkim
                    ? 'A key is set. Leave empty to keep it.'
                    : 'RSA or Ed25519. Stored encrypted.'
                }
                required={!profile?.dkim}
                autosize
                minRows={3}
                maxRows={8}
                value={values.dkimKey}
                onChange={(event) => set('dkimKey', event.currentTarget.value)}
              />
            )}
          </>
        )}
        <Text fw={500} size="sm">
          Extra headers
        </Text>
        {values.headers.map((header, index) => (
          // Rows have no id of their own; their position is their identity while editing.
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and never reordered
          <Group key={index} align="flex-end" wrap="nowrap">
            <TextInput
              aria-label={`Header ${index + 1} name`}
              placeholder="X-Header-Name"
              disabled={readOnly}
              value={header.name}
              onChange={(event) => setHeader(index, { name: event.currentTarget.value })}
              style={{ flex: 1 }}
            />
            <TextInput
              aria-label={`Header ${index + 1} value`}
              placeholder="value"
              disabled={readOnly}
              value={header.value}
              onChange={(event) => setHeader(index, { value: event.currentTarget.value })}
              style={{ flex: 2 }}
            />
            {!readOnly && (
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Remove header ${index + 1}`}
                onClick={() =>
                  set(
                    'headers',
                    values.headers.filter((_, at) => at !== index),
                  )
                }
              >
                ×
              </ActionIcon>
            )}
          </Group>
        ))}
        {!readOnly && values.headers.length < 20 && (
          <Button
            variant="subtle"
            size="xs"
            w="fit-content"
            onClick={() => set('headers', [...values.headers, { name: '', value: '' }])}
          >
            Add header
          </Button>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {readOnly ? 'Close' : 'Cancel'}
          </Button>
          {!readOnly && (
            <Button type="submit" loading={pending}>
              {profile ? 'Save' : 'Add profile'}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
