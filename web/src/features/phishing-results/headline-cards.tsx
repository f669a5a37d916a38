import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { CampaignResults } from '../../api/phishing-results.ts';
import { durationText, rateText, resilienceText } from './format.ts';

function Card({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Paper withBorder p="md" radius="md" role="group" aria-label={label}>
      <Text size="sm" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text fz={30} fw={700} lh={1.2}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

/** Fail, report and miss rates and the resilience ratio, with what each one counts. */
export function HeadlineCards({ results }: { results: CampaignResults }) {
  const { stats } = results;
  const noFailures = stats.sent > 0 && stats.failed === 0;
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mb="lg">
      <Card
        label="Fail rate"
        value={rateText(stats.failRate)}
        hint={`${stats.failed} of ${stats.sent} clicked or entered details`}
      />
      <Card
        label="Report rate"
        value={rateText(stats.reportRate)}
        hint={`${stats.reported} reported; first after ${durationText(results.secondsToFirstReport)}`}
      />
      <Card
        label="Miss rate"
        value={rateText(stats.missRate)}
        hint={`${stats.missed} neither failed nor reported`}
      />
      <Card
        label="Resilience ratio"
        value={resilienceText(stats)}
        hint={noFailures ? 'no failures' : 'report rate ÷ fail rate; above 1 is good'}
      />
    </SimpleGrid>
  );
}
