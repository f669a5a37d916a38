import { Button, Menu, Paper, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import {
  type SendingProfileView,
  useDeleteSendingProfile,
  useSendingProfiles,
} from '../api/phishing-sending.ts';
import { ConfirmActionModal } from '../components/confirm-action-modal.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { SendTestModal } from '../features/phishing-sending/send-test-modal.tsx';
import { SendingProfileModal } from '../features/phishing-sending/sending-profile-modal.tsx';

export function SendingProfilesPage() {
  const profiles = useSendingProfiles();
  const remove = useDeleteSendingProfile();
  const canWrite = useCan()('phishing:write');
  const [editing, setEditing] = useState<SendingProfileView | 'new' | null>(null);
  const [testing, setTesting] = useState<SendingProfileView | null>(null);
  const [deleting, setDeleting] = useState<SendingProfileView | null>(null);

  return (
    <>
      <PageHeader
        title="Sending profiles"
        description="The mail servers phishing simulations go out through. Every simulation carries the profile's simulation header, so mail administrators can let it through their filters."
        actions={canWrite && <Button onClick={() => setEditing('new')}>Add profile</Button>}
      />
      <Paper withBorder radius="md" p="xs">
        {profiles.isPending && <PageLoader label="Loading sending profiles" />}
        {profiles.isError && <QueryError error={profiles.error} onRetry={() => void profiles.refetch()} />}
        {profiles.data?.length === 0 && (
          <Text p="lg" ta="center" c="dimmed">
            No sending profile yet.
          </Text>
        )}
        {profiles.data && profiles.data.length > 0 && (
          <Table.ScrollContainer minWidth={800}>
            <Table aria-label="Sending profiles" verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Mail server</Table.Th>
                  <Table.Th>Pool</Table.Th>
                  <Table.Th>DKIM</Table.Th>
                  <Table.Th>Simulation header</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {profiles.data.map((profile) => (
                  <Table.Tr key={profile.id}>
                    <Table.Td fw={500}>{profile.name}</Table.Td>
                    <Table.Td>
                      {profile.smtp.host}:{profile.smtp.port} (
                      {profile.smtp.security === 'tls' ? 'TLS' : 'STARTTLS'})
                    </Table.Td>
                    <Table.Td>{profile.maxConnections}</Table.Td>
                    <Table.Td>
                      {profile.dkim ? `${profile.dkim.selector}._domainkey.${profile.dkim.domain}` : 'Off'}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {profile.simulationHeader.name}: {profile.simulationHeader.value}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {canWrite ? (
                        <Menu position="bottom-end" withinPortal>
                          <Menu.Target>
                            <Button size="xs" variant="subtle" aria-label={`Actions for ${profile.name}`}>
                              Manage
                            </Button>
                          </Menu.Target>
                          <Menu.Dropdown>
                            <Menu.Item onClick={() => setEditing(profile)}>Edit</Menu.Item>
                            <Menu.Item onClick={() => setTesting(profile)}>Send test email</Menu.Item>
                            <Menu.Item color="red" onClick={() => setDeleting(profile)}>
                              Delete
                            </Menu.Item>
                          </Menu.Dropdown>
                        </Menu>
                      ) : (
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setEditing(profile)}
                          aria-label={`Details of ${profile.name}`}
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
      <SendingProfileModal
        opened={editing !== null}
        profile={editing === 'new' ? null : editing}
        readOnly={!canWrite}
        onClose={() => setEditing(null)}
      />
      <SendTestModal profile={testing} onClose={() => setTesting(null)} />
      <ConfirmActionModal
        opened={deleting !== null}
        title="Delete sending profile"
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
        }}
        onClose={() => {
          remove.reset();
          setDeleting(null);
        }}
      >
        <Text mb="md">
          Delete <strong>{deleting?.name}</strong>? Campaigns that are not finished must use another profile
          first; finished campaigns keep their results.
        </Text>
      </ConfirmActionModal>
    </>
  );
}
