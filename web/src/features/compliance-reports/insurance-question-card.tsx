import { Alert, Anchor, Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { InsuranceAnswer, InsuranceEvidence, SuggestedAnswer } from '../../api/compliance-reports.ts';

const answerColors: Record<SuggestedAnswer, string> = {
  yes: 'green',
  partly: 'yellow',
  no: 'red',
  unknown: 'gray',
};

const answerLabels: Record<SuggestedAnswer, string> = {
  yes: 'Yes',
  partly: 'Partly',
  no: 'No',
  unknown: 'Unknown',
};

const stateColors: Record<string, string> = {
  ok: 'green',
  pass: 'green',
  warn: 'yellow',
  stale: 'yellow',
  not_assessed: 'gray',
  not_applicable: 'gray',
  missing: 'gray',
  unknown: 'gray',
  failing: 'red',
  fail: 'red',
};

const stateLabel = (state: string) => state.replace('_', ' ');

function EvidenceItem({ item }: { item: InsuranceEvidence }) {
  switch (item.kind) {
    case 'control':
      return (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Badge
            size="sm"
            variant="light"
            style={{ flexShrink: 0 }}
            color={stateColors[item.status] ?? 'gray'}
          >
            {stateLabel(item.status)}
          </Badge>
          <Text size="sm">
            Control{' '}
            {item.status === 'unknown' ? (
              item.title
            ) : (
              <Anchor component={Link} to={`/compliance/controls/${encodeURIComponent(item.id)}`}>
                {item.title}
              </Anchor>
            )}
            <Text span c="dimmed" size="sm">
              {' '}
              · {item.reason}
              {item.nextExpiry ? ` · evidence expires ${item.nextExpiry.slice(0, 10)}` : ''}
            </Text>
          </Text>
        </Group>
      );
    case 'signal':
      return (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Badge
            size="sm"
            variant="light"
            style={{ flexShrink: 0 }}
            color={stateColors[item.state] ?? 'gray'}
          >
            {item.state}
          </Badge>
          <Text size="sm">
            Signal{' '}
            <Anchor component={Link} to="/compliance/signals">
              {item.title}
            </Anchor>
            <Text span c="dimmed" size="sm">
              {item.value === null || item.observedAt === null
                ? ' · no reading'
                : ` · ${item.value} ${item.unit} on ${item.observedAt.slice(0, 10)}`}
            </Text>
          </Text>
        </Group>
      );
    case 'vendors':
      return (
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <Badge
            size="sm"
            variant="light"
            style={{ flexShrink: 0 }}
            color={item.missing.length === 0 && item.withEphi > 0 ? 'green' : 'red'}
          >
            {item.signed}/{item.withEphi}
          </Badge>
          <Text size="sm">
            <Anchor component={Link} to="/compliance/vendors">
              Vendors with ePHI access
            </Anchor>{' '}
            with a signed, current BAA
          </Text>
        </Group>
      );
  }
}

export function InsuranceQuestionCard({ answer }: { answer: InsuranceAnswer }) {
  const critical = answer.warnings.some((w) => w.severity === 'critical');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={`insurance-${answer.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {answer.topic}
            </Text>
            <Text fw={500} id={`insurance-${answer.id}`}>
              {answer.text}
            </Text>
          </Stack>
          <Stack gap={4} align="flex-end">
            <Badge size="lg" color={answerColors[answer.suggested]} variant="filled">
              {answerLabels[answer.suggested]}
            </Badge>
            {answer.supported && (
              <Text size="xs" c="green">
                Supported by evidence
              </Text>
            )}
          </Stack>
        </Group>
        <Stack gap={6}>
          {answer.evidence.map((item) => (
            <EvidenceItem key={`${item.kind}:${'id' in item ? item.id : 'vendors'}`} item={item} />
          ))}
        </Stack>
        {answer.warnings.length > 0 && (
          <Alert
            color={critical ? 'red' : 'yellow'}
            variant="light"
            title={
              answer.suggested === 'yes' ? 'Check before answering' : 'The evidence does not support a "yes"'
            }
          >
            <List size="sm" spacing={4}>
              {answer.warnings.map((warning) => (
                <List.Item key={warning.message}>
                  <Text span size="sm" c={warning.severity === 'critical' ? 'red' : 'dark'}>
                    {warning.message}
                  </Text>{' '}
                  <Text span size="sm" c="dimmed">
                    {warning.fix}
                  </Text>
                </List.Item>
              ))}
            </List>
            <Text size="sm" mt="xs">
              To answer yes: {answer.toSupportYes}
            </Text>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
