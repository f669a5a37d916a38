import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { usePolicies, usePolicyTemplates } from '../api/policies.ts';
import { formatDate } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { NewPolicyModal } from '../features/policies/new-policy-modal.tsx';
import { categoryLabels, ReviewStatusBadge } from '../features/policies/policy-labels.tsx';

export function PoliciesPage() {
  const can = useCan();
  const policies = usePolicies();
  const templates = usePolicyTemplates();
  const [creating, setCreating] = useState<{ templateId: string | null } | null>(null);
  const canWrite = can('compliance:write');

  return (
    <>
      <PageHeader
        title="Policies"
        description="Your written security policies (45 CFR 164.316): versions, approval and review dates. Start from a template written for dental offices."
        actions={canWrite && <Button onClick={() => setCreating({ templateId: null })}>New policy</Button>}
      />
      {policies.isPending ? (
        <PageLoader />
      ) : policies.isError ? (
        <QueryError error={policies.error} onRetry={() => policies.refetch()} />
      ) : policies.data.items.length === 0 ? (
        <Text c="dimmed" mb="xl">
          No policies yet. Start from a template below.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720} mb="xl">
          <Table striped highlightOnHover aria-label="Policies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Policy</Table.Th>
                <Table.Th>Category</Table.Th>
                <Table.Th>In force</Table.Th>
                <Table.Th>Next review</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {policies.data.items.map((policy) => (
                <Table.Tr key={policy.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/compliance/policies/${policy.id}`}>
                      {policy.title}
                    </Anchor>
                    {policy.latestVersion?.status === 'draft' && (
                      <Badge ml="xs" size="xs" variant="outline">
                        Draft v{policy.latestVersion.version}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{categoryLabels[policy.category]}</Table.Td>
                  <Table.Td>
                    {policy.currentVersion ? `Version ${policy.currentVersion.version}` : '—'}
                  </Table.Td>
                  <Table.Td>{formatDate(policy.nextReviewDate)}</Table.Td>
                  <Table.Td>
                    <ReviewStatusBadge status={policy.reviewStatus} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Title order={2} size="h3" mb="sm">
        Template library
      </Title>
      {templates.isPending ? (
        <PageLoader />
      ) : templates.isError ? (
        <QueryError error={templates.error} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {templates.data.items.map((template) => (
            <Card key={template.id} withBorder padding="md">
              <Stack gap="xs" h="100%" justify="space-between">
                <div>
                  <Text fw={600}>{template.title}</Text>
                  <Text size="sm" c="dimmed">
                    {categoryLabels[template.category]} · review every {template.reviewIntervalMonths} months
                  </Text>
                  <Group gap={4} mt="xs">
                    {template.hipaa.map((id) => (
                      <Badge key={id} size="xs" variant="light" color="gray">
                        {id}
                      </Badge>
                    ))}
                  </Group>
                </div>
                {canWrite && (
                  <Button
                    variant="light"
                    size="xs"
                    // Twelve buttons read "Use this template": the name says which one.
                    aria-label={`Use this template: ${template.title}`}
                    onClick={() => setCreating({ templateId: template.id })}
                  >
                    Use this template
                  </Button>
                )}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
      {creating && (
        <NewPolicyModal
          opened
          onClose={() => setCreating(null)}
          templates={templates.data?.items ?? []}
          templateId={creating.templateId}
        />
      )}
    </>
  );
}
