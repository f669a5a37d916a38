import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type EvidenceView, useControl, useReviewEvidence } from '../api/controls.ts';
import { usePracticeOptions } from '../api/practices.ts';
import { DetailList } from '../components/detail-list.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { ControlSettingsForm } from '../features/controls/control-settings-form.tsx';
import { EvidenceTable } from '../features/controls/evidence-table.tsx';
import { EvidenceUploadForm } from '../features/controls/evidence-upload-form.tsx';
import { SignalTable } from '../features/controls/signal-table.tsx';
import { ControlStatusBadge } from '../features/controls/status-badges.tsx';
import { WithdrawEvidenceModal } from '../features/controls/withdraw-evidence-modal.tsx';
import { useCan } from '../features/identity/permissions.ts';

function ids(list: string[]): string {
  return list.length > 0 ? list.join(', ') : '—';
}

export function ControlDetailPage() {
  const { controlId = '' } = useParams();
  const query = useControl(controlId);
  const practices = usePracticeOptions();
  const review = useReviewEvidence();
  const can = useCan();
  const [withdrawing, setWithdrawing] = useState<EvidenceView | null>(null);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const control = query.data;
  const practiceNames = Object.fromEntries((practices.data ?? []).map((p) => [p.id, p.name]));
  const canWrite = can('compliance:write');

  return (
    <>
      <PageHeader
        title={control.title}
        badge={<ControlStatusBadge status={control.status} />}
        description={control.description}
        actions={
          <Anchor component={Link} to="/compliance/controls">
            All controls
          </Anchor>
        }
      />
      <Stack gap="lg">
        <Card withBorder>
          <Text fw={600}>Why this status</Text>
          <Text>{control.reason}</Text>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Framework mapping
          </Title>
          <DetailList
            items={[
              { label: 'HIPAA Security Rule', value: ids(control.hipaa) },
              { label: 'NIST CSF 2.0', value: ids(control.csf) },
              { label: 'HICP practices', value: ids(control.hicp) },
              { label: 'HPH CPGs', value: ids(control.cpg) },
              { label: 'Category', value: control.categoryTitle },
              { label: 'Applies', value: control.scope === 'practice' ? 'Per practice' : 'DSO-wide' },
            ]}
          />
          <Text size="sm" mt="md">
            <b>What counts as evidence:</b> {control.evidenceGuidance} Evidence counts for{' '}
            {control.validityDays} days unless you set its expiry.
          </Text>
        </Card>
        {control.signalDetails.length > 0 && (
          <Card withBorder>
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Linked signals
              </Title>
              <Anchor component={Link} to="/compliance/signals" size="sm">
                All signals
              </Anchor>
            </Group>
            <SignalTable signals={control.signalDetails} showPractices />
          </Card>
        )}
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            Evidence history
          </Title>
          <EvidenceTable
            items={control.evidence}
            practiceNames={practiceNames}
            canChange={canWrite}
            onWithdraw={setWithdrawing}
            onReview={(evidence) => review.mutate(evidence.id)}
          />
        </Card>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {canWrite && (
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                Add evidence
              </Title>
              <EvidenceUploadForm controlId={control.id} validityDays={control.validityDays} />
            </Card>
          )}
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              Owner and applicability
            </Title>
            <ControlSettingsForm
              key={control.settings.updatedAt ?? 'new'}
              control={control}
              canChange={canWrite}
            />
          </Card>
        </SimpleGrid>
      </Stack>
      <WithdrawEvidenceModal evidence={withdrawing} onClose={() => setWithdrawing(null)} />
    </>
  );
}
