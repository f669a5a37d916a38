import { Badge, Button, Group, Menu, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useMe } from '../../api/me.ts';
import { usePracticeOptions } from '../../api/practices.ts';
import type { UserView } from '../../api/types.ts';
import { useUsers } from '../../api/users.ts';
import { formatDateTime, formatTimestamp } from '../../components/format.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { roleLabels, useAssignableRoles, useCan } from './permissions.ts';
import { AddUserModal, EditUserModal, SignOutUserModal } from './user-modals.tsx';

// Table cells squeeze badges to an ellipsis otherwise.
const noShrink = { minWidth: 'max-content' } as const;

function PracticeNames({ ids, names }: { ids: string[]; names: Map<string, string> }) {
  if (ids.length === 0) return <Text size="sm">All</Text>;
  return <Text size="sm">{ids.map((id) => names.get(id) ?? 'Unknown practice').join(', ')}</Text>;
}

export function UsersPanel() {
  const users = useUsers();
  const me = useMe();
  const can = useCan();
  const practices = usePracticeOptions();
  const [isAdding, setIsAdding] = useState(false);
  const [editing, setEditing] = useState<UserView | null>(null);
  const [signingOut, setSigningOut] = useState<UserView | null>(null);
  const roles = useAssignableRoles();
  const canWrite = can('users:write');
  const names = new Map((practices.data ?? []).map((practice) => [practice.id, practice.name]));
  // The server lets a user act only on accounts whose role they could give.
  const canManage = (user: UserView) => canWrite && roles.includes(user.role);

  return (
    <>
      <Group justify="space-between" mb="md" wrap="wrap">
        <Text c="dimmed" size="sm" maw={640}>
          Everyone who can sign in to your DSO. New accounts receive a one-time setup link to choose their
          password.
        </Text>
        {canWrite && <Button onClick={() => setIsAdding(true)}>Add user</Button>}
      </Group>
      <Paper withBorder radius="md" p="xs">
        {users.isPending && <PageLoader label="Loading users" />}
        {users.isError && <QueryError error={users.error} onRetry={() => void users.refetch()} />}
        {users.data && (
          <Table.ScrollContainer minWidth={960}>
            <Table aria-label="Users" verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  <Table.Th>Practices</Table.Th>
                  <Table.Th>MFA</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last sign-in</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td fw={500}>{user.displayName}</Table.Td>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>{roleLabels[user.role]}</Table.Td>
                    <Table.Td>
                      {user.role === 'practice_manager' ? (
                        <PracticeNames ids={user.practiceIds} names={names} />
                      ) : (
                        'All'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={user.mfaEnabled ? 'teal' : 'gray'} style={noShrink}>
                        {user.mfaEnabled ? 'On' : 'Off'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Badge
                        variant="light"
                        color={user.status === 'active' ? 'blue' : 'red'}
                        style={noShrink}
                      >
                        {user.status === 'active' ? 'Active' : 'Disabled'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never'}</Table.Td>
                    <Table.Td>{user.expiresAt ? formatTimestamp(user.expiresAt) : '—'}</Table.Td>
                    <Table.Td>
                      {canManage(user) && (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <Button size="xs" variant="subtle" aria-label={`Actions for ${user.displayName}`}>
                              Manage
                            </Button>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => setEditing(user)}>Edit</Menu.Item>
                            <Menu.Item color="red" onClick={() => setSigningOut(user)}>
                              Sign out everywhere
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <AddUserModal opened={isAdding} roles={roles} onClose={() => setIsAdding(false)} />
      <EditUserModal
        user={editing}
        roles={roles}
        isSelf={editing?.id === me.data?.user.id}
        onClose={() => setEditing(null)}
      />
      <SignOutUserModal user={signingOut} onClose={() => setSigningOut(null)} />
    </>
  );
}
