import { Badge, Button, Group, Menu, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useSsoProviders } from '../../api/sso.ts';
import type { SsoProviderView } from '../../api/types.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { roleLabels, useCan } from './permissions.ts';
import { kindLabels } from './sso-provider-form-values.ts';
import { AddSsoProviderModal, DeleteSsoProviderModal, EditSsoProviderModal } from './sso-provider-modals.tsx';

// Table cells squeeze badges to an ellipsis otherwise.
const noShrink = { minWidth: 'max-content' } as const;

function roleSummary(provider: SsoProviderView): string {
  const groups = provider.kind === 'google' ? 0 : provider.roleMappings.length;
  const fallback = provider.defaultRole ? roleLabels[provider.defaultRole] : null;
  if (groups === 0) return fallback ?? 'Nobody (no default role)';
  return `${groups} group${groups > 1 ? 's' : ''}, else ${fallback ?? 'refused'}`;
}

export function SsoProvidersPanel() {
  const providers = useSsoProviders();
  const can = useCan();
  const canWrite = can('sso:write');
  const [isAdding, setIsAdding] = useState(false);
  const [editing, setEditing] = useState<SsoProviderView | null>(null);
  const [deleting, setDeleting] = useState<SsoProviderView | null>(null);

  return (
    <>
      <Group justify="space-between" mb="md" wrap="wrap">
        <Text c="dimmed" size="sm" maw={640}>
          Let people sign in with their Microsoft Entra ID, Google Workspace or other OpenID Connect account.
          Their groups decide their Enamel role; the first sign-in creates their account.
        </Text>
        {canWrite && <Button onClick={() => setIsAdding(true)}>Add provider</Button>}
      </Group>
      <Paper withBorder radius="md" p="xs">
        {providers.isPending && <PageLoader label="Loading SSO providers" />}
        {providers.isError && <QueryError error={providers.error} onRetry={() => void providers.refetch()} />}
        {providers.data?.length === 0 && (
          <Text p="lg" ta="center" c="dimmed">
            No single sign-on provider yet.
          </Text>
        )}
        {providers.data && providers.data.length > 0 && (
          <Table.ScrollContainer minWidth={900}>
            <Table aria-label="SSO providers" verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Kind</Table.Th>
                  <Table.Th>Domains</Table.Th>
                  <Table.Th>Roles</Table.Th>
                  <Table.Th>MFA</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {providers.data.map((provider) => (
                  <Table.Tr key={provider.id}>
                    <Table.Td fw={500}>{provider.name}</Table.Td>
                    <Table.Td>{kindLabels[provider.kind]}</Table.Td>
                    <Table.Td>{provider.allowedDomains.join(', ')}</Table.Td>
                    <Table.Td>{roleSummary(provider)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{provider.enforcesMfa ? 'By the provider' : 'Enamel code'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={provider.enabled ? 'teal' : 'gray'} style={noShrink}>
                        {provider.enabled ? 'On' : 'Off'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {canWrite ? (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <Button size="xs" variant="subtle" aria-label={`Actions for ${provider.name}`}>
                              Manage
                            </Button>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => setEditing(provider)}>Edit</Menu.Item>
                            <Menu.Item color="red" onClick={() => setDeleting(provider)}>
                              Delete
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      ) : (
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setEditing(provider)}
                          aria-label={`Details of ${provider.name}`}
                        >
                          Details
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
      <AddSsoProviderModal opened={isAdding} onClose={() => setIsAdding(false)} />
      <EditSsoProviderModal provider={editing} readOnly={!canWrite} onClose={() => setEditing(null)} />
      <DeleteSsoProviderModal provider={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
