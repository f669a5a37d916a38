import { Alert, Button, Checkbox, Group, Modal, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { type TokenScope, type TokenView, tokenScopes } from '../../api/types.ts';
import { useCreateToken, useRevokeToken } from '../../api/users.ts';
import { ConfirmActionModal } from '../../components/confirm-action-modal.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { mapServerError } from '../../components/forms/server-errors.ts';

export const scopeLabels: Record<TokenScope, string> = {
  'practices:read': 'Read practices',
  'people:read': 'Read people',
  'people:import': 'Import people (CSV)',
  'regions:read': 'Read regions',
  'audit:read': 'Read the audit log',
  'audit:export': 'Export the audit log',
};

function CreateTokenForm({
  onCreated,
  onCancel,
}: {
  onCreated: (secret: string) => void;
  onCancel: () => void;
}) {
  const createToken = useCreateToken();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const [days, setDays] = useState<number | string>(90);
  const [clientError, setClientError] = useState<Record<string, string>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Record<string, string> = {};
    if (!name.trim()) errors.name = 'Name the token after what uses it.';
    if (scopes.length === 0) errors.scopes = 'Choose at least one permission.';
    const expiresInDays = Number(days);
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 730) {
      errors.expiresInDays = 'Use 1 to 730 days.';
    }
    setClientError(errors);
    if (Object.keys(errors).length > 0) return;
    createToken.mutate(
      { name: name.trim(), scopes: scopes as TokenScope[], expiresInDays },
      { onSuccess: (result) => onCreated(result.secret) },
    );
  };
  const server = createToken.error
    ? mapServerError(createToken.error, ['name', 'scopes', 'expiresInDays'])
    : null;
  const errorOf = (key: string) => clientError[key] ?? server?.fieldErrors[key];

  return (
    <form onSubmit={submit} noValidate aria-label="Create API token">
      <Stack gap="md">
        {server?.formError && (
          <Alert color="red" role="alert" title={server.formError.message}>
            {server.formError.details.join(' ')}
          </Alert>
        )}
        <TextInput
          label="Name"
          description="What will use it, e.g. “HR system sync”"
          required
          maxLength={100}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errorOf('name')}
          data-autofocus
        />
        <Checkbox.Group
          label="Permissions"
          required
          value={scopes}
          onChange={setScopes}
          error={errorOf('scopes')}
        >
          <Stack gap={6} mt={6}>
            {tokenScopes.map((scope) => (
              <Checkbox key={scope} value={scope} label={`${scopeLabels[scope]} (${scope})`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <NumberInput
          label="Expires after (days)"
          min={1}
          max={730}
          allowDecimal={false}
          value={days}
          onChange={setDays}
          error={errorOf('expiresInDays')}
          maw={220}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={createToken.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function CreateTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [secret, setSecret] = useState<string | null>(null);
  const close = () => {
    setSecret(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={secret ? 'Copy the token now' : 'Create API token'}
      size="lg"
    >
      {secret ? (
        <Stack gap="md">
          <Alert color="yellow" title="Shown only once">
            Enamel keeps only a hash of this secret. Store it in the system that will use it, then close this
            window.
          </Alert>
          <CopyField
            label="Token secret"
            value={secret}
            description="Send it as: Authorization: Bearer <secret>"
          />
          <Group justify="flex-end">
            <Button onClick={close}>Done</Button>
          </Group>
        </Stack>
      ) : (
        opened && <CreateTokenForm onCreated={setSecret} onCancel={close} />
      )}
    </Modal>
  );
}

export function RevokeTokenModal({ token, onClose }: { token: TokenView | null; onClose: () => void }) {
  const revoke = useRevokeToken();
  const close = () => {
    revoke.reset();
    onClose();
  };
  return (
    <ConfirmActionModal
      opened={token !== null}
      title="Revoke API token"
      confirmLabel="Revoke token"
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={() => token && revoke.mutate(token.id, { onSuccess: close })}
      onClose={close}
    >
      <Text mb="md">
        Revoke <strong>{token?.name}</strong>? Anything using it stops working at once. This cannot be undone.
      </Text>
    </ConfirmActionModal>
  );
}
