import {
  Alert,
  Anchor,
  Badge,
  Button,
  Grid,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../api/api-error.ts';
import { type PolicyVersion, useApprovePolicyVersion, usePolicy, useUpdatePolicy } from '../api/policies.ts';
import { DetailList } from '../components/detail-list.tsx';
import { formatDate, formatDateTime } from '../components/format.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { DraftEditor } from '../features/policies/draft-editor.tsx';
import {
  categoryLabels,
  ReviewStatusBadge,
  VersionStatusBadge,
} from '../features/policies/policy-labels.tsx';
import { PolicyMarkdown } from '../features/policies/policy-markdown.tsx';

export function PolicyDetailPage() {
  const { policyId = '' } = useParams();
  const policy = usePolicy(policyId);
  const can = useCan();
  const approve = useApprovePolicyVersion(policyId);
  const update = useUpdatePolicy(policyId);
  const [editing, setEditing] = useState(false);
  const [shownId, setShownId] = useState<string | null>(null);
  const [interval, setReviewInterval] = useState<number | string>('');

  if (policy.isPending) return <PageLoader />;
  if (policy.isError) return <QueryError error={policy.error} onRetry={() => policy.refetch()} />;
  const data = policy.data;
  const shown: PolicyVersion | undefined =
    data.versions.find((v) => v.id === shownId) ??
    data.versions.find((v) => v.id === data.currentVersion?.id) ??
    data.versions[0];

  return (
    <>
      <PageHeader
        title={data.title}
        badge={<ReviewStatusBadge status={data.reviewStatus} />}
        description={
          <>
            <Anchor component={Link} to="/compliance/policies">
              Policies
            </Anchor>{' '}
            · {categoryLabels[data.category]}
          </>
        }
        actions={
          can('compliance:write') &&
          !editing && <Button onClick={() => setEditing(true)}>Write a new draft</Button>
        }
      />
      {editing && (
        <Stack mb="lg">
          <DraftEditor
            policyId={policyId}
            startFrom={data.versions[0]?.body ?? ''}
            onDone={() => setEditing(false)}
          />
        </Stack>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {shown && (
            <Paper withBorder p="lg">
              <Group justify="space-between" mb="sm">
                <Group gap="xs">
                  <Text fw={600}>Version {shown.version}</Text>
                  <VersionStatusBadge status={shown.status} />
                </Group>
                {shown.status === 'draft' && can('compliance:approve') && (
                  <Button color="green" loading={approve.isPending} onClick={() => approve.mutate(shown.id)}>
                    Approve version {shown.version}
                  </Button>
                )}
              </Group>
              {approve.error ? (
                <Alert color="red" mb="sm" role="alert">
                  {errorMessage(approve.error)}
                </Alert>
              ) : null}
              <PolicyMarkdown body={shown.body} />
            </Paper>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <Paper withBorder p="md">
              <DetailList
                items={[
                  {
                    label: 'In force',
                    value: data.currentVersion
                      ? `Version ${data.currentVersion.version}`
                      : 'Not approved yet',
                  },
                  { label: 'Approved by', value: data.currentVersion?.approvedBy ?? '—' },
                  { label: 'Approved on', value: formatDateTime(data.currentVersion?.approvedAt ?? null) },
                  { label: 'Review every', value: `${data.reviewIntervalMonths} months` },
                  { label: 'Next review', value: formatDate(data.nextReviewDate) },
                  { label: 'Owner', value: data.ownerName ?? '—' },
                  {
                    label: 'HIPAA',
                    value: data.hipaa.length ? (
                      <Group gap={4}>
                        {data.hipaa.map((id) => (
                          <Badge key={id} size="xs" variant="light" color="gray">
                            {id}
                          </Badge>
                        ))}
                      </Group>
                    ) : (
                      '—'
                    ),
                  },
                ]}
              />
              {can('compliance:write') && (
                <Group align="flex-end" mt="md" gap="xs">
                  <NumberInput
                    label="Review interval (months)"
                    min={1}
                    max={60}
                    value={interval}
                    placeholder={String(data.reviewIntervalMonths)}
                    onChange={setReviewInterval}
                    w={180}
                  />
                  <Button
                    variant="default"
                    loading={update.isPending}
                    disabled={typeof interval !== 'number'}
                    onClick={() =>
                      typeof interval === 'number' && update.mutate({ reviewIntervalMonths: interval })
                    }
                  >
                    Save
                  </Button>
                </Group>
              )}
              {update.error ? (
                <Alert color="red" mt="sm" role="alert">
                  {errorMessage(update.error)}
                </Alert>
              ) : null}
            </Paper>
            <Paper withBorder p="md">
              <Title order={2} size="h4" mb="sm">
                Version history
              </Title>
              <Table aria-label="Version history">
                <Table.Tbody>
                  {data.versions.map((version) => (
                    <Table.Tr
                      key={version.id}
                      onClick={() => setShownId(version.id)}
                      onKeyDown={(event) => {
                        if (event.key === 'Enter' || event.key === ' ') {
                          event.preventDefault();
                          setShownId(version.id);
                        }
                      }}
                      tabIndex={0}
                      aria-selected={version.id === shown?.id}
                      aria-label={`Show version ${version.version}`}
                      style={{
                        cursor: 'pointer',
                        background:
                          version.id === shown?.id ? 'var(--mantine-color-blue-light)' : 'transparent',
                      }}
                    >
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          v{version.version} <VersionStatusBadge status={version.status} />
                        </Text>
                        <Text size="xs" c="dimmed">
                          {version.changeNote ?? ''} · {version.createdBy}, {formatDate(version.createdAt)}
                        </Text>
                        <Text size="xs" c="dimmed" ff="monospace" title="SHA-256 of the text">
                          {version.sha256.slice(0, 16)}…
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
