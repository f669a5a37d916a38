import { Table, Text } from '@mantine/core';
import type { SignalSummary } from '../../api/controls.ts';
import { formatDateTime } from '../../components/format.ts';
import { formatSignalValue, SignalStateBadge, thresholdText } from './status-badges.tsx';

/** Signals with the value that speaks for the scope, its state and the thresholds. */
export function SignalTable({
  signals,
  showPractices = false,
}: {
  signals: SignalSummary[];
  showPractices?: boolean;
}) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table aria-label="Live signals">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Signal</Table.Th>
            <Table.Th>Value</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Observed</Table.Th>
            <Table.Th>Thresholds</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {signals.map((signal) => (
            <Table.Tr key={signal.id}>
              <Table.Td>
                <Text fw={600} size="sm">
                  {signal.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {signal.description}
                </Text>
                {showPractices && signal.readings.length > 0 && (
                  <Text size="xs" mt={4}>
                    {signal.readings
                      .map(
                        (r) =>
                          `${r.practiceName ?? 'DSO-wide'}: ${formatSignalValue(r.value, signal.unit)} (${r.state})`,
                      )
                      .join(' · ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{formatSignalValue(signal.value, signal.unit)}</Table.Td>
              <Table.Td>
                <SignalStateBadge state={signal.state} />
              </Table.Td>
              <Table.Td>{formatDateTime(signal.observedAt)}</Table.Td>
              <Table.Td>
                <Text size="sm">{thresholdText(signal)}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
