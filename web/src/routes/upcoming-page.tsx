import { Paper, Text } from '@mantine/core';
import { NotYetAvailableBadge } from '../components/not-yet-available-badge.tsx';
import { PageHeader } from '../components/page-header.tsx';
import type { UpcomingModule } from '../features/roadmap/upcoming-modules.ts';

export function UpcomingPage({ module }: { module: UpcomingModule }) {
  return (
    <>
      <PageHeader title={module.title} badge={<NotYetAvailableBadge />} />
      <Paper withBorder p="lg" radius="md" maw={760}>
        <Text fw={500} mb="sm">
          {module.summary}
        </Text>
        <Text c="dimmed">{module.details}</Text>
      </Paper>
    </>
  );
}
