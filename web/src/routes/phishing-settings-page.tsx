import { Paper, SimpleGrid, Stack, Title } from '@mantine/core';
import { useReportMailbox } from '../api/phishing-reporting.ts';
import { ForbiddenNotice } from '../components/forbidden-notice.tsx';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { useCan } from '../features/identity/permissions.ts';
import { ReportButtonGuide } from '../features/phishing-reporting/report-button-guide.tsx';
import { ReportMailboxForm } from '../features/phishing-reporting/report-mailbox-form.tsx';
import { WebhooksPanel } from '../features/phishing-results/webhooks-panel.tsx';

export function PhishingSettingsPage() {
  const can = useCan();
  const allowed = can('phishing:write');
  const mailbox = useReportMailbox(allowed);

  if (!allowed) {
    return (
      <>
        <PageHeader title="Report mailbox and webhooks" />
        <ForbiddenNotice />
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Report mailbox and webhooks"
        description="Where your people's reports reach Enamel: a reporting mailbox Enamel reads, or the built-in SMTP receiver. Reports of Enamel's simulations are recorded and thanked; other emails wait in Reported emails."
      />
      <Stack gap="lg">
        {mailbox.isPending ? (
          <PageLoader label="Loading the report mailbox" />
        ) : mailbox.isError ? (
          <QueryError error={mailbox.error} onRetry={() => void mailbox.refetch()} />
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Paper withBorder radius="md" p="md">
              <Title order={2} size="h3" mb="md">
                Report mailbox (IMAP)
              </Title>
              <ReportMailboxForm key={mailbox.dataUpdatedAt} view={mailbox.data} readOnly={false} />
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Title order={2} size="h3" mb="md">
                Point the report button at it
              </Title>
              <ReportButtonGuide view={mailbox.data} />
            </Paper>
          </SimpleGrid>
        )}
        <WebhooksPanel />
      </Stack>
    </>
  );
}
