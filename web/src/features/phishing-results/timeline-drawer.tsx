import { Badge, Drawer, Group, Stack, Text, Timeline } from '@mantine/core';
import { useTimeline } from '../../api/phishing-results.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { dateTimeText, jobRoleLabels } from './format.ts';

interface TimelineDrawerProps {
  campaignId: string;
  messageId: string | null;
  onClose: () => void;
}

/** One recipient's events in order, with scanner events marked as not the person. */
export function TimelineDrawer({ campaignId, messageId, onClose }: TimelineDrawerProps) {
  const timeline = useTimeline(campaignId, messageId);
  const recipient = timeline.data?.recipient;
  return (
    <Drawer
      opened={messageId !== null}
      onClose={onClose}
      position="right"
      size="md"
      title="Recipient timeline"
    >
      {timeline.isPending && messageId !== null ? <PageLoader /> : null}
      {timeline.isError ? <QueryError error={timeline.error} onRetry={() => timeline.refetch()} /> : null}
      {recipient && timeline.data ? (
        <Stack>
          <div>
            <Text fw={600}>
              {recipient.sharedMailbox ? recipient.email : `${recipient.firstName} ${recipient.lastName}`}
            </Text>
            <Text size="sm" c="dimmed">
              {recipient.email} · {recipient.practiceName ?? 'No practice'} ·{' '}
              {jobRoleLabels[recipient.jobRole] ?? recipient.jobRole}
              {recipient.sharedMailbox ? ' · shared mailbox' : ''}
            </Text>
          </div>
          {timeline.data.events.length === 0 ? (
            <Text c="dimmed">Nothing happened yet.</Text>
          ) : (
            <Timeline bulletSize={14} lineWidth={2} aria-label="Events">
              {timeline.data.events.map((event) => (
                <Timeline.Item
                  key={event.id}
                  color={event.automated ? 'gray' : event.type === 'email_reported' ? 'green' : 'blue'}
                  title={
                    <Group gap="xs">
                      <Text size="sm" fw={500}>
                        {event.label}
                      </Text>
                      {event.automated ? (
                        <Badge size="xs" color="gray" variant="light">
                          Mail scanner, not counted
                        </Badge>
                      ) : null}
                    </Group>
                  }
                >
                  <Text size="xs" c="dimmed">
                    {dateTimeText(event.occurredAt)}
                    {event.userAgent ? ` · ${event.userAgent}` : ''}
                  </Text>
                </Timeline.Item>
              ))}
            </Timeline>
          )}
          {recipient.lastError ? (
            <Text size="sm" c="red">
              Server answer: {recipient.lastError}
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Drawer>
  );
}
