import { Badge, Button, Group, Modal, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/api-error.ts';
import { useRevokeSession, useSessions, useSignOutEverywhere } from '../../api/session.ts';
import type { SessionView } from '../../api/types.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { describeUserAgent } from './user-agent.ts';

function SessionRow({ session }: { session: SessionView }) {
  const revoke = useRevokeSession();
  const device = describeUserAgent(session.userAgent);
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {device}
        </Text>
        {session.current && (
          <Badge size="sm" variant="light" color="teal" mt={4}>
            This session
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{session.ip ?? '—'}</Table.Td>
      <Table.Td>{formatDateTime(session.createdAt)}</Table.Td>
      <Table.Td>{formatDateTime(session.lastSeenAt)}</Table.Td>
      <Table.Td>
        {!session.current && (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            loading={revoke.isPending}
            onClick={() => revoke.mutate(session.id)}
            aria-label={`End the session of ${device} last seen ${formatDateTime(session.lastSeenAt)}`}
          >
            End
          </Button>
        )}
        {revoke.error && (
          <Text size="xs" c="red" role="alert">
            {errorMessage(revoke.error)}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function SignOutEverywhere() {
  const [isOpen, { open, close }] = useDisclosure(false);
  const signOutEverywhere = useSignOutEverywhere();
  const navigate = useNavigate();
  return (
    <>
      <Button variant="light" color="red" onClick={open}>
        Sign out everywhere
      </Button>
      <Modal opened={isOpen} onClose={close} title="Sign out everywhere">
        <Text mb="md">Every session of your account ends, this one too. You will sign in again.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={signOutEverywhere.isPending}
            onClick={() =>
              signOutEverywhere.mutate(undefined, {
                onSettled: () => void navigate('/sign-in', { replace: true }),
              })
            }
          >
            Sign out everywhere
          </Button>
        </Group>
      </Modal>
    </>
  );
}

export function SessionsPanel() {
  const sessions = useSessions();
  return (
    <Paper withBorder p="lg" radius="md">
      <Group justify="space-between" mb="md" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            Active sessions
          </Title>
          <Text size="sm" c="dimmed">
            Browsers signed in to your account. End any you do not recognise.
          </Text>
        </div>
        <SignOutEverywhere />
      </Group>
      {sessions.isPending && <PageLoader label="Loading sessions" />}
      {sessions.isError && <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />}
      {sessions.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Active sessions" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Device</Table.Th>
                <Table.Th>IP address</Table.Th>
                <Table.Th>Signed in</Table.Th>
                <Table.Th>Last seen</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.map((session) => (
                <SessionRow key={session.id} session={session} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
