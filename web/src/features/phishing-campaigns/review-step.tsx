import { Grid, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useAudiencePreview, useTemplateOptions } from '../../api/phishing-campaigns.ts';
import { DetailList } from '../../components/detail-list.tsx';
import { formatDateTime, formatNumber } from '../../components/format.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { EmailFrame } from './email-frame.tsx';
import { audienceOf, toCreateInput, type WizardState, weekdayOptions } from './wizard-state.ts';

export function ReviewStep({ state }: { state: WizardState }) {
  const input = toCreateInput(state);
  const templates = useTemplateOptions();
  const [shown, setShown] = useState<string | null>(state.templateIds[0] ?? null);
  const preview = useAudiencePreview(audienceOf(state), shown);
  const names = state.templateIds.map((id) => templates.data?.find((t) => t.id === id)?.name ?? id);
  const days = weekdayOptions
    .filter((day) => state.hours.days.includes(day.value))
    .map((day) => day.label)
    .join(', ');
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <DetailList
          items={[
            { label: 'Name', value: input.name },
            { label: 'Templates', value: names.join(', ') },
            {
              label: 'Recipients',
              value: preview.data ? formatNumber(preview.data.total) : '…',
            },
            { label: 'Launch', value: formatDateTime(input.launchAt || null) },
            {
              label: 'Send by',
              value: input.sendBy ? formatDateTime(input.sendBy) : 'As soon as each practice opens',
            },
            { label: 'Business hours', value: `${state.hours.start}–${state.hours.end}, ${days}` },
            {
              label: 'Landing page',
              value: state.landingPageId === null ? 'Built-in teachable page' : 'Your own page',
            },
          ]}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper withBorder p="sm" radius="md">
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h5">
              Email preview
            </Title>
            {state.templateIds.length > 1 && (
              <Select
                aria-label="Template to preview"
                data={state.templateIds.map((id, i) => ({ value: id, label: names[i] ?? id }))}
                value={shown}
                onChange={setShown}
                allowDeselect={false}
                w={260}
              />
            )}
          </Group>
          {preview.isPending && <PageLoader label="Rendering the preview" />}
          {preview.isError && <QueryError error={preview.error} />}
          {preview.data?.email && (
            <Stack gap="xs">
              <Text size="sm">
                <strong>To:</strong> {preview.data.email.recipientEmail}
              </Text>
              <Text size="sm">
                <strong>From:</strong> {preview.data.email.senderName} &lt;{preview.data.email.senderAddress}
                &gt;
              </Text>
              <Text size="sm">
                <strong>Subject:</strong> {preview.data.email.subject}
              </Text>
              <EmailFrame
                html={preview.data.email.html}
                title="Preview of the email for a sample recipient"
              />
              <Text size="xs" c="dimmed">
                Links in the preview record nothing. Each recipient gets one of the chosen templates at
                random.
              </Text>
            </Stack>
          )}
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
