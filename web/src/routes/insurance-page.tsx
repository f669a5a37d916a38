import { Badge, Group, Stack, Text } from '@mantine/core';
import { useInsuranceView } from '../api/compliance-reports.ts';
import { ForbiddenNotice } from '../components/forbidden-notice.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { InsuranceQuestionCard } from '../features/compliance-reports/insurance-question-card.tsx';
import { useCan } from '../features/identity/permissions.ts';

export function InsurancePage() {
  const can = useCan();
  const allowed = can('compliance:read');
  const view = useInsuranceView(allowed);
  if (!allowed) {
    return (
      <>
        <PageHeader title="Cyber-insurance answers" />
        <ForbiddenNotice />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Cyber-insurance answers"
        description="The security questions of cyber-insurance applications, answered from your live evidence: control status and signal readings. Answer yes only where the evidence supports it."
      />
      {view.isPending && <PageLoader label="Loading the answers" />}
      {view.isError && <QueryError error={view.error} onRetry={() => void view.refetch()} />}
      {view.isSuccess && (
        <Stack gap="md">
          <Group gap="xs">
            <Badge color="green" variant="light">
              {view.data.summary.yes} yes
            </Badge>
            <Badge color="yellow" variant="light">
              {view.data.summary.partly} partly
            </Badge>
            <Badge color="red" variant="light">
              {view.data.summary.no} no
            </Badge>
            <Badge color="gray" variant="light">
              {view.data.summary.unknown} unknown
            </Badge>
            <Text size="sm" c="dimmed">
              {view.data.summary.warnings} warning(s) · as of{' '}
              {view.data.generatedAt.slice(0, 16).replace('T', ' ')} UTC
            </Text>
          </Group>
          {view.data.questions.map((answer) => (
            <InsuranceQuestionCard key={answer.id} answer={answer} />
          ))}
        </Stack>
      )}
    </>
  );
}
