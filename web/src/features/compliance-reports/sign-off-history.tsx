import { Alert, Code, Paper, Table, Text, Title } from '@mantine/core';
import type { SignOffHistory } from '../../api/compliance-reports.ts';

export function SignOffStatus({ history }: { history: SignOffHistory }) {
  const latest = history.items[0];
  if (!latest) {
    return (
      <Alert color="yellow" title="Not yet signed off">
        The security official has not signed off the risk analysis yet.
      </Alert>
    );
  }
  const when = `${latest.signedAt.slice(0, 10)} by ${latest.signerName}, ${latest.signerTitle}`;
  return history.changedSinceSignOff ? (
    <Alert color="red" title="Changed since sign-off">
      Signed off {when}; the data has changed since (answers, risks, tasks or control status). Review the
      report and sign it off again.
    </Alert>
  ) : (
    <Alert color="green" title="Signed off, unchanged">
      Signed off {when}; the report's data is what was signed.
    </Alert>
  );
}

export function SignOffHistoryTable({ history }: { history: SignOffHistory }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="sm">
        Sign-off history
      </Title>
      {history.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          No sign-off yet.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" aria-label="Sign-off history">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Signed</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Statement</Table.Th>
                <Table.Th>Data fingerprint</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>{item.signedAt.slice(0, 16).replace('T', ' ')} UTC</Table.Td>
                  <Table.Td>
                    {item.signerName}
                    <Text size="xs" c="dimmed">
                      {item.signerTitle}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={360}>
                    <Text size="sm">{item.statement}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{item.contentSha256.slice(0, 12)}</Code>
                    {item.contentSha256 === history.currentSha256 && (
                      <Text size="xs" c="green">
                        matches the data now
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
