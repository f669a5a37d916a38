import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useUpdateWebhook,
  useWebhooks,
  type WebhookEvent,
  type WebhookView,
  webhookEvents,
} from '../../api/phishing-results.ts';
import { ConfirmActionModal } from '../../components/confirm-action-modal.tsx';
import { CopyField } from '../../components/copy-field.tsx';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { useCan } from '../identity/permissions.ts';
import { dateTimeText } from './format.ts';

const eventLabels: Record<WebhookEvent, string> = {
  'phishing.failed': 'Someone failed (clicked or entered details)',
  'phishing.reported': 'Someone reported the simulation',
  'phishing.sent': 'A simulation email was sent',
};

interface FormValues {
  name: string;
  url: string;
  events: WebhookEvent[];
  active: boolean;
}

function WebhookForm({
  initial,
  submitLabel,
  pending,
  error,
  onSubmit,
}: {
  initial: FormValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: FormValues) => void;
}) {
  const [values, setValues] = useState(initial);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(values);
      }}
    >
      <Stack>
        {error ? (
          <Alert color="red" role="alert">
            {errorMessage(error)}
          </Alert>
        ) : null}
        <TextInput
          label="Name"
          required
          maxLength={100}
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.currentTarget.value })}
        />
        <TextInput
          label="URL"
          description="https:// (http:// only for localhost)"
          required
          value={values.url}
          onChange={(e) => setValues({ ...values, url: e.currentTarget.value })}
        />
        <Checkbox.Group
          label="Events"
          value={values.events}
          onChange={(events) => setValues({ ...values, events: events as WebhookEvent[] })}
        >
          <Stack gap={6} mt={6}>
            {webhookEvents.map((event) => (
              <Checkbox key={event} value={event} label={`${event}: ${eventLabels[event]}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Switch
          label="Active"
          checked={values.active}
          onChange={(e) => setValues({ ...values, active: e.currentTarget.checked })}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={pending} disabled={values.events.length === 0}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Signed webhooks for other tools: list, create (the signing secret shows once), edit and delete. */
export function WebhooksPanel() {
  const can = useCan();
  const webhooks = useWebhooks();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [editing, setEditing] = useState<WebhookView | null>(null);
  const [deleting, setDeleting] = useState<WebhookView | null>(null);
  if (!can('phishing:write')) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <Group justify="space-between" mb="sm">
        <div>
          <Title order={2} size="h4">
            Webhooks
          </Title>
          <Text size="sm" c="dimmed">
            Enamel posts "failed" and "reported" events to other tools, signed with HMAC-SHA256 in the
            X-Enamel-Signature header. Mail-scanner clicks are never sent.
          </Text>
        </div>
        <Button
          onClick={() => {
            create.reset();
            setCreating(true);
          }}
        >
          Add webhook
        </Button>
      </Group>
      {webhooks.isPending ? <PageLoader /> : null}
      {webhooks.isError ? <QueryError error={webhooks.error} onRetry={() => webhooks.refetch()} /> : null}
      {webhooks.data && webhooks.data.items.length === 0 ? <Text c="dimmed">No webhook yet.</Text> : null}
      {webhooks.data && webhooks.data.items.length > 0 ? (
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Webhooks" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Events</Table.Th>
                <Table.Th>Deliveries</Table.Th>
                <Table.Th>Last problem</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {webhooks.data.items.map((hook) => (
                <Table.Tr key={hook.id}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm">{hook.name}</Text>
                      {hook.active ? null : <Badge color="gray">Paused</Badge>}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {hook.url}
                    </Text>
                  </Table.Td>
                  <Table.Td>{hook.events.join(', ')}</Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {hook.deliveries.delivered} delivered, {hook.deliveries.pending} waiting,{' '}
                      {hook.deliveries.failed} given up
                    </Text>
                    {hook.lastDeliveredAt ? (
                      <Text size="xs" c="dimmed">
                        Last {dateTimeText(hook.lastDeliveredAt)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={hook.lastError ? 'red' : 'dimmed'}>
                      {hook.lastError ?? 'None'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => {
                          update.reset();
                          setEditing(hook);
                        }}
                      >
                        Edit
                      </Button>
                      <Button
                        size="compact-sm"
                        color="red"
                        variant="light"
                        onClick={() => {
                          remove.reset();
                          setDeleting(hook);
                        }}
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}

      <Modal opened={creating} onClose={() => setCreating(false)} title="Add webhook">
        <WebhookForm
          initial={{
            name: '',
            url: 'https://',
            events: ['phishing.failed', 'phishing.reported'],
            active: true,
          }}
          submitLabel="Add webhook"
          pending={create.isPending}
          error={create.error}
          onSubmit={(values) =>
            create.mutate(values, {
              onSuccess: (created) => {
                setCreating(false);
                setSecret(created.signingSecret);
              },
            })
          }
        />
      </Modal>

      <Modal opened={secret !== null} onClose={() => setSecret(null)} title="Signing secret">
        <Stack>
          <Alert color="yellow">
            Copy this secret into the receiving tool now: Enamel shows it this once and keeps it encrypted.
          </Alert>
          {secret ? <CopyField label="Signing secret" value={secret} /> : null}
          <Group justify="flex-end">
            <Button onClick={() => setSecret(null)}>Done</Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title="Edit webhook">
        {editing ? (
          <WebhookForm
            initial={{
              name: editing.name,
              url: editing.url,
              events: editing.events as WebhookEvent[],
              active: editing.active,
            }}
            submitLabel="Save"
            pending={update.isPending}
            error={update.error}
            onSubmit={(values) =>
              update.mutate({ id: editing.id, input: values }, { onSuccess: () => setEditing(null) })
            }
          />
        ) : null}
      </Modal>

      <ConfirmActionModal
        opened={deleting !== null}
        title="Delete webhook"
        confirmLabel="Delete"
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() => {
          if (deleting) remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) });
        }}
      >
        <Text mb="md">
          Delete "{deleting?.name}"? Deliveries still waiting are dropped and the receiver gets nothing more.
        </Text>
      </ConfirmActionModal>
    </Paper>
  );
}
