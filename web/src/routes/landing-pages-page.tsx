import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { type LandingPageView, useDeleteLandingPage, useLandingPages } from '../api/phishing-templates.ts';
import { ConfirmActionModal } from '../components/confirm-action-modal.tsx';
import { formatDate } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { LandingPageEditor, LandingPageViewer } from '../features/phishing-templates/landing-page-editor.tsx';

const kindLabels = { teachable: 'Teachable moment', credential: 'Credential page' } as const;

export function LandingPagesPage() {
  const can = useCan();
  const pages = useLandingPages();
  const remove = useDeleteLandingPage();
  const [editing, setEditing] = useState<LandingPageView | 'new' | null>(null);
  const [viewing, setViewing] = useState<LandingPageView | null>(null);
  const [deleting, setDeleting] = useState<LandingPageView | null>(null);
  const canWrite = can('phishing:write');

  return (
    <>
      <PageHeader
        title="Landing pages"
        description="What people see after clicking a simulation link. The teachable-moment page shows the red flags of the exact email they clicked; a credential page records only that something was submitted, never what was typed."
        actions={canWrite && <Button onClick={() => setEditing('new')}>New landing page</Button>}
      />
      {pages.isPending ? (
        <PageLoader />
      ) : pages.isError ? (
        <QueryError error={pages.error} onRetry={() => pages.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table highlightOnHover aria-label="Landing pages">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Page</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Redirect</Table.Th>
                <Table.Th>Updated</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pages.data.items.map((page) => (
                <Table.Tr key={page.id}>
                  <Table.Td>
                    <Anchor
                      component="button"
                      onClick={() => (page.builtin || !canWrite ? setViewing(page) : setEditing(page))}
                    >
                      {page.name}
                    </Anchor>
                    {page.builtin && (
                      <Badge ml="xs" variant="light">
                        Built-in
                      </Badge>
                    )}
                    {page.source === 'gophish' && (
                      <Badge ml="xs" variant="light" color="gray">
                        From GoPhish
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{kindLabels[page.kind]}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={1}>
                      {page.redirectUrl ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{page.updatedAt ? formatDate(page.updatedAt) : '—'}</Table.Td>
                  <Table.Td>
                    {canWrite && !page.builtin && (
                      <Group justify="flex-end">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => setDeleting(page)}
                        >
                          Delete
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <LandingPageEditor page={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {viewing && <LandingPageViewer page={viewing} onClose={() => setViewing(null)} />}
      <ConfirmActionModal
        opened={deleting !== null}
        title="Delete this landing page?"
        confirmLabel="Delete page"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      >
        <Text mb="md">A page used by a campaign cannot be deleted.</Text>
      </ConfirmActionModal>
    </>
  );
}
