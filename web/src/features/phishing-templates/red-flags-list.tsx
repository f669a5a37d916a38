import { List, Text } from '@mantine/core';
import type { RedFlag } from '../../api/phishing-templates.ts';

export function RedFlagsList({ redFlags }: { redFlags: readonly RedFlag[] }) {
  if (redFlags.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        No red flags yet. Add what a careful reader could spot: the teachable-moment page shows them after a
        click.
      </Text>
    );
  }
  return (
    <List spacing="sm" size="sm" aria-label="Red flags">
      {redFlags.map((flag) => (
        <List.Item key={`${flag.label}-${flag.explanation.slice(0, 20)}`}>
          <Text fw={600} size="sm">
            {flag.label}
          </Text>
          <Text size="sm" c="dimmed">
            {flag.explanation}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
