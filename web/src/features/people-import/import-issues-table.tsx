import { Button, Code, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { ApiIssue } from '../../api/types.ts';

const pageSize = 200;

/** One row per problem the server found, in file order. */
export function ImportIssuesTable({ issues }: { issues: ApiIssue[] }) {
  const [shown, setShown] = useState(pageSize);
  const rows = new Set(issues.map((issue) => issue.line)).size;
  return (
    <>
      <Text mb="sm">
        {issues.length} problem{issues.length === 1 ? '' : 's'} in {rows} row{rows === 1 ? '' : 's'}. Nothing
        was imported. Fix the file and choose it again.
      </Text>
      <Table.ScrollContainer minWidth={600}>
        <Table striped aria-label="Import problems">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Line</Table.Th>
              <Table.Th>Column</Table.Th>
              <Table.Th>Code</Table.Th>
              <Table.Th>Message</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.slice(0, shown).map((issue, index) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: one response, never reordered; two issues may be identical.
              <Table.Tr key={index}>
                <Table.Td>{issue.line ?? '—'}</Table.Td>
                <Table.Td>{issue.column ?? '—'}</Table.Td>
                <Table.Td>
                  <Code>{issue.code}</Code>
                </Table.Td>
                <Table.Td>{issue.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {issues.length > shown && (
        <Button variant="default" mt="sm" onClick={() => setShown(shown + pageSize)}>
          Show more problems ({issues.length - shown} left)
        </Button>
      )}
    </>
  );
}
