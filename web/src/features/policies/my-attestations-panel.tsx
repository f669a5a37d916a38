import { Accordion, Alert, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type MyAttestation, useAcknowledgeMine, useMyAttestations } from '../../api/policies.ts';
import { formatDateTime } from '../../components/format.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { PolicyMarkdown } from './policy-markdown.tsx';

function AttestationItem({ item }: { item: MyAttestation }) {
  const acknowledge = useAcknowledgeMine();
  const pending = item.status === 'pending';
  return (
    <Accordion.Item value={item.id}>
      <Accordion.Control>
        <Group justify="space-between" wrap="nowrap" pr="sm">
          <Text fw={600}>{item.campaignTitle}</Text>
          {pending ? (
            <Badge color={item.overdue ? 'red' : 'yellow'} variant="light">
              {item.overdue ? `Overdue since ${item.dueDate}` : `Due ${item.dueDate}`}
            </Badge>
          ) : (
            <Badge color="green" variant="light">
              Acknowledged {item.acknowledgedAt ? formatDateTime(item.acknowledgedAt) : ''}
            </Badge>
          )}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="md">
          {item.policies.map((policy) => (
            <Paper key={`${policy.title}-${policy.version}`} withBorder p="md" radius="md">
              <Text size="sm" c="dimmed" mb="xs">
                {policy.title}, version {policy.version}
              </Text>
              <PolicyMarkdown body={policy.body} />
            </Paper>
          ))}
          {acknowledge.isError && <QueryError error={acknowledge.error} />}
          {pending && (
            <Group>
              <Button loading={acknowledge.isPending} onClick={() => acknowledge.mutate(item.id)}>
                I have read and will follow these policies
              </Button>
            </Group>
          )}
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

/** The signed-in person's policy acknowledgements: read each policy, then acknowledge it. */
export function MyAttestationsPanel() {
  const mine = useMyAttestations();
  if (mine.isPending) return <PageLoader label="Loading your policies" />;
  if (mine.isError) return <QueryError error={mine.error} onRetry={() => void mine.refetch()} />;
  const items = mine.data.items;
  if (items.length === 0) return null;
  const pending = items.filter((item) => item.status === 'pending').length;
  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="xs">
        Policies to acknowledge
      </Title>
      {pending > 0 ? (
        <Alert color="yellow" mb="md" title={`${pending} waiting for you`}>
          Read each policy, then confirm that you will follow it. Your confirmation is recorded with the date.
        </Alert>
      ) : (
        <Text size="sm" c="dimmed" mb="md">
          You have acknowledged every policy you were asked to.
        </Text>
      )}
      <Accordion
        variant="separated"
        defaultValue={items.find((item) => item.status === 'pending')?.id ?? null}
      >
        {items.map((item) => (
          <AttestationItem key={item.id} item={item} />
        ))}
      </Accordion>
    </Paper>
  );
}
