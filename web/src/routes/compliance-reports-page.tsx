import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { reportUrl, useSignOffHistory } from '../api/compliance-reports.ts';
import { ForbiddenNotice } from '../components/forbidden-notice.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { SignOffForm } from '../features/compliance-reports/sign-off-form.tsx';
import { SignOffHistoryTable, SignOffStatus } from '../features/compliance-reports/sign-off-history.tsx';
import { useCan } from '../features/identity/permissions.ts';

export function ComplianceReportsPage() {
  const can = useCan();
  const canExport = can('compliance:export');
  const history = useSignOffHistory(canExport);
  if (!canExport) {
    return (
      <>
        <PageHeader title="Risk-analysis report" />
        <ForbiddenNotice />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Risk-analysis report"
        description="The HIPAA security risk analysis (45 CFR 164.308(a)(1)(ii)(A)) as of now: scores per area and practice, areas of success and for review, the risk register and the remediation plan, signed off by the security official."
      />
      <Stack gap="md">
        <Paper withBorder radius="md" p="md">
          <Group justify="space-between" wrap="wrap" gap="sm">
            <Text size="sm" c="dimmed" maw={620}>
              The PDF is for auditors and insurers; the CSV holds the same data, one row per score, risk, task
              and control, with a section column to filter on.
            </Text>
            <Group gap="xs">
              <Button component="a" href={reportUrl('pdf')} download>
                Download PDF
              </Button>
              <Button component="a" href={reportUrl('csv')} download variant="default">
                Download CSV
              </Button>
            </Group>
          </Group>
        </Paper>
        {history.isPending && <PageLoader label="Loading the sign-offs" />}
        {history.isError && <QueryError error={history.error} onRetry={() => void history.refetch()} />}
        {history.isSuccess && <SignOffStatus history={history.data} />}
        {can('compliance:approve') && <SignOffForm />}
        {history.isSuccess && <SignOffHistoryTable history={history.data} />}
      </Stack>
    </>
  );
}
