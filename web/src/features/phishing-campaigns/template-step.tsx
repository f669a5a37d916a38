import {
  Badge,
  Button,
  Checkbox,
  Grid,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTemplateDetail, useTemplateOptions } from '../../api/phishing-campaigns.ts';
import { humanize } from '../../components/format.ts';
import { PageLoader, QueryError } from '../../components/query-status.tsx';
import { EmailFrame } from './email-frame.tsx';

const difficultyColors = ['', 'green', 'lime', 'yellow', 'orange', 'red'];

export function DifficultyBadge({ difficulty }: { difficulty: number }) {
  return (
    <Badge
      color={difficultyColors[difficulty] ?? 'gray'}
      variant="light"
      aria-label={`Difficulty ${difficulty} of 5`}
    >
      {difficulty}/5
    </Badge>
  );
}

interface TemplateStepProps {
  selected: string[];
  onChange: (ids: string[]) => void;
}

export function TemplateStep({ selected, onChange }: TemplateStepProps) {
  const templates = useTemplateOptions();
  const [previewId, setPreviewId] = useState<string | null>(null);
  const preview = useTemplateDetail(previewId);
  const toggle = (id: string, on: boolean) =>
    onChange(on ? [...selected, id] : selected.filter((value) => value !== id));
  if (templates.isPending) return <PageLoader label="Loading templates" />;
  if (templates.isError)
    return <QueryError error={templates.error} onRetry={() => void templates.refetch()} />;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Text size="sm" c="dimmed" mb="xs">
          Each recipient gets one of the chosen templates at random, so colleagues cannot warn each other
          about “the” email. {selected.length} chosen.
        </Text>
        <Table.ScrollContainer minWidth={520}>
          <Table aria-label="Templates to choose from" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <VisuallyHidden>Use</VisuallyHidden>
                </Table.Th>
                <Table.Th>Template</Table.Th>
                <Table.Th>Category</Table.Th>
                <Table.Th>Difficulty</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data.map((template) => (
                <Table.Tr key={template.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Use ${template.name}`}
                      checked={selected.includes(template.id)}
                      onChange={(event) => toggle(template.id, event.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {template.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {template.subject}
                    </Text>
                  </Table.Td>
                  <Table.Td>{humanize(template.category.replaceAll('-', '_'))}</Table.Td>
                  <Table.Td>
                    <DifficultyBadge difficulty={template.difficulty} />
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => setPreviewId(template.id)}>
                      Preview
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Paper withBorder p="sm" radius="md">
          {previewId === null && (
            <Text size="sm" c="dimmed">
              Choose “Preview” to see a template as recipients will see it.
            </Text>
          )}
          {preview.isPending && previewId !== null && <PageLoader label="Loading the template" />}
          {preview.isError && <QueryError error={preview.error} />}
          {preview.data && (
            <Stack gap="xs">
              <Group justify="space-between">
                <Title order={3} size="h5">
                  {preview.data.name}
                </Title>
                <DifficultyBadge difficulty={preview.data.difficulty} />
              </Group>
              <Text size="sm">
                <strong>From:</strong> {preview.data.senderName}
              </Text>
              <Text size="sm">
                <strong>Subject:</strong> {preview.data.subject}
              </Text>
              <EmailFrame html={preview.data.html} title={`Preview of ${preview.data.name}`} />
            </Stack>
          )}
        </Paper>
      </Grid.Col>
    </Grid>
  );
}
