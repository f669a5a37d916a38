import { Anchor, Button, Grid, Group, Paper, Rating, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type TemplateCategory,
  type TemplateFilters,
  templateCategories,
  useTemplate,
  useTemplates,
} from '../api/phishing-templates.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { fillSample, HtmlPreview } from '../features/phishing-templates/html-preview.tsx';
import { ImportEmlModal, ImportGophishModal } from '../features/phishing-templates/import-modals.tsx';
import { RedFlagsList } from '../features/phishing-templates/red-flags-list.tsx';
import {
  categoryLabels,
  DifficultyStars,
  SourceBadge,
} from '../features/phishing-templates/template-labels.tsx';

const templateUrl = (id: string) => `/phishing/templates/${encodeURIComponent(id)}`;

function TemplatePreviewPanel({ id }: { id: string }) {
  const template = useTemplate(id);
  if (template.isPending) return <PageLoader />;
  if (template.isError) return <QueryError error={template.error} onRetry={() => template.refetch()} />;
  const view = template.data;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {view.name}
        </Title>
        <Anchor component={Link} to={templateUrl(view.id)}>
          {view.builtin ? 'Open' : 'Open and edit'}
        </Anchor>
      </Group>
      <Text size="sm">
        <strong>From:</strong> {fillSample(view.senderName)} &lt;{view.senderAddress}&gt;
        <br />
        <strong>Subject:</strong> {fillSample(view.subject)}
      </Text>
      <HtmlPreview html={fillSample(view.html)} title={`Preview of ${view.name}`} height={420} />
      <Title order={3} size="h5">
        Red flags
      </Title>
      <RedFlagsList redFlags={view.redFlags} />
    </Stack>
  );
}

export function PhishingTemplatesPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<TemplateFilters>({});
  const [selected, setSelected] = useState<string | null>(null);
  const [importing, setImporting] = useState<'eml' | 'gophish' | null>(null);
  const templates = useTemplates(filters);
  const canWrite = can('phishing:write');

  return (
    <>
      <PageHeader
        title="Phishing templates"
        description="Realistic dental lures, each with a difficulty and the red flags a careful reader could spot. Built-in lures are ready to use; copy one to adapt it, or import an email or a GoPhish export."
        actions={
          canWrite && (
            <>
              <Button variant="default" onClick={() => setImporting('eml')}>
                Import .eml
              </Button>
              <Button variant="default" onClick={() => setImporting('gophish')}>
                Import from GoPhish
              </Button>
              <Button onClick={() => navigate('/phishing/templates/new')}>New template</Button>
            </>
          )
        }
      />
      <Group mb="md" gap="lg" align="flex-end" wrap="wrap">
        <Select
          label="Category"
          clearable
          placeholder="All categories"
          data={templateCategories.map((value) => ({ value, label: categoryLabels[value] }))}
          value={filters.category ?? null}
          onChange={(value) => setFilters({ ...filters, category: (value as TemplateCategory) ?? undefined })}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Difficulty
          </Text>
          <Group gap="xs">
            <Rating
              value={filters.difficulty ?? 0}
              count={5}
              onChange={(value) => setFilters({ ...filters, difficulty: value })}
              aria-label="Only this difficulty"
            />
            {filters.difficulty !== undefined && (
              <Button
                variant="subtle"
                size="compact-xs"
                onClick={() => setFilters({ ...filters, difficulty: undefined })}
              >
                Any difficulty
              </Button>
            )}
          </Group>
        </Stack>
      </Group>
      {templates.isPending ? (
        <PageLoader />
      ) : templates.isError ? (
        <QueryError error={templates.error} onRetry={() => templates.refetch()} />
      ) : templates.data.items.length === 0 ? (
        <Text c="dimmed">No template matches these filters.</Text>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Table.ScrollContainer minWidth={560}>
              <Table highlightOnHover aria-label="Phishing templates">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Template</Table.Th>
                    <Table.Th>Category</Table.Th>
                    <Table.Th>Difficulty</Table.Th>
                    <Table.Th>Red flags</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {templates.data.items.map((template) => (
                    <Table.Tr
                      key={template.id}
                      {...(selected === template.id ? { bg: 'var(--mantine-color-blue-light)' } : {})}
                    >
                      <Table.Td>
                        <Anchor component="button" onClick={() => setSelected(template.id)}>
                          {template.name}
                        </Anchor>
                        <Group gap={6} mt={2}>
                          <SourceBadge source={template.source} />
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {template.subject}
                          </Text>
                        </Group>
                      </Table.Td>
                      <Table.Td>{categoryLabels[template.category]}</Table.Td>
                      <Table.Td>
                        <DifficultyStars value={template.difficulty} />
                      </Table.Td>
                      <Table.Td>{template.redFlagCount}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 6 }}>
            <Paper withBorder p="md">
              {selected ? (
                <TemplatePreviewPanel id={selected} />
              ) : (
                <Text c="dimmed">Choose a template to preview it and see its red flags.</Text>
              )}
            </Paper>
          </Grid.Col>
        </Grid>
      )}
      {importing === 'eml' && (
        <ImportEmlModal
          onClose={() => setImporting(null)}
          onImported={(template) => navigate(templateUrl(template.id))}
        />
      )}
      {importing === 'gophish' && <ImportGophishModal onClose={() => setImporting(null)} />}
    </>
  );
}
