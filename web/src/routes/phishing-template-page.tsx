import { Alert, Anchor, Button, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { type TemplateView, useDeleteTemplate, useTemplate } from '../api/phishing-templates.ts';
import { ConfirmActionModal } from '../components/confirm-action-modal.tsx';
import { DetailList } from '../components/detail-list.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { fillSample, HtmlPreview } from '../features/phishing-templates/html-preview.tsx';
import { RedFlagsList } from '../features/phishing-templates/red-flags-list.tsx';
import { inputOf, TemplateEditor, VariablesList } from '../features/phishing-templates/template-editor.tsx';
import {
  categoryLabels,
  DifficultyStars,
  SourceBadge,
} from '../features/phishing-templates/template-labels.tsx';

const backLink = (
  <Anchor component={Link} to="/phishing/templates" size="sm">
    ← All templates
  </Anchor>
);
const templateUrl = (id: string) => `/phishing/templates/${encodeURIComponent(id)}`;

/** A template as recipients see it, read-only (built-ins, and custom ones for readers). */
function TemplateReadOnly({ template, onCopy }: { template: TemplateView; onCopy?: () => void }) {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <Stack gap="sm">
          <Text size="sm">
            <strong>From:</strong> {fillSample(template.senderName)} &lt;{template.senderAddress}&gt;
            <br />
            <strong>Subject:</strong> {fillSample(template.subject)}
          </Text>
          <HtmlPreview html={fillSample(template.html)} title={`Preview of ${template.name}`} height={600} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <Stack>
          <Paper withBorder p="md">
            <DetailList
              items={[
                { label: 'Category', value: categoryLabels[template.category] },
                { label: 'Difficulty', value: <DifficultyStars value={template.difficulty} /> },
                { label: 'Source', value: <SourceBadge source={template.source} /> },
              ]}
            />
            {onCopy && (
              <Button mt="md" onClick={onCopy}>
                Copy to my templates
              </Button>
            )}
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              Red flags
            </Title>
            <RedFlagsList redFlags={template.redFlags} />
          </Paper>
          <Paper withBorder p="md">
            <Title order={2} size="h4" mb="sm">
              Variables
            </Title>
            <VariablesList variables={template.variables} />
          </Paper>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

function NewTemplate({ from }: { from: TemplateView | null }) {
  const navigate = useNavigate();
  const initial = from ? { ...inputOf(from), name: `${from.name} (copy)`.slice(0, 120) } : undefined;
  return (
    <>
      <PageHeader title={from ? `Copy of ${from.name}` : 'New template'} description={backLink} />
      <TemplateEditor
        template={null}
        {...(initial ? { initial } : {})}
        onSaved={(saved) => navigate(templateUrl(saved.id), { replace: true })}
        onCancel={() => navigate('/phishing/templates')}
      />
    </>
  );
}

export function PhishingTemplatePage() {
  const { templateId = '' } = useParams();
  const can = useCan();
  const navigate = useNavigate();
  const isNew = templateId === 'new';
  const template = useTemplate(isNew ? null : templateId);
  const remove = useDeleteTemplate();
  const [copying, setCopying] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const canWrite = can('phishing:write');

  if (isNew)
    return canWrite ? (
      <NewTemplate from={null} />
    ) : (
      <Alert color="yellow">Your role cannot create templates.</Alert>
    );
  if (template.isPending) return <PageLoader />;
  if (template.isError) return <QueryError error={template.error} onRetry={() => template.refetch()} />;
  const view = template.data;
  if (copying) return <NewTemplate from={view} />;

  return (
    <>
      <PageHeader
        title={view.name}
        description={backLink}
        badge={<SourceBadge source={view.source} />}
        actions={
          canWrite &&
          !view.builtin && (
            <Button color="red" variant="light" onClick={() => setConfirmDelete(true)}>
              Delete
            </Button>
          )
        }
      />
      {view.builtin || !canWrite ? (
        <TemplateReadOnly template={view} {...(canWrite ? { onCopy: () => setCopying(true) } : {})} />
      ) : (
        <TemplateEditor key={view.updatedAt ?? view.id} template={view} onSaved={() => undefined} />
      )}
      <ConfirmActionModal
        opened={confirmDelete}
        title="Delete this template?"
        confirmLabel="Delete template"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => remove.mutate(view.id, { onSuccess: () => navigate('/phishing/templates') })}
        onClose={() => setConfirmDelete(false)}
      >
        <Text mb="md">
          “{view.name}” will no longer be offered for campaigns. A template used by a campaign cannot be
          deleted.
        </Text>
      </ConfirmActionModal>
    </>
  );
}
