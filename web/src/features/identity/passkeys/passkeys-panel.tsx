import { Alert, Button, Group, Paper, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../../api/api-error.ts';
import { type PasskeyView, useAddPasskey, usePasskeys, useRemovePasskey } from '../../../api/passkeys.ts';
import { formatDateTime } from '../../../components/format.ts';
import { PageLoader, QueryError } from '../../../components/query-status.tsx';
import { passkeyErrorMessage } from './passkey-error.ts';

function PasskeyRow({ passkey }: { passkey: PasskeyView }) {
  const remove = useRemovePasskey();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {passkey.name}
        </Text>
      </Table.Td>
      <Table.Td>{formatDateTime(passkey.createdAt)}</Table.Td>
      <Table.Td>{passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt) : 'Never'}</Table.Td>
      <Table.Td>
        <Button
          size="xs"
          variant="subtle"
          color="red"
          loading={remove.isPending}
          onClick={() => remove.mutate(passkey.id)}
          aria-label={`Remove the passkey ${passkey.name}`}
        >
          Remove
        </Button>
        {remove.error && (
          <Text size="xs" c="red" role="alert">
            {errorMessage(remove.error)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The profile's passkeys: list, add one on this device, remove. */
export function PasskeysPanel() {
  const passkeys = usePasskeys();
  const add = useAddPasskey();
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(name.trim() || undefined, { onSuccess: () => setName('') });
  };
  return (
    <Paper withBorder p="lg" radius="md">
      <div>
        <Title order={2} size="h4">
          Passkeys
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          Sign in with your device’s fingerprint, face or PIN instead of a password and code.
        </Text>
      </div>
      {add.error && (
        <Alert color="red" role="alert" title="The passkey was not added" mb="md">
          {passkeyErrorMessage(add.error)}
        </Alert>
      )}
      <form onSubmit={submit} aria-label="Add a passkey">
        <Group align="flex-end" mb="md">
          <TextInput
            label="Passkey name"
            placeholder="e.g. Work laptop"
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Button type="submit" loading={add.isPending}>
            Add a passkey
          </Button>
        </Group>
      </form>
      {passkeys.isPending && <PageLoader label="Loading passkeys" />}
      {passkeys.isError && <QueryError error={passkeys.error} onRetry={() => void passkeys.refetch()} />}
      {passkeys.data && passkeys.data.length === 0 && (
        <Text size="sm" c="dimmed">
          No passkeys yet.
        </Text>
      )}
      {passkeys.data && passkeys.data.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table aria-label="Passkeys" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Added</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {passkeys.data.map((passkey) => (
                <PasskeyRow key={passkey.id} passkey={passkey} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
