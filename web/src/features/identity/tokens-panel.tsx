import { Badge, Button, Code, Group, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import type { TokenView } from '../../api/types.ts';
import { useTokens } from '../../api/users.ts';
import { formatDateTime, formatTimestamp } from '../../components/format.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { useCan } from './permissions.ts';
import { CreateTokenModal, RevokeTokenModal } from './token-modals.tsx';

function TokenStatus({ token }: { token: TokenView }) {
  if (token.revokedAt)
    return (
      <Badge color="red" variant="light" style={{ minWidth: 'max-content' }}>
        Revoked {formatTimestamp(token.revokedAt)}
      </Badge>
    );
  if (token.expiresAt <= new Date().toISOString())
    return (
      <Badge color="gray" variant="light" style={{ minWidth: 'max-content' }}>
        Expired
      </Badge>
    );
  return (
    <Badge color="teal" variant="light" style={{ minWidth: 'max-content' }}>
      Active
    </Badge>
  );
}

export function TokensPanel() {
  const tokens = useTokens();
  const can = useCan();
  const [isCreating, setIsCreating] = useState(false);
  const [revoking, setRevoking] = useState<TokenView | null>(null);
  const canWrite = can('tokens:write');
  return (
    <>
      <Group justify="space-between" mb="md" wrap="wrap">
        <Text c="dimmed" size="sm" maw={640}>
          API tokens let other systems (an HR feed, a SIEM) read or import data with limited permissions.
        </Text>
        {canWrite && <Button onClick={() => setIsCreating(true)}>Create token</Button>}
      </Group>
      <Paper withBorder radius="md" p="xs">
        {tokens.isPending && <PageLoader label="Loading API tokens" />}
        {tokens.isError && <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />}
        {tokens.data?.length === 0 && (
          <Text p="lg" ta="center" c="dimmed">
            No API token yet.
          </Text>
        )}
        {tokens.data && tokens.data.length > 0 && (
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label="API tokens" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Permissions</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {tokens.data.map((token) => (
                  <Table.Tr key={token.id}>
                    <Table.Td fw={500}>{token.name}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {token.scopes.map((scope) => (
                          <Code key={scope}>{scope}</Code>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatTimestamp(token.createdAt)}</Table.Td>
                    <Table.Td>{formatTimestamp(token.expiresAt)}</Table.Td>
                    <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</Table.Td>
                    <Table.Td>
                      <TokenStatus token={token} />
                    </Table.Td>
                    <Table.Td>
                      {canWrite && !token.revokedAt && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setRevoking(token)}
                          aria-label={`Revoke ${token.name}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <CreateTokenModal opened={isCreating} onClose={() => setIsCreating(false)} />
      <RevokeTokenModal token={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}
