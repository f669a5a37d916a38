import { Anchor, Button, Grid, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { CampaignStatus } from '../api/phishing-campaigns.ts';
import { resultsCsvUrl, summaryPdfUrl, useCampaignResults, useTrends } from '../api/phishing-results.ts';
import { PageHeader } from '../components/page-header.tsx';
import { PageLoader, QueryError } from '../components/query-status.tsx';
import { CampaignStatusBadge } from '../features/phishing-campaigns/campaign-status-badge.tsx';
import { BreakdownTable } from '../features/phishing-results/breakdown-table.tsx';
import { dateTimeText, jobRoleLabels, rateText } from '../features/phishing-results/format.ts';
import { FunnelChart } from '../features/phishing-results/funnel-chart.tsx';
import { HeadlineCards } from '../features/phishing-results/headline-cards.tsx';
import { RecipientsTable } from '../features/phishing-results/recipients-table.tsx';
import { RepeatOffenders } from '../features/phishing-results/repeat-offenders.tsx';
import { TrendsChart } from '../features/phishing-results/trends-chart.tsx';

function Section({
  title,
  children,
  description,
}: {
  title: string;
  children: ReactNode;
  description?: string;
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb={description ? 2 : 'sm'}>
        {title}
      </Title>
      {description ? (
        <Text size="sm" c="dimmed" mb="sm">
          {description}
        </Text>
      ) : null}
      {children}
    </Paper>
  );
}

/** A campaign's results: live progress, headline rates, charts, breakdowns, recipients and exports. */
export function PhishingCampaignPage() {
  const { campaignId = '' } = useParams();
  const results = useCampaignResults(campaignId);
  const trends = useTrends();
  if (results.isPending) return <PageLoader />;
  if (results.isError) return <QueryError error={results.error} onRetry={() => results.refetch()} />;
  const data = results.data;
  const { stats, campaign } = data;
  const sending = campaign.status === 'sending';
  // A scheduled or paused campaign may not have started yet: "Launched" would misstate a future date.
  const isUpcoming = new Date(campaign.launchAt).getTime() > Date.now();
  const done = stats.sent + stats.errors;
  const progress = stats.recipients === 0 ? 0 : Math.round((100 * done) / stats.recipients);
  return (
    <Stack>
      <PageHeader
        title={campaign.name}
        // Pause, resume and cancel live with the campaigns list; this header shows the status.
        badge={<CampaignStatusBadge status={campaign.status as CampaignStatus} />}
        description={`${isUpcoming ? 'Launches' : 'Launched'} ${dateTimeText(campaign.launchAt)}${
          data.practiceIds ? ` · your ${data.practiceIds.length} practice(s)` : ''
        }. An open alone is not a failure; mail-scanner clicks are shown apart.`}
        actions={
          <>
            <Button component="a" href={resultsCsvUrl(campaign.id)} variant="default">
              Download CSV
            </Button>
            <Button component="a" href={summaryPdfUrl(campaign.id)} variant="default">
              PDF summary
            </Button>
          </>
        }
      />
      <Paper withBorder p="md" radius="md" aria-label="Sending progress">
        <Group justify="space-between" mb={6}>
          <Text size="sm" fw={500}>
            {done} of {stats.recipients} processed: {stats.sent} sent, {stats.errors} could not be sent
          </Text>
          <Text size="sm" c="dimmed">
            {sending ? 'Updating every few seconds' : `${progress}%`}
          </Text>
        </Group>
        <Progress value={progress} animated={sending} aria-label={`${progress}% processed`} />
      </Paper>
      <HeadlineCards results={data} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section
            title="What recipients did"
            description="Reports and scanner events are kept apart from the funnel."
          >
            <FunnelChart stats={stats} />
          </Section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Section
            title="Trends across campaigns"
            description="Fail rate (red) and report rate (green) by launch date."
          >
            {trends.isError ? (
              <QueryError error={trends.error} />
            ) : (
              <TrendsChart points={trends.data?.items ?? []} />
            )}
          </Section>
        </Grid.Col>
      </Grid>
      <Section title="By practice" description="People only; shared mailboxes are listed below.">
        <BreakdownTable
          title="Practice"
          rows={data.byPractice.map((row) => ({
            ...row,
            key: row.practiceId ?? 'none',
            label: row.practiceName ?? 'No practice',
          }))}
        />
        {data.sharedMailboxes.recipients > 0 ? (
          <Text size="sm" mt="sm">
            Shared mailboxes: {data.sharedMailboxes.sent} sent, fail rate{' '}
            {rateText(data.sharedMailboxes.failRate)}, report rate {rateText(data.sharedMailboxes.reportRate)}
            .
          </Text>
        ) : null}
      </Section>
      <Section title="By job role">
        <BreakdownTable
          title="Job role"
          rows={data.byJobRole.map((row) => ({
            ...row,
            key: row.jobRole,
            label: jobRoleLabels[row.jobRole] ?? row.jobRole,
          }))}
        />
      </Section>
      <Section title="Recipients">
        <RecipientsTable results={data} live={sending} />
      </Section>
      <Section
        title="Repeat offenders"
        description="People who failed in several campaigns. Talk with them and assign a short refresher."
      >
        <RepeatOffenders />
      </Section>
      <Anchor component={Link} to="/phishing">
        All campaigns
      </Anchor>
    </Stack>
  );
}
